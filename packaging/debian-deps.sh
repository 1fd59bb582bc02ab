#!/usr/bin/env bash
# Install the Debian libraries Qt needs and a CJK font — only those that are missing.
set -eu
pkgs="libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 fonts-wqy-microhei"
# Qt's xcb platform plugin (a real X display, as `make run` uses)
pkgs="$pkgs libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 \
libxcb-render-util0 libxcb-randr0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1"
for arg in "$@"; do
  case "$arg" in
    --with-xvfb) pkgs="$pkgs xvfb" ;;
    --for-tests) pkgs="$pkgs strace" ;;  # OS-level fault injection in tests/test_safety.py
  esac
done
missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null; then
  echo "缺少系统库：$missing（不是 Debian/Ubuntu 系统，请手动安装）" >&2
  exit 0
fi
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "安装系统库：$missing"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
