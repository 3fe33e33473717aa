#!/usr/bin/env bash
# Installs the Debian libraries Qt needs (offscreen and X11), or the packages named as arguments,
# when they are missing.
# As root it installs them; otherwise it prints the apt-get line to run.
set -euo pipefail
pkgs=(libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3 libxkbcommon0
      libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
      libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xkb1 libxcb-xinerama0 libxcb-xfixes0
      libx11-xcb1 fonts-dejavu-core xvfb xauth)
[ $# -gt 0 ] && pkgs=("$@")   # other packages named by the caller (the Makefile's testlibs)
command -v dpkg-query >/dev/null 2>&1 || exit 0   # not Debian: nothing we can check
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  echo "Installing the system libraries Qt needs: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Qt needs these system libraries; please run:"
  echo "  sudo apt-get install -y ${missing[*]}"
  exit 1
fi
