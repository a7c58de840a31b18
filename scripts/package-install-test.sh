#!/usr/bin/env bash
# The installed package, on this machine (root; run by scripts/test.sh inside the desktop
# session, last): builds the .deb (debug profile: what is under test is the packaging, not the
# speed), installs it with dpkg (apt-get install -f for anything missing), then checks that
#   - the package's desktop entry is the x-scheme-handler/gatehouse default (the
#     desktop-file-utils trigger registers it);
#   - a link opened with xdg-open starts the installed /usr/bin/gatehouse (through its launcher,
#     gatehouse-open), which reads IT's /etc/gatehouse/config.toml and lands on the sign-in screen
#     saying the link was not expected; a second link goes to that window, no second process;
#   - the installed `gatehouse doctor` finds the handler pointing at itself;
#   - removing the package unregisters the scheme and leaves IT's config.toml in place;
#   - IT's own gatehouse-admin package installs its tool, which reads the organization's MFA
#     policy, and the employee's package carries no admin tool.
# Both .debs are xz-compressed as shipped (scripts/deb-xz.sh, level 0 here: the same path, fast).
# It leaves the machine as it found it: it refuses to run where Gatehouse is installed (it would
# have to remove that install), ends only the processes it started, and puts /etc/gatehouse back.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
[ "$(id -u)" -eq 0 ] || { echo "package test: needs root (dpkg -i)" >&2; exit 1; }
for p in gatehouse gatehouse-admin; do
  if dpkg -s "$p" >/dev/null 2>&1; then
    echo "package test: $p $(dpkg-query -W -f='${Version}' "$p") is installed on this machine; this test installs and purges its own build, so it does not run over it. Remove it first (apt remove $p) or run the test on another machine." >&2
    exit 1
  fi
done
[ -n "${GATEHOUSE_IN_SESSION:-}" ] || exec ./scripts/desktop-session.sh "$0" "$@"

