#!/bin/sh
# GenSec Quiz @VERSION@: install from this kit, with no network.
#   ./install.sh                 for the current user (~/.local/share/gensec-quiz)
#   ./install.sh --prefix DIR    into DIR (DIR/venv, DIR/bin/gensec-quiz)
#   ./install.sh --no-menu       without the applications-menu entry
#   ./install.sh --menu-dir DIR  the menu entry into DIR instead
# As root, the default is /opt/gensec-quiz with a menu entry for every user.
set -eu
KIT=$(cd "$(dirname "$0")" && pwd)
VERSION=@VERSION@
if [ "$(id -u)" -eq 0 ]; then PREFIX=/opt/gensec-quiz; else
  PREFIX="${XDG_DATA_HOME:-$HOME/.local/share}/gensec-quiz"; fi
MENU=yes
APPS=
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] || { echo "--prefix needs a folder."; exit 2; }; PREFIX=$2; shift 2 ;;
    --no-menu) MENU=no; shift ;;
    --menu-dir) [ $# -ge 2 ] || { echo "--menu-dir needs a folder."; exit 2; }; APPS=$2; shift 2 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "Unknown option: $1 (see ./install.sh --help)."; exit 2 ;;
  esac
done

PYTHON=
for candidate in python3.13 python3.12 python3.11 python3; do
  if command -v "$candidate" >/dev/null 2>&1 &&
     "$candidate" -c 'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))' 2>/dev/null; then
    PYTHON=$(command -v "$candidate"); break
  fi
done
[ -n "$PYTHON" ] || { echo "GenSec Quiz needs Python 3.11, 3.12 or 3.13 (this kit carries wheels for those)."; exit 1; }
"$PYTHON" -c 'import venv, ensurepip' 2>/dev/null ||
  { echo "$PYTHON cannot make a virtual environment: install Debian's python3-venv package first."; exit 1; }

echo "Installing GenSec Quiz $VERSION into $PREFIX (Python: $PYTHON)."
mkdir -p "$PREFIX"
"$PYTHON" -m venv --clear "$PREFIX/venv"
PIP_NO_INDEX=1 "$PREFIX/venv/bin/python" -m pip install --quiet --no-index --disable-pip-version-check \
  --find-links "$KIT/wheels" "gensec-quiz==$VERSION"
mkdir -p "$PREFIX/bin"
ln -sf "$PREFIX/venv/bin/gensec-quiz" "$PREFIX/bin/gensec-quiz"
cp "$KIT/gensec-quiz.svg" "$PREFIX/gensec-quiz.svg"

if [ "$MENU" = yes ]; then
  if [ -z "$APPS" ]; then
    if [ "$(id -u)" -eq 0 ]; then APPS=/usr/share/applications; else
      APPS="${XDG_DATA_HOME:-$HOME/.local/share}/applications"; fi
  fi
  mkdir -p "$APPS"
  sed -e "s|@EXEC@|$PREFIX/bin/gensec-quiz|" -e "s|@ICON@|$PREFIX/gensec-quiz.svg|" \
    "$KIT/gensec-quiz.desktop" > "$APPS/gensec-quiz.desktop"
  echo "Menu entry: $APPS/gensec-quiz.desktop"
fi

# Qt's own system libraries cannot come from a wheel; on Debian, name the missing ones.
if command -v dpkg-query >/dev/null 2>&1; then
  missing=
  for p in libegl1 libgl1 libglib2.0-0 libfontconfig1 libdbus-1-3 libxkbcommon0 \
           libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 \
           libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xkb1 libx11-xcb1; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
  done
  [ -z "$missing" ] || echo "Qt also needs these Debian packages, not installed here:$missing"
fi
echo "Done. Start it from the menu or with: $PREFIX/bin/gensec-quiz"
