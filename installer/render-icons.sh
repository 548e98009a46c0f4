#!/usr/bin/env bash
# Renders the app icon from its SVG sources into the PNGs the app and the installers use. Run by hand after
# changing an SVG, and commit the results: builds and CI only read the PNG/ICO/ICNS files, so they need none
# of these tools.
#   resources/icons/garrison-{16..512}.png   window icons (classpath /icons/garrison-64.png ...), Linux packages
#   installer/windows/garrison.ico           jpackage --icon on Windows (16..256 in one file)
#   installer/macos/garrison.icns            jpackage --icon on macOS (16..512)
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
cd "$GARRISON_ROOT"

ensure_command rsvg-convert librsvg2-bin || die "needs rsvg-convert (Debian: librsvg2-bin)"
ensure_command icotool icoutils || die "needs icotool (Debian: icoutils)"
ensure_command png2icns icnsutils || die "needs png2icns (Debian: icnsutils)"

icons=resources/icons
for size in 16 32 48 64 128 256 512; do
    # At 16 px the smooth drawing blurs into mud, so that size has its own pixel-by-pixel drawing.
    src="$icons/garrison.svg"
    [[ $size -eq 16 ]] && src="$icons/garrison-16.svg"
    rsvg-convert --width "$size" --height "$size" "$src" --output "$icons/garrison-$size.png"
done

# Windows shows 16, 32 and 48 in Explorer and the task bar and 256 in large views; 256 is stored as PNG.
icotool --create --output installer/windows/garrison.ico \
    "$icons/garrison-16.png" "$icons/garrison-32.png" "$icons/garrison-48.png" \
    "$icons/garrison-64.png" "$icons/garrison-128.png" --raw="$icons/garrison-256.png"
# png2icns picks each image's slot from its size.
png2icns installer/macos/garrison.icns \
    "$icons/garrison-16.png" "$icons/garrison-32.png" "$icons/garrison-48.png" \
    "$icons/garrison-128.png" "$icons/garrison-256.png" "$icons/garrison-512.png" >/dev/null
say "rendered $(ls "$icons"/garrison-*.png | wc -l) PNGs, installer/windows/garrison.ico, installer/macos/garrison.icns"
