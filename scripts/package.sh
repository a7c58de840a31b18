#!/usr/bin/env bash
# Builds the employee's .deb and .rpm offline (release build; the .deb recompressed with xz by
# scripts/deb-xz.sh), and IT's gatehouse-admin .deb (scripts/package-admin.sh), then checks that
# the .deb's desktop entry hands gatehouse:// links to the app's launcher (Exec=gatehouse-open %u, the
# scheme's MimeType), which links neither GTK nor WebKit.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/bootstrap.sh
ui/node_modules/.bin/tauri build --bundles deb,rpm
deb=$(ls -t target/release/bundle/deb/Gatehouse_*.deb | head -n1)
rpm=$(ls -t target/release/bundle/rpm/*.rpm | head -n1)
./scripts/deb-xz.sh "$deb"
admin=$(./scripts/package-admin.sh release)
grep -q ' ./usr/bin/gatehouse-admin$' <<<"$(dpkg-deb --contents "$admin")" || { echo "package: $admin lacks /usr/bin/gatehouse-admin" >&2; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
dpkg-deb -x "$deb" "$tmp"
[ ! -e "$tmp/usr/bin/gatehouse-admin" ] || { echo "package: the employee package carries gatehouse-admin" >&2; exit 1; }
entry=$(find "$tmp/usr/share/applications" -name '*.desktop' | head -n1)
grep -qx 'Exec=gatehouse-open %u' "$entry" || { echo "package: $entry lacks 'Exec=gatehouse-open %u'" >&2; cat "$entry" >&2; exit 1; }
[ -x "$tmp/usr/bin/gatehouse-open" ] || { echo "package: no /usr/bin/gatehouse-open, the link launcher" >&2; exit 1; }
! grep -q 'webkit\|gtk' <<<"$(ldd "$tmp/usr/bin/gatehouse-open")" || { echo "package: gatehouse-open links GTK or WebKit" >&2; exit 1; }
grep -qx 'MimeType=x-scheme-handler/gatehouse;' "$entry" || { echo "package: $entry lacks the gatehouse scheme" >&2; exit 1; }
desktop-file-validate "$entry" || { echo "package: desktop-file-validate refused $entry" >&2; exit 1; }
./scripts/desktop-entry.sh check "$entry" || { echo "package: the bundler's desktop entry and scripts/desktop-entry.sh's differ" >&2; exit 1; }
[ -f "$tmp/etc/gatehouse/config.toml.example" ] || { echo "package: no /etc/gatehouse/config.toml.example" >&2; exit 1; }
[ ! -e "$tmp/etc/gatehouse/config.toml" ] || { echo "package: the package must not own IT's /etc/gatehouse/config.toml" >&2; exit 1; }
for field in Maintainer Depends Recommends; do
  dpkg-deb -f "$deb" "$field" | grep -q . || { echo "package: the .deb has no $field" >&2; exit 1; }
done
echo "package: $deb ($(du -h "$deb" | cut -f1)) and $rpm ($(du -h "$rpm" | cut -f1)); IT's $admin ($(du -h "$admin" | cut -f1)); desktop entry valid and hands over gatehouse:// links; config example, maintainer, dependencies present"
