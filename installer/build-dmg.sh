#!/usr/bin/env bash
# macOS: builds target/app-image/Garrison.app (the app with its own jlink-trimmed runtime) and from it
# target/installer/Garrison-<version>.dmg. Run on a Mac with a JDK 17 and Maven; the .app and the .dmg are
# for the Mac's own architecture (the JavaFX jars Maven picks are x64 or aarch64, like the JDK).
# Written for macOS's own /bin/bash 3.2. Not run by the project's CI (Linux only): see installer/README.md.
#
#   installer/build-dmg.sh [--rebuild]
#   GARRISON_MAC_SIGN="Developer ID Application: Team (ABCDE12345)" installer/build-dmg.sh   signed build
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
cd "$GARRISON_ROOT"

[[ "$(uname -s)" == Darwin ]] || die "build-dmg.sh runs on macOS (jpackage makes a .dmg only there)"
ensure_jar "${1:-}"
find_jdk
started=$SECONDS

work="$GARRISON_ROOT/target/jpackage"
app="$GARRISON_IMAGE_DIR/Garrison.app"
dest="$GARRISON_ROOT/target/installer"
rm -rf "$GARRISON_IMAGE_DIR"
mkdir -p "$dest"
link_runtime "$work/runtime"
stage_input "$work/input"
version="$(app_version)"

# Options shared by the .app and the .dmg step.
common=(--name Garrison
        --app-version "$version"
        --vendor Garrison
        --description "A real pool of worker processes, and a window to watch them work."
        --icon "$GARRISON_ROOT/installer/macos/garrison.icns")
# Signing is optional: unsigned, Gatekeeper asks the user to allow the app once (see installer/README.md).
# jpackage signs every executable in the bundle, bin/java of the runtime included, with entitlements that let
# a JVM run (JIT, unsigned executable memory), which the workers need as much as the app.
sign=()
if [[ -n "${GARRISON_MAC_SIGN:-}" ]]; then
    sign=(--mac-sign --mac-signing-key-user-name "$GARRISON_MAC_SIGN")
fi

# The .app: Contents/MacOS/Garrison is the launcher; the runtime lands in Contents/runtime/Contents/Home,
# which is java.home, so workers start as Contents/runtime/Contents/Home/bin/java.
"$JDK_HOME/bin/jpackage" --type app-image "${common[@]}" ${sign[@]+"${sign[@]}"} \
    --input "$work/input" \
    --main-jar garrison.jar \
    --main-class io.garrison.Launcher \
    --runtime-image "$work/runtime" \
    --mac-package-identifier io.garrison.app \
    --mac-package-name Garrison \
    --mac-app-category public.app-category.developer-tools \
    --dest "$GARRISON_IMAGE_DIR"

"$app/Contents/MacOS/Garrison" --version >/dev/null || die "the .app does not start"
[[ -x "$app/Contents/runtime/Contents/Home/bin/java" ]] || die "the .app's runtime has no bin/java"

# The .dmg. jpackage lays out its Finder window through AppleScript: on a machine without a logged-in
# desktop session (some CI runners) that step can fail; build in a session, or see installer/README.md.
rm -f "$dest"/Garrison-*.dmg
# The .dmg's app opens task lists (*.tasks) from the Finder; the app hears them as open-file events (OpenFilesOnMac).
"$JDK_HOME/bin/jpackage" --type dmg "${common[@]}" ${sign[@]+"${sign[@]}"} \
    --app-image "$app" \
    --file-associations "$GARRISON_ROOT/installer/file-associations.properties" \
    --dest "$dest"

say "built $app ($(du -sh "$app" | cut -f1)) and $(ls "$dest"/Garrison-*.dmg) in $((SECONDS - started)) s"
