#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Checks the translations against the sources:
#  - po/POTFILES.in is sorted and lists every file with translatable strings;
#  - every language in po/LINGUAS is complete (no untranslated or fuzzy
#    message) against a catalogue extracted from the sources now.
# Usage: check-po.sh SOURCE_ROOT
set -eu

srcdir=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for tool in xgettext msgmerge msgfmt; do
  command -v $tool >/dev/null 2>&1 || { echo "$tool is not installed (package gettext)" >&2; exit 77; }
done

cd "$srcdir"
status=0

grep -v '^#' po/POTFILES.in | sed '/^$/d' > "$tmp/listed"
LC_ALL=C sort "$tmp/listed" > "$tmp/sorted"
if ! cmp -s "$tmp/listed" "$tmp/sorted"; then
  echo "po/POTFILES.in is not sorted (LC_ALL=C sort):" >&2
  diff "$tmp/listed" "$tmp/sorted" >&2 || true
  status=1
fi

while read -r f; do
  [ -f "$f" ] || { echo "po/POTFILES.in lists $f, which does not exist" >&2; status=1; }
done < "$tmp/listed"

# Files that contain translatable strings: _( ), N_( ), C_( ) in C,
# translatable="yes" in UI files, and the data files merged with i18n.
{
  grep -rlE '(^|[^A-Za-z0-9_])(N?C?_|g_dngettext|ngettext)[[:space:]]*\(' \
    --include='*.c' src || true
  grep -rl 'translatable="yes"' --include='*.ui' ui src || true
  ls data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml 2>/dev/null || true
} | LC_ALL=C sort -u > "$tmp/needed"

missing=$(LC_ALL=C comm -23 "$tmp/needed" "$tmp/sorted")
if [ -n "$missing" ]; then
  echo "po/POTFILES.in misses these files with translatable strings:" >&2
  echo "$missing" >&2
  status=1
fi

# The same extraction as meson's i18n.gettext(preset: 'glib').
xgettext --package-name=peakline --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  -f "$tmp/sorted" -o "$tmp/peakline.pot"

# shellcheck disable=SC2013  # LINGUAS may list several languages on a line
for lang in $(grep -v '^#' po/LINGUAS); do
  msgmerge --quiet --no-fuzzy-matching "po/$lang.po" "$tmp/peakline.pot" -o "$tmp/$lang.po"
  stats=$(msgfmt --check --statistics -o /dev/null "$tmp/$lang.po" 2>&1)
  echo "$lang: $stats"
  case $stats in
    *untranslated*|*fuzzy*)
      echo "po/$lang.po is incomplete: translate the new strings (msgmerge -U po/$lang.po po/peakline.pot after meson compile peakline-pot)" >&2
      msgattrib --untranslated --no-obsolete "$tmp/$lang.po" >&2 || true
      status=1 ;;
  esac
done

exit $status
