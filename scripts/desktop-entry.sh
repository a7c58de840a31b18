#!/usr/bin/env bash
# The one renderer of Gatehouse's desktop entry (packaging/gatehouse.desktop), for every use that
# is not the bundler's: the demo, the tests, the bench, and the package checks that compare the
# .deb's entry (rendered by Tauri's bundler from the same template) with this one's.
#
#   desktop-entry.sh render LAUNCHER         the entry on stdout; Exec runs LAUNCHER %u
#   desktop-entry.sh install LAUNCHER [FILE] writes it to $XDG_DATA_HOME/applications/FILE
#                                            (default gatehouse.desktop) and makes it the
#                                            gatehouse:// handler; prints the person's previous
#                                            choice (a line, empty if none: a system default
#                                            is not one)
#   desktop-entry.sh restore FILE PREVIOUS   undoes install: PREVIOUS is the handler again (none
#                                            if empty) and FILE is removed
#   desktop-entry.sh previous                the person's own gatehouse:// choice, as install
#                                            prints it (to undo an install that fails half-way)
#   desktop-entry.sh check ENTRY             ENTRY is what render gives for the package
#                                            (Exec=gatehouse-open %u, StartupWMClass=gatehouse)
#
# The values the bundler fills in come from tauri.conf.json (productName, mainBinaryName,
# bundle.category, bundle.shortDescription), so a change there or to the template reaches every copy.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
scheme=x-scheme-handler/gatehouse

render() {
  local launcher=$1 conf="$root/tauri.conf.json"
  local name binary category comment
  name=$(jq -er .productName "$conf")
  binary=$(jq -r '.mainBinaryName // "gatehouse"' "$conf")
  category=$(jq -er .bundle.category "$conf")
  comment=$(jq -r '.bundle.shortDescription // empty' "$conf")
  # The template's handlebars fields, as the bundler fills them: exec and icon are the binary's
  # name, categories the freedesktop category followed by ';', the comment block only if set.
  local line
  while IFS= read -r line || [ -n "$line" ]; do
    case $line in
      '{{#if comment}}' | '{{/if}}') continue ;;
      'Comment={{comment}}') [ -n "$comment" ] && printf 'Comment=%s\n' "$comment"; continue ;;
      'Exec=gatehouse-open %u') printf 'Exec=%s %%u\n' "$launcher"; continue ;;
    esac
    line=${line//'{{categories}}'/"$category;"}
    line=${line//'{{exec}}'/"$binary"}
    line=${line//'{{icon}}'/"$binary"}
    line=${line//'{{name}}'/"$name"}
    case $line in *'{{'*) echo "desktop-entry: the template has a field this renderer does not fill: $line" >&2; exit 1 ;; esac
    printf '%s\n' "$line"
  done <"$root/packaging/gatehouse.desktop"
}

apps_dir() { printf '%s/applications' "${XDG_DATA_HOME:-$HOME/.local/share}"; }

install_entry() {
  local launcher=$1 file=${2:-gatehouse.desktop} apps
  case $launcher in /*) ;; *) echo "desktop-entry: the launcher must be an absolute path (it is not on PATH): $launcher" >&2; exit 1 ;; esac
  [ -x "$launcher" ] || { echo "desktop-entry: $launcher is not an executable: build it first (cargo build -p gatehouse-open)" >&2; exit 1; }
  apps=$(apps_dir)
  mkdir -p "$apps"
  # The person's own choice only (their mimeapps.list), never a system default: restoring a
  # package's default as theirs would leave it dangling once the package is removed.
  user_default
  render "$launcher" >"$apps/$file"
  update-desktop-database "$apps" >/dev/null 2>&1 || true
  xdg-mime default "$file" "$scheme"
  [ "$(xdg-mime query default "$scheme")" = "$file" ] || { echo "desktop-entry: $file did not become the gatehouse:// handler" >&2; exit 1; }
}

user_default() {
  local list="${XDG_CONFIG_HOME:-$HOME/.config}/mimeapps.list"
  local found=""
  [ -f "$list" ] && found=$(sed -n "s|^$scheme=\([^;]*\);\{0,1\}\$|\1|p" "$list" | head -n 1)
  printf '%s\n' "$found"
}

restore() {
  local file=$1 previous=${2:-} apps list
  apps=$(apps_dir)
  rm -f "$apps/$file"
  if [ -n "$previous" ] && [ "$previous" != "$file" ]; then
    xdg-mime default "$previous" "$scheme"
  else
    # xdg-mime cannot unset a default: take the line out of the user's mimeapps.list.
    list="${XDG_CONFIG_HOME:-$HOME/.config}/mimeapps.list"
    [ -f "$list" ] && sed -i "\|^$scheme=$file;\?\$|d" "$list"
  fi
  update-desktop-database "$apps" >/dev/null 2>&1 || true
}

check() {
  local entry=$1
  if ! diff -u <(render gatehouse-open) "$entry" >&2; then
    echo "desktop-entry: $entry is not what scripts/desktop-entry.sh renders for the package (diff above)" >&2
    exit 1
  fi
}

case ${1:-} in
  render) [ $# -eq 2 ] || { echo "usage: $0 render LAUNCHER" >&2; exit 64; }; render "$2" ;;
  install) [ $# -ge 2 ] && [ $# -le 3 ] || { echo "usage: $0 install LAUNCHER [FILE]" >&2; exit 64; }; install_entry "$2" "${3:-}" ;;
  restore) [ $# -ge 2 ] && [ $# -le 3 ] || { echo "usage: $0 restore FILE [PREVIOUS]" >&2; exit 64; }; restore "$2" "${3:-}" ;;
  previous) [ $# -eq 1 ] || { echo "usage: $0 previous" >&2; exit 64; }; user_default ;;
  check) [ $# -eq 2 ] || { echo "usage: $0 check ENTRY" >&2; exit 64; }; check "$2" ;;
  *) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2; exit 64 ;;
esac
