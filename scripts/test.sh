#!/usr/bin/env bash
# Runs every Gatehouse test; fails if any fails. Installs what it needs first (idempotent).
#   the supply-chain policy (cargo deny), formatting, clippy, the UI's type check
#   and unit tests, then every cargo test of the workspace — the keychain and end-to-end ones
#   inside a private desktop session (Xvfb, dbus, gnome-keyring unlocked) with the real window
#   driven through WebDriver.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "bootstrap"
./scripts/bootstrap.sh

# Duplicate versions are warnings (Tauri pulls several); graphs hidden to keep the log short:
# `cargo tree -i <crate> --workspace --target all` shows what pulls a crate in.
step "cargo deny: bans, licenses, sources (deny.toml); not advisories: its database is on github.com, unreachable here"
cargo deny --locked check --hide-inclusion-graph bans licenses sources

step "cargo fmt --check"
cargo fmt --all -- --check

step "the sign-in core depends on no Tauri, wry or WebKit crate"
if cargo tree -p gatehouse-core --locked -e normal,build --prefix none | grep -Ei '^(tauri|wry|webkit|gtk|tao)[-_ ]'; then
  echo "gatehouse-core must not depend on the crates above" >&2; exit 1
fi

step "the UI's types are the ones generated from Rust"
cargo test -p gatehouse-core --locked --lib --quiet export_bindings >/dev/null
if ! git diff --exit-code -- ui/src/generated || [ -n "$(git ls-files --others --exclude-standard ui/src/generated)" ]; then
  echo "ui/src/generated differs from what the Rust types generate: run cargo test -p gatehouse-core and commit it" >&2; exit 1
fi

step "ui: type check, unit tests, build"
(cd ui && npm run --silent typecheck && npm run --silent test && npx vite build --logLevel warn)

step "cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "cargo build (the app, the emulator and every test)"
cargo build --workspace --all-targets --locked

step "the demo's walk-through (scripts/demo.sh --headless): it signs in by itself and photographs every screen"
# The README's first command, on its own virtual display and a free port: it fails if a screen is
# missing, which is what broke when the desktop entry named a launcher the demo did not build.
GATEHOUSE_DEMO_PORT=0 ./scripts/demo.sh --headless

step "cargo test, inside a private desktop session"
./scripts/desktop-session.sh cargo test --workspace --locked --no-fail-fast -- "$@"

step "the installed package: dpkg -i, the link handler, xdg-open, gatehouse doctor, removal"
./scripts/package-install-test.sh

step "all tests passed"
