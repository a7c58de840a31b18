#!/usr/bin/env bash
# Gatehouse against a bare Tauri 2 window, release builds as packaged: builds both (and the .deb
# and .rpm), then prints one table (scripts/bench.py) from a private desktop session.
#   scripts/bench.sh [PAIRS]    (default 15)
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/bootstrap.sh
# The same release profile for both, or the comparison (and the shared build) is off.
diff <(sed -n '/^\[profile.release\]/,/^$/p' Cargo.toml) <(sed -n '/^\[profile.release\]/,/^$/p' bench/bare/Cargo.toml) \
  || { echo "bench: bench/bare/Cargo.toml's [profile.release] differs from Gatehouse's" >&2; exit 1; }
./scripts/package.sh
(cd bench/bare && CARGO_TARGET_DIR=../../target cargo build --release --features custom-protocol --quiet)
cargo build --release -p stytch-emulator --bin stytch-emulator --quiet
mkdir -p target/bench
# The table on stdout; progress and the desktop session's chatter in a log.
./scripts/desktop-session.sh python3 scripts/bench.py "$@" 2>target/bench/session.log \
  || { echo "bench: failed; see target/bench/session.log" >&2; tail -n 20 target/bench/session.log >&2; exit 1; }
