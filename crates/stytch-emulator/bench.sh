#!/usr/bin/env bash
# Benchmark of the emulator on loopback: builds release, starts the binary, and drives it from a
# second process (examples/loadgen.rs). Prints req/s and latency percentiles of
# sessions/authenticate and magic_links/authenticate.
# Usage: crates/stytch-emulator/bench.sh [SECONDS=10] [CONNECTIONS=32] [TOKENS=5000]
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_PHASE="${1:-10}"
CONNECTIONS="${2:-32}"
TOKENS="${3:-5000}"

cargo build --release -p stytch-emulator --bin stytch-emulator --example loadgen

OUT="$(mktemp)"
LOG="$(mktemp)"
target/release/stytch-emulator --listen 127.0.0.1:0 >"$OUT" 2>"$LOG" &
EMULATOR_PID=$!
trap 'kill "$EMULATOR_PID" 2>/dev/null || true; rm -f "$OUT" "$LOG"' EXIT
for _ in $(seq 1 100); do
  grep -q 'listening on' "$OUT" && break
  sleep 0.1
done
BASE="$(sed -n 's/^stytch-emulator listening on //p' "$OUT")"
[ -n "$BASE" ] || { echo "bench: the emulator did not start" >&2; cat "$LOG" >&2; exit 1; }

echo "machine: $(nproc) cores, $(uname -sr)"
target/release/examples/loadgen "$BASE" "$SECONDS_PER_PHASE" "$CONNECTIONS" "$TOKENS"
