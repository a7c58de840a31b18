#!/usr/bin/env bash
# Opens Gatehouse against a local Stytch emulator seeded with the demo organization, so you can
# sign in without a Stytch account. Installs what it needs first (idempotent).
#   The emulator's inbox (emails with their link, SMS with their code) is at http://127.0.0.1:8787/
#   Clicking the email's link goes through the real deep-link path: browser → xdg-open → Gatehouse.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
port="${GATEHOUSE_DEMO_PORT:-8787}"

./scripts/bootstrap.sh
(cd ui && npx vite build --logLevel warn)
cargo build --quiet -p gatehouse -p stytch-emulator -p gatehouse-admin --bins

demo="$repo/target/demo"
mkdir -p "$demo"
"$repo/target/debug/stytch-emulator" --listen "127.0.0.1:$port" >"$demo/emulator.out" 2>"$demo/emulator.log" &
emulator=$!
trap 'kill $emulator 2>/dev/null || true' EXIT
for _ in $(seq 50); do grep -q 'listening on' "$demo/emulator.out" && break; sleep 0.1; done
base=$(sed -n 's/^stytch-emulator listening on //p' "$demo/emulator.out")
[ -n "$base" ] || { echo "demo: the emulator did not start (is port $port free? set GATEHOUSE_DEMO_PORT)" >&2; cat "$demo/emulator.log" >&2; exit 1; }
project=$(curl -fsS "$base/emulator/project")

# The shipped configuration: the client SDK API on the public token (no secret on the desktop).
cat >"$demo/config.toml" <<TOML
[stytch]
project_id = "$(jq -r .project_id <<<"$project")"
public_token = "$(jq -r .public_token <<<"$project")"
api_base = "$base"

[organization]
slug = "example-org"
TOML

run_app() {
  # The package's desktop entry, pointing at this build, as the gatehouse:// handler — so a
  # clicked link reaches the app the way it will on an employee's machine.
  apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
  mkdir -p "$apps"
  sed -e "s|{{exec}}|$repo/target/debug/gatehouse|g" -e 's|{{categories}}|Utility;|' \
      -e 's|{{icon}}|gatehouse|' -e 's|{{name}}|Gatehouse|' -e '/^{{/d' -e '/^Comment=/d' \
      packaging/gatehouse.desktop >"$apps/gatehouse.desktop"
  update-desktop-database "$apps" >/dev/null 2>&1 || true
  xdg-mime default gatehouse.desktop x-scheme-handler/gatehouse || true

  echo
  echo "Gatehouse is opening against the demo organization \"Example Org\"."
  echo "  Sign in as ada@example.com (no phone yet) or grace@example.com (phone on file)."
  echo "  Inbox for every email and SMS: $base/"
  echo
  GATEHOUSE_DEVELOPMENT=1 GATEHOUSE_CONFIG="$demo/config.toml" "$repo/target/debug/gatehouse" &
  app=$!
  if [ -n "${GATEHOUSE_DEMO_SCREENSHOT:-}" ]; then
    sleep 6
    kill -0 $app 2>/dev/null || { echo "demo: Gatehouse exited early" >&2; return 1; }
    import -window root "$GATEHOUSE_DEMO_SCREENSHOT"; kill $app; return 0
  else
    (command -v xdg-open >/dev/null && sleep 2 && xdg-open "$base/" >/dev/null 2>&1 || true) &
  fi
  wait $app || true
}

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  run_app
else
  echo "demo: no display here, so Gatehouse runs on a virtual one (Xvfb); its screenshot: $demo/gatehouse.png"
  export GATEHOUSE_DEMO_SCREENSHOT="$demo/gatehouse.png" repo base demo
  export -f run_app
  ./scripts/desktop-session.sh bash -c run_app
fi
