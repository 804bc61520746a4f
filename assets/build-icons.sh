#!/usr/bin/env bash
# Renders every image in assets/ from its SVG source: the app icon for the three packaging targets
# (icons/NxN.png for Linux, icon.ico for Windows, icon.icns for macOS) from icon.svg, and the tray
# image of each agent state (16 px and @2x) from tray/tray.svg. The rendered files are committed;
# run this again after changing a source. Tools from Debian: librsvg2-bin, icoutils, icnsutils.
set -euo pipefail
cd "$(dirname "$0")"
for tool in rsvg-convert icotool png2icns; do
  command -v "$tool" >/dev/null || { echo "build-icons.sh needs $tool: apt-get install librsvg2-bin icoutils icnsutils" >&2; exit 1; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mkdir -p icons
for size in 16 24 32 48 64 128 256 512; do
  rsvg-convert -w "$size" -h "$size" icon.svg -o "icons/${size}x${size}.png"
done
rsvg-convert -w 1024 -h 1024 icon.svg -o "$work/1024x1024.png"
icotool -c -o icon.ico icons/16x16.png icons/24x24.png icons/32x32.png icons/48x48.png icons/64x64.png icons/128x128.png -r icons/256x256.png
png2icns icon.icns icons/16x16.png icons/32x32.png icons/128x128.png icons/256x256.png icons/512x512.png "$work/1024x1024.png" >/dev/null

# The colours of the states in renderer/styles.css (--offline, --ready, …).
declare -A colour=(
  [offline]='#64748b'
  [ready]='#15803d'
  [busy]='#b45309'
  [ringing]='#1d4ed8'
  [talking]='#4338ca'
  [wrap-up]='#7e22ce'
)
for state in "${!colour[@]}"; do
  sed "s/STATE_COLOUR/${colour[$state]}/" tray/tray.svg >"$work/tray.svg"
  rsvg-convert -w 16 -h 16 "$work/tray.svg" -o "tray/${state}.png"
  rsvg-convert -w 32 -h 32 "$work/tray.svg" -o "tray/${state}@2x.png"
done
