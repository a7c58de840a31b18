#!/usr/bin/env bash
# Builds the release app (as the packages ship it) and the emulator, then prints the start-up
# figures of scripts/bench-startup.py, inside a private desktop session (Xvfb, dbus, keyring).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/bootstrap.sh
(cd ui && npx vite build --logLevel warn)
cargo build --release --features tauri/custom-protocol -p gatehouse --bin gatehouse
cargo build --release -p stytch-emulator --bin stytch-emulator
exec ./scripts/desktop-session.sh python3 scripts/bench-startup.py "$@"
