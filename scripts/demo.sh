#!/usr/bin/env bash
# Opens Gatehouse against a local Stytch emulator seeded with the demo organization, so you can
# sign in without a Stytch account; after sign-in the window shows the emulator's demo workspace.
# Installs what it needs first (idempotent).
#   The emulator's inbox (emails with their link, SMS with their code) is at http://127.0.0.1:8787/
#   Clicking the email's link goes through the real deep-link path: browser → xdg-open → Gatehouse.
# Without a display, it signs in as grace@example.com by itself on a virtual one — typing in the
# real window, the link through xdg-open, the code from the emulator's outbox — and saves a
# screenshot of every screen under target/demo/ (the workspace last). Logs go to target/demo/*.log.
#   --headless   the walk-through even when a display is set (scripts/test.sh runs it so)
# Installs (scripts/bootstrap.sh demo) and builds only what it runs: the app, its link launcher
# (gatehouse-open, which the desktop entry runs) and the emulator.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
port="${GATEHOUSE_DEMO_PORT:-8787}"
headless=""
case ${1:-} in
  --headless) headless=1 ;;
  "") ;;
  *) echo "usage: $0 [--headless]" >&2; exit 64 ;;
esac

./scripts/bootstrap.sh demo
(cd ui && npx vite build --logLevel warn)
cargo build --quiet --locked -p gatehouse -p gatehouse-open -p stytch-emulator --bin gatehouse --bin gatehouse-open --bin stytch-emulator

demo="$repo/target/demo"
mkdir -p "$demo"
. "$repo/scripts/emulator.sh"
trap emulator_stop EXIT
emulator_start "$repo/target/debug/stytch-emulator" "127.0.0.1:$port" "$demo" \
  || { echo "demo: the emulator did not start (is port $port free? set GATEHOUSE_DEMO_PORT)" >&2; cat "$demo/emulator.log" >&2; exit 1; }
base=$emulator_base workspace=$emulator_workspace
# The shipped configuration (see scripts/emulator.sh), and the emulator's demo workspace.
emulator_config "$demo/config.toml" "Example Workspace" || { echo "demo: could not read the emulator's project" >&2; exit 1; }

# The package's desktop entry, running this build's launcher, as the gatehouse:// handler — so a
# clicked link reaches the app the way it will on an employee's machine. A file name of its own,
# so an installed package's gatehouse.desktop is never shadowed; the previous handler comes back
# on exit.
entry_file=gatehouse-demo.desktop
install_handler() {
  previous_handler=$("$repo/scripts/desktop-entry.sh" install "$repo/target/debug/gatehouse-open" "$entry_file")
}

run_app() {
  # The trap first: an install that fails half-way is undone too.
  previous_handler=$("$repo/scripts/desktop-entry.sh" previous)
  trap 'emulator_stop; "$repo/scripts/desktop-entry.sh" restore "$entry_file" "$previous_handler"' EXIT
  install_handler
  echo
  echo "Gatehouse is opening against the demo organization \"Example Org\"."
  echo "  Sign in as ada@example.com (no phone yet) or grace@example.com (phone on file)."
  echo "  Inbox for every email and SMS: $base/"
  echo "  After sign-in the window shows the demo workspace ($workspace)."
  echo
  GATEHOUSE_DEVELOPMENT=1 GATEHOUSE_CONFIG="$demo/config.toml" "$repo/target/debug/gatehouse" &
  app=$!
  (command -v xdg-open >/dev/null && sleep 2 && xdg-open "$base/" >/dev/null 2>&1 || true) &
  wait $app || true
}