fail() { echo "package test: $*" >&2; exit 1; }
. "$repo/scripts/emulator.sh"
# Every process this test starts carries this mark in its environment (xdg-open, the launcher and
# the app inherit it): only those are counted and stopped, never someone else's Gatehouse.
export GATEHOUSE_PACKAGE_TEST="$$"
ours() {
  local pid
  for pid in $(pgrep -x gatehouse); do
    grep -qzx "GATEHOUSE_PACKAGE_TEST=$GATEHOUSE_PACKAGE_TEST" "/proc/$pid/environ" 2>/dev/null && echo "$pid"
  done
  return 0
}
stop_ours() { local pids; pids=$(ours); [ -z "$pids" ] || kill $pids 2>/dev/null || true; }
work=$(mktemp -d)
etc_backup=""
if [ -e /etc/gatehouse ]; then etc_backup="$work/etc-gatehouse"; cp -a /etc/gatehouse "$etc_backup"; fi
cleanup() {
  stop_ours
  emulator_stop
  dpkg -s gatehouse >/dev/null 2>&1 && dpkg --purge gatehouse >/dev/null 2>&1 || true
  dpkg -s gatehouse-admin >/dev/null 2>&1 && dpkg --purge gatehouse-admin >/dev/null 2>&1 || true
  rm -rf /etc/gatehouse
  [ -n "$etc_backup" ] && cp -a "$etc_backup" /etc/gatehouse || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "package test: building the .deb (debug profile)"
ui/node_modules/.bin/tauri build --debug --bundles deb >"$work/build.log" 2>&1 || { tail -n 30 "$work/build.log" >&2; fail "tauri build failed"; }
deb=$(ls -t target/debug/bundle/deb/Gatehouse_*.deb | head -n1)
./scripts/deb-xz.sh "$deb" 0
[ "$(ar t "$deb" | grep '^data\.tar')" = data.tar.xz ] || fail "$deb is not xz-compressed"

echo "package test: dpkg -i $(basename "$deb")"
dpkg -i "$deb" >"$work/dpkg.log" 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -f -y -qq >>"$work/dpkg.log" 2>&1 \
  || { cat "$work/dpkg.log" >&2; fail "the package did not install"; }
[ -x /usr/bin/gatehouse ] || fail "/usr/bin/gatehouse is not installed"
[ -f /etc/gatehouse/config.toml.example ] || fail "/etc/gatehouse/config.toml.example is not installed"
! grep -q admin <<<"$(dpkg -L gatehouse)" || fail "the employee's package carries an admin tool: $(dpkg -L gatehouse | grep admin)"

handler=$(xdg-mime query default x-scheme-handler/gatehouse)
entry=$(dpkg -L gatehouse | grep '^/usr/share/applications/.*\.desktop$' | head -n1)
[ "$handler" = "$(basename "$entry")" ] || fail "x-scheme-handler/gatehouse is '$handler', not the package's $(basename "$entry")"
desktop-file-validate "$entry" || fail "desktop-file-validate refused $entry"
./scripts/desktop-entry.sh check "$entry" || fail "the package's desktop entry is not what scripts/desktop-entry.sh renders"
echo "package test: gatehouse:// opens $handler"

# IT's configuration, pointing at the emulator on this computer (scripts/emulator.sh).
emulator_start "$repo/target/debug/stytch-emulator" 127.0.0.1:0 "$work" || fail "the emulator did not start"
emulator_config /etc/gatehouse/config.toml || fail "could not write /etc/gatehouse/config.toml from the emulator's project"

# A link opened the way the desktop does starts the installed binary on the right screen.
GATEHOUSE_LOG=info xdg-open "gatehouse://auth/callback?stytch_token_type=multi_tenant_magic_links&token=unrequested-token-0000000000000000" \
  >"$work/app.log" 2>&1 &
for _ in $(seq 300); do grep -q 'notice="LinkNotExpected"' "$work/app.log" && break; sleep 0.1; done
grep -q 'screen="sign_in" notice="LinkNotExpected"' "$work/app.log" \
  || { tail -n 20 "$work/app.log" >&2; fail "the installed app did not show the sign-in screen with the link refused"; }
pid=$(ours | head -n1)
[ -n "$pid" ] || fail "no gatehouse process started by this test is running"
[ "$(readlink "/proc/$pid/exe")" = /usr/bin/gatehouse ] || fail "the link started $(readlink "/proc/$pid/exe"), not /usr/bin/gatehouse"
echo "package test: xdg-open started /usr/bin/gatehouse, which refused the unrequested link on the sign-in screen"
# A second link goes to the open window through the launcher (which loads no GTK or WebKit).
grep -q 'webkit\|gtk' <<<"$(ldd /usr/bin/gatehouse-open)" && fail "/usr/bin/gatehouse-open links GTK or WebKit"
xdg-open "gatehouse://auth/callback?stytch_token_type=multi_tenant_magic_links&token=unrequested-token-1111111111111111" \
  || fail "xdg-open failed for the second link"
for _ in $(seq 100); do [ "$(grep -c 'link refused: no sign-in is waiting' "$work/app.log")" -ge 2 ] && break; sleep 0.1; done
[ "$(grep -c 'link refused: no sign-in is waiting' "$work/app.log")" -ge 2 ] \
  || { tail -n 20 "$work/app.log" >&2; fail "the open window did not get the second link"; }
[ "$(ours | wc -l)" = 1 ] || fail "a second link left $(ours | wc -l) gatehouse processes"
echo "package test: a second link went to the open window through gatehouse-open; one gatehouse runs"
stop_ours; sleep 0.5

doctor=$(/usr/bin/gatehouse doctor) || true
grep -q '✓ deep link: .*runs this binary through gatehouse-open' <<<"$doctor" || { echo "$doctor" >&2; fail "the installed doctor did not find itself as the handler"; }
grep -q '✓ organization: ' <<<"$doctor" || { echo "$doctor" >&2; fail "the installed doctor did not find the organization"; }
echo "package test: the installed gatehouse doctor finds the handler and the organization"

echo "package test: IT's gatehouse-admin package"
admin=$(./scripts/package-admin.sh debug)
dpkg -i "$admin" >"$work/admin.log" 2>&1 || { cat "$work/admin.log" >&2; fail "gatehouse-admin did not install"; }
[ "$(command -v gatehouse-admin)" = /usr/bin/gatehouse-admin ] || fail "/usr/bin/gatehouse-admin is not installed"
policy=$(STYTCH_PROJECT_ID=$(jq -r .project_id <<<"$emulator_project") STYTCH_SECRET=$(jq -r .secret <<<"$emulator_project") \
  STYTCH_API_BASE="$emulator_base" /usr/bin/gatehouse-admin --organization example-org mfa-policy 2>&1) \
  || fail "the installed gatehouse-admin failed: $policy"
grep -q 'mfa_policy ' <<<"$policy" || fail "the installed gatehouse-admin printed no policy: $policy"
dpkg -r gatehouse-admin >>"$work/admin.log" 2>&1 || { cat "$work/admin.log" >&2; fail "dpkg -r gatehouse-admin failed"; }
[ ! -e /usr/bin/gatehouse-admin ] || fail "/usr/bin/gatehouse-admin is still there after removal"
echo "package test: gatehouse-admin installed from its own package, read the policy ($policy), and was removed"

dpkg -r gatehouse >"$work/remove.log" 2>&1 || { cat "$work/remove.log" >&2; fail "dpkg -r failed"; }
[ ! -e /usr/bin/gatehouse ] || fail "/usr/bin/gatehouse is still there after removal"
after=$(xdg-mime query default x-scheme-handler/gatehouse)
[ -z "$after" ] || fail "x-scheme-handler/gatehouse is still '$after' after removal"
[ -f /etc/gatehouse/config.toml ] || fail "removing the package took IT's /etc/gatehouse/config.toml"
echo "package test: removed; the scheme is unregistered and IT's config.toml is still there"
