#!/usr/bin/env bash
# Installs what Gatehouse needs on Debian 12, as root, in two sets:
#   scripts/bootstrap.sh demo   to build and run the app and the emulator (what demo.sh runs)
#   scripts/bootstrap.sh        the demo's set plus what only the tests and packaging use
#                               (WebDriver, cargo-deny, tauri-driver, wrk, dpkg-dev, procps)
# Idempotent: each step checks first and skips what is already there, so a second run is quick.
set -euo pipefail
cd "$(dirname "$0")/.."
case ${1:-test} in
  demo) for_tests="" ;;
  test) for_tests=1 ;;
  *) echo "usage: $0 [demo|test]" >&2; exit 64 ;;
esac

DEBIAN_PACKAGES=(
  # build
  build-essential pkg-config libssl-dev libwebkit2gtk-4.1-dev librsvg2-dev
  # the window and its screenshots under Xvfb
  xvfb xauth imagemagick
  # keyboard shortcuts pressed as a person would (GTK accelerators: WebDriver cannot reach them)
  xdotool
  # the real keychain: gnome-keyring's Secret Service in a private dbus session
  gnome-keyring libsecret-tools dbus-x11 libdbus-1-dev
  # deep links: desktop entries, xdg-open, gio open
  xdg-utils desktop-file-utils libglib2.0-bin
  # answers GTK's portal lookup at window start (otherwise it may stall ~25 s)
  xdg-desktop-portal xdg-desktop-portal-gtk
  # scripts (the emulator's project, its outbox)
  curl ca-certificates jq
)
TEST_PACKAGES=(
  # the real window driven through WebDriver
  webkit2gtk-driver
  # benchmarks
  wrk
  # the package install test finds and stops the app it started (pgrep, pkill)
  procps
  # the clipboard as a person's other programs see it (the copied-secret test)
  xclip
  # IT's gatehouse-admin .deb: dpkg-shlibdeps works out its dependencies (build-essential
  # brings it too; named for what uses it)
  dpkg-dev
)
[ -z "$for_tests" ] || DEBIAN_PACKAGES+=("${TEST_PACKAGES[@]}")

missing=()
for p in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "bootstrap: installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The UI's npm packages, including the tauri CLI (a prebuilt binary inside the npm package).
if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  echo "bootstrap: npm ci in ui/"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
fi

[ -n "$for_tests" ] || exit 0

# tauri-driver, the WebDriver front for Tauri apps (the cargo one: the npm one breaks npm ci).
if ! command -v tauri-driver >/dev/null 2>&1; then
  echo "bootstrap: cargo install tauri-driver"
  cargo install tauri-driver --locked --quiet
fi

# cargo-deny, for the supply-chain policy in deny.toml. Pinned: its config format changes between
# releases. Built from source (no prebuilt binary without github.com): ~5 min on 2 cores.
CARGO_DENY_VERSION=0.20.2
if [ "$(cargo-deny --version 2>/dev/null)" != "cargo-deny $CARGO_DENY_VERSION" ]; then
  echo "bootstrap: cargo install cargo-deny@$CARGO_DENY_VERSION"
  cargo install "cargo-deny@$CARGO_DENY_VERSION" --locked --quiet
fi