# The walk-through on a virtual display: every screen of grace's sign-in, photographed.
walk() {
  set -euo pipefail
  install_handler
  log="$demo/gatehouse.log"
  GATEHOUSE_DEVELOPMENT=1 GATEHOUSE_CONFIG="$demo/config.toml" "$repo/target/debug/gatehouse" >"$log" 2>&1 &
  app=$!
  trap 'kill $app 2>/dev/null || true' EXIT
  fail() { echo "demo: $1 (Gatehouse's log: $log)" >&3; exit 1; }
  # Waits for the core to report a screen (its log line "view" names it).
  wait_screen() {
    for _ in $(seq 300); do
      grep -q "screen=\"$1\"" "$log" && return 0
      kill -0 $app 2>/dev/null || fail "Gatehouse exited before the $1 screen"
      sleep 0.1
    done
    fail "the $1 screen never came"
  }
  n=0
  # The visible Gatehouse window: the local one ("SCREEN — Gatehouse"), or the workspace's ("NAME — Gatehouse").
  window() { timeout 20 xdotool search --sync --onlyvisible --name 'Gatehouse$' | head -n 1; }
  shot() {
    sleep "${2:-0.8}"; n=$((n + 1))
    local file; file="$demo/$(printf %02d $n)-$1.png"
    import -window "$(window)" "$file"; echo "  $file" >&3
  }
  type_keys() { xdotool windowfocus --sync "$(window)"; xdotool type --delay 20 "$1"; }

  wait_screen sign_in; shot sign-in 1.5
  type_keys "grace@example.com"; shot email-typed 0.3
  xdotool key Return
  wait_screen check_email; shot check-email
  link=""
  for _ in $(seq 100); do
    link=$(curl -fsS "$base/emulator/outbox?to=grace%40example.com" | jq -r '[.messages[] | select(.channel == "email")] | last | .link // empty')
    [ -n "$link" ] && break; sleep 0.1
  done
  [ -n "$link" ] || fail "no email reached the outbox"
  # The email's link, followed as a browser would: Stytch redirects to gatehouse://…, which the
  # desktop hands to the running Gatehouse (xdg-open → the desktop entry → single instance).
  callback=$(curl -sS -o /dev/null -w '%{redirect_url}' "$link")
  xdg-open "$callback"
  wait_screen enter_code; shot enter-code
  code=""
  for _ in $(seq 100); do
    code=$(curl -fsS "$base/emulator/outbox?to=%2B14155550123" | jq -r '[.messages[] | select(.channel == "sms")] | last | .code // empty')
    [ -n "$code" ] && break; sleep 0.1
  done
  [ -n "$code" ] || fail "no SMS reached the outbox"
  type_keys "$code"
  wait_screen signed_in
  for _ in $(seq 200); do grep -q "opening the workspace" "$log" && break; sleep 0.1; done
  grep -q "opening the workspace" "$log" || fail "the workspace was never opened"
  for _ in $(seq 100); do
    curl -fsS "$base/emulator/requests" | jq -e '[.requests[] | select(.path == "/workspace/" and .status == 200)] | length > 0' >/dev/null && break
    sleep 0.1
  done
  shot workspace 2
}

if [ -z "$headless" ] && [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  run_app
else
  echo "demo: ${headless:+--headless: }Gatehouse signs in as grace@example.com by itself on a virtual display (Xvfb)."
  echo "demo: screenshots of every screen, the workspace last:"
  rm -f "$demo"/[0-9][0-9]-*.png
  export repo base demo workspace entry_file
  export -f install_handler walk
  # The desktop session's services (dbus, portals, keyring) chatter on stderr: into a log file.
  # A display of its own even when one is set (--headless): the walk-through types into it.
  if ! env -u DISPLAY -u WAYLAND_DISPLAY ./scripts/desktop-session.sh bash -c walk 3>&1 2>"$demo/session.log" >/dev/null; then
    echo "demo: the walk-through failed; see $demo/session.log and $demo/gatehouse.log" >&2
    exit 1
  fi
  # Every screen of the walk-through, or it failed (scripts/test.sh relies on this).
  for screen in sign-in email-typed check-email enter-code workspace; do
    ls "$demo"/[0-9][0-9]-"$screen".png >/dev/null 2>&1 || { echo "demo: no screenshot of the $screen screen" >&2; exit 1; }
  done
  echo "demo: done. Run it with a display to sign in yourself."
fi
