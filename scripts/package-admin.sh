#!/usr/bin/env bash
# IT's own package: gatehouse-admin, never in the employee's .deb. The Tauri bundler packages only
# the app, so this builds the .deb with Debian's own dpkg-deb (xz, as Debian does) and lets
# dpkg-shlibdeps work out its run-time dependencies from the binary.
#   scripts/package-admin.sh [release|debug]   (default release) -> prints the .deb's path
set -euo pipefail
cd "$(dirname "$0")/.."
profile=${1:-release}
case "$profile" in
  release) cargo build --release --locked -p gatehouse-admin --quiet ;;
  debug) cargo build --locked -p gatehouse-admin --quiet ;;
  *) echo "package-admin: release or debug, not '$profile'" >&2; exit 2 ;;
esac
meta=$(cargo metadata --format-version 1 --no-deps --locked)
field() { jq -r --arg f "$1" '.packages[] | select(.name == "gatehouse-admin") | .[$f]' <<<"$meta"; }
version=$(field version)
arch=$(dpkg --print-architecture)
maintainer=$(jq -r '.bundle.publisher' tauri.conf.json)

stage=$(mktemp -d); trap 'rm -rf "$stage"' EXIT
root="$stage/gatehouse-admin_${version}_${arch}"
install -D -m 0755 "target/$profile/gatehouse-admin" "$root/usr/bin/gatehouse-admin"
[ "$profile" = debug ] || strip "$root/usr/bin/gatehouse-admin"
install -D -m 0644 /dev/stdin "$root/usr/share/doc/gatehouse-admin/copyright" <<TEXT
gatehouse-admin $version: $(field description)
License: $(field license)
TEXT
# dpkg-shlibdeps reads the binary's NEEDED libraries; it wants a debian/control to sit in.
mkdir -p "$stage/debian"
printf 'Source: gatehouse-admin\n\nPackage: gatehouse-admin\nArchitecture: any\n' >"$stage/debian/control"
depends=$(cd "$stage" && dpkg-shlibdeps -O "$root/usr/bin/gatehouse-admin" 2>"$stage/shlibdeps.log" | sed -n 's/^shlibs:Depends=//p') \
  && [ -n "$depends" ] || { cat "$stage/shlibdeps.log" >&2; echo "package-admin: dpkg-shlibdeps found no dependencies" >&2; exit 1; }
install -d "$root/DEBIAN"
cat >"$root/DEBIAN/control" <<CONTROL
Package: gatehouse-admin
Version: $version
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
Depends: $depends
Section: admin
Priority: optional
Description: IT's tool for the Stytch organization Gatehouse signs into
 Reads or sets the organization's MFA policy (the guide's first step) and which
 second factors its members may use. Uses the project's secret from the
 environment (STYTCH_PROJECT_ID, STYTCH_SECRET), never a file. For IT's machines:
 the employee's gatehouse package does not carry it.
CONTROL
out="target/$profile/bundle/deb"
mkdir -p "$out"
dpkg-deb --root-owner-group -Zxz --build "$root" "$out/" >/dev/null
echo "$out/gatehouse-admin_${version}_${arch}.deb"
