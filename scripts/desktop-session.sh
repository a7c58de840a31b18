#!/usr/bin/env bash
# Runs a command inside a private desktop session: its own dbus session bus, gnome-keyring's
# Secret Service unlocked, an Xvfb display (unless one is given), and fresh XDG directories, so
# tests touch the real keychain and the real window without disturbing the user's own.
#   scripts/desktop-session.sh COMMAND [ARGS...]
set -euo pipefail

if [ -z "${GATEHOUSE_IN_SESSION:-}" ]; then
  export GATEHOUSE_IN_SESSION=1
  exec dbus-run-session -- "$0" "$@"
fi

root=$(mktemp -d /tmp/gatehouse-session.XXXXXX)
export XDG_DATA_HOME="$root/data" XDG_CONFIG_HOME="$root/config" XDG_CACHE_HOME="$root/cache"
export XDG_RUNTIME_DIR="$root/run"
mkdir -p "$XDG_DATA_HOME/applications" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  # xdg-document-portal may leave a FUSE mount under the runtime dir; it goes with the session.
  fusermount -u "$XDG_RUNTIME_DIR/doc" 2>/dev/null || true
  rm -rf "$root" 2>/dev/null || true
}
trap cleanup EXIT

# The keychain: a login keyring created and unlocked with a throwaway password.
eval "$(printf 'gatehouse-test' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL

# The display: Xvfb on the first free number, unless the caller has one.
if [ -z "${DISPLAY:-}" ]; then
  for n in $(seq 90 130); do
    if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then
      Xvfb ":$n" -screen 0 1280x800x24 -nolisten tcp >"$root/xvfb.log" 2>&1 &
      pids+=($!)
      export DISPLAY=":$n"
      for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$n" ] && break; sleep 0.1; done
      break
    fi
  done
  [ -n "${DISPLAY:-}" ] || { echo "desktop-session: no free X display" >&2; exit 1; }
fi

# Services the bus starts on demand (the portal, its GTK backend) must see the display and dirs.
dbus-update-activation-environment DISPLAY XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME XDG_RUNTIME_DIR

# GTK asks xdg-desktop-portal for settings at window start; with the portal on the session bus
# (dbus activation) it answers at once instead of stalling.
export GTK_A11Y=none NO_AT_BRIDGE=1

"$@"
