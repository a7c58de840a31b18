#!/usr/bin/env bash
# Recompresses a .deb the Tauri bundler wrote (gzip) with xz, as dpkg-deb and Debian's own
# packages do: the same files, control data and scripts, a smaller download
# (docs/performance.md). Tauri 2.12's bundler has no setting for it: `bundle > linux > deb >
# compression` is an unreleased change upstream (tauri-apps/tauri .changes/deb-compression.md);
# the .rpm has one (tauri.conf.json). Replaces DEB in place.
#   scripts/deb-xz.sh DEB [LEVEL]   (LEVEL 0-9, default 6 as dpkg-deb's; 0 for quick test builds)
set -euo pipefail
deb=$1 level=${2:-6}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
dpkg-deb --raw-extract "$deb" "$work/root"
dpkg-deb --root-owner-group -Zxz "-z$level" --build "$work/root" "$work/out.deb" >/dev/null
# The same files before and after, or nothing is replaced.
files() { dpkg-deb --contents "$1" | awk '$1 ~ /^-/ {sub(/^\.\//, "", $6); print $1, $3, $6}' | sort; }
diff <(files "$deb") <(files "$work/out.deb") >&2 \
  || { echo "deb-xz: the recompressed package lists other files than $deb" >&2; exit 1; }
mv "$work/out.deb" "$deb"
