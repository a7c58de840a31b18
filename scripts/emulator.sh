#!/usr/bin/env bash
# The local Stytch emulator for scripts: start it, then write a Gatehouse config.toml that points
# at it. One home for what the demo, the package test and the benchmark each need.
#
# Sourced (bash), as demo.sh and package-install-test.sh do:
#   . scripts/emulator.sh
#   emulator_start BINARY LISTEN DIR   starts BINARY --listen LISTEN in the background, its stdout in
#                                      DIR/emulator.out and stderr in DIR/emulator.log; sets
#                                      $emulator (pid) at once, then waits up to 5 s for its first
#                                      line and sets $emulator_base (http://HOST:PORT) and
#                                      $emulator_workspace; fails if it never listened
#   emulator_config FILE [NAME]        reads the project into $emulator_project (its JSON) and
#                                      writes FILE; with NAME, a [workspace] section too: the
#                                      emulator's demo workspace under that name
#   emulator_stop                      ends the emulator this shell started, if any
# As a command, for scripts in other languages (bench.py):
#   scripts/emulator.sh up BINARY LISTEN DIR CONFIG [NAME]
#                                      both steps; prints "PID BASE" and leaves the emulator
#                                      running: the caller ends it (kill PID)
#
# The config is the shipped shape: the client SDK API on the public token (no secret on the
# desktop), the demo organization by slug. Needs curl and jq (scripts/bootstrap.sh installs them).

# The emulator prints this, then its base URL, as its first line (stytch-emulator's main.rs).
EMULATOR_LISTENING="stytch-emulator listening on "

emulator_start() {
  local binary=$1 listen=$2 dir=$3
  # The pid first, so a caller's exit trap can end an emulator that never comes up.
  "$binary" --listen "$listen" >"$dir/emulator.out" 2>"$dir/emulator.log" &
  emulator=$!
  for _ in $(seq 50); do grep -q "$EMULATOR_LISTENING" "$dir/emulator.out" && break; sleep 0.1; done
  emulator_base=$(sed -n "s/^$EMULATOR_LISTENING//p" "$dir/emulator.out")
  [ -n "$emulator_base" ] || return 1
  # The demo workspace is served on the API's port under the host name localhost only, so its
  # cookie never goes to the API's host (emulator-control's Control::workspace_url, in Rust).
  emulator_workspace="http://localhost:${emulator_base##*:}/workspace/"
}

emulator_config() {
  local file=$1 name=${2:-} project_id public_token
  # Every step checked by hand: a caller's `emulator_config … || fail` turns off set -e in here.
  emulator_project=$(curl -fsS "$emulator_base/emulator/project") || return 1
  project_id=$(jq -er .project_id <<<"$emulator_project") || return 1
  public_token=$(jq -er .public_token <<<"$emulator_project") || return 1
  {
    cat <<TOML
[stytch]
project_id = "$project_id"
public_token = "$public_token"
api_base = "$emulator_base"

[organization]
slug = "example-org"
TOML
    if [ -n "$name" ]; then
      printf '\n[workspace]\nurl = "%s"\nname = "%s"\n' "$emulator_workspace" "$name"
    fi
  } >"$file"
}

emulator_stop() {
  [ -z "${emulator:-}" ] || kill "$emulator" 2>/dev/null || true
}

# Run as a command (not sourced).
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  case ${1:-} in
    up)
      [ $# -ge 5 ] && [ $# -le 6 ] || { echo "usage: $0 up BINARY LISTEN DIR CONFIG [NAME]" >&2; exit 64; }
      if ! emulator_start "$2" "$3" "$4"; then
        emulator_stop
        echo "emulator: $2 did not start on $3; its log:" >&2
        cat "$4/emulator.log" >&2
        exit 1
      fi
      emulator_config "$5" "${6:-}" || { emulator_stop; echo "emulator: could not write $5" >&2; exit 1; }
      echo "$emulator $emulator_base"
      ;;
    *) echo "usage: $0 up BINARY LISTEN DIR CONFIG [NAME]  (or source it: see its header)" >&2; exit 64 ;;
  esac
fi
