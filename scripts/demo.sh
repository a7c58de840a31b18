#!/usr/bin/env bash
# Opens Gatehouse. Installs what it needs first (idempotent).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/bootstrap.sh
(cd ui && npx vite build --logLevel warn)
cargo build -p gatehouse
if [ -z "${DISPLAY:-}" ]; then
  echo "demo: no DISPLAY; starting Gatehouse on a virtual display (Xvfb), screenshot in target/demo.png"
  exec ./scripts/desktop-session.sh bash -c './target/debug/gatehouse & sleep 8; import -window root target/demo.png; wait'
fi
exec ./target/debug/gatehouse
