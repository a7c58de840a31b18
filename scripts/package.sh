#!/usr/bin/env bash
# Builds the .deb and .rpm packages offline (release build), then checks that the .deb's desktop
# entry hands gatehouse:// links to the app (Exec … %u and the scheme's MimeType).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/bootstrap.sh
ui/node_modules/.bin/tauri build --bundles deb,rpm
deb=$(ls -t target/release/bundle/deb/*.deb | head -n1)
rpm=$(ls -t target/release/bundle/rpm/*.rpm | head -n1)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
dpkg-deb -x "$deb" "$tmp"
[ ! -e "$tmp/usr/bin/gatehouse-admin" ] || { echo "package: the employee package carries gatehouse-admin" >&2; exit 1; }
entry=$(find "$tmp/usr/share/applications" -name '*.desktop' | head -n1)
grep -qx 'Exec=gatehouse %u' "$entry" || { echo "package: $entry lacks 'Exec=gatehouse %u'" >&2; cat "$entry" >&2; exit 1; }
grep -qx 'MimeType=x-scheme-handler/gatehouse;' "$entry" || { echo "package: $entry lacks the gatehouse scheme" >&2; exit 1; }
echo "package: $deb ($(du -h "$deb" | cut -f1)) and $rpm ($(du -h "$rpm" | cut -f1)); desktop entry hands over gatehouse:// links"
