#!/usr/bin/env bash
# Builds target/app-image/garrison/: the app with its own jlink-trimmed Java runtime, started by the native
# launcher bin/garrison. No Java needs to be installed where the image runs.
#
#   installer/build-app-image.sh            uses target/garrison.jar, running `mvn package` if it is missing
#   installer/build-app-image.sh --rebuild  always runs `mvn package` first
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$GARRISON_ROOT"

if [[ "${1:-}" == "--rebuild" || ! -f target/garrison.jar ]]; then
    say "building the jar: mvn -B -DskipTests package"
    mvn -B -q -DskipTests package
fi
[[ -d target/lib ]] || die "target/lib is missing: run mvn package"
find_jdk
started=$SECONDS

work="$GARRISON_ROOT/target/jpackage"
rm -rf "$work" "$GARRISON_IMAGE_DIR"
mkdir -p "$work/input/lib"

# --- The runtime ---------------------------------------------------------------------------------------------
# Modules the code names, as jdeps sees them in the jars (so a new import in the engine cannot be forgotten) ...
jar_modules="$("$JDK_HOME/bin/jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps \
    target/garrison.jar target/lib/*.jar 2>/dev/null)"
# ... and those it cannot see (found at run time, or features on their way): installer/runtime-modules.txt.
runtime_modules="$(sed 's/#.*//' "$GARRISON_ROOT/installer/runtime-modules.txt" | tr -d ' \t' | grep -v '^$' | paste -sd, -)"
modules="$(printf '%s\n' "${jar_modules//,/$'\n'}" "${runtime_modules//,/$'\n'}" | grep -v '^$' | sort -u | paste -sd, -)"
say "runtime modules: $modules"

# --strip-debug also strips native symbols on Linux, which needs objcopy (binutils); without it keep the
# native symbols and strip only the Java debug attributes.
strip_opts=(--strip-debug)
if [[ "$(uname -s)" == Linux ]] && ! ensure_command objcopy binutils; then
    say "no objcopy: stripping Java debug attributes only"
    strip_opts=(--strip-java-debug-attributes)
fi
# Deliberately NOT --strip-native-commands: worker processes are started as <java.home>/bin/java, so the
# runtime must keep bin/java. --generate-cds-archive gives the runtime the default CDS archive a stock JDK
# has; without it every worker JVM starts noticeably slower. --compress=2 saves ~27 MB and costs no start-up
# time measurably (10 x `--version`: 169 ms against 164 ms uncompressed).
"$JDK_HOME/bin/jlink" \
    --add-modules "$modules" \
    --include-locales=en,zh \
    "${strip_opts[@]}" --no-header-files --no-man-pages \
    --generate-cds-archive --compress=2 \
    --output "$work/runtime" >/dev/null
[[ -x "$work/runtime/bin/java" || -x "$work/runtime/bin/java.exe" ]] || die "the runtime lost bin/java"

# --- The image -----------------------------------------------------------------------------------------------
# jpackage copies the whole --input folder and puts every jar in it on the launcher's class path, so only the
# app jar and its libraries go there (java.class.path then lists them all, and workers inherit it).
cp target/garrison.jar "$work/input/"
cp target/lib/*.jar "$work/input/lib/"

version="$(app_version)"
version="${version%%-*}"   # jpackage takes numbers only: 0.1.0-SNAPSHOT -> 0.1.0
icon="$GARRISON_ROOT/resources/icons/garrison-256.png"
icon_opts=()
[[ -f "$icon" ]] && icon_opts=(--icon "$icon")

"$JDK_HOME/bin/jpackage" \
    --type app-image \
    --name garrison \
    --app-version "$version" \
    --vendor "Garrison" \
    --description "A real pool of worker processes, and a window to watch them work." \
    --input "$work/input" \
    --main-jar garrison.jar \
    --main-class io.garrison.Launcher \
    --runtime-image "$work/runtime" \
    "${icon_opts[@]}" \
    --dest "$GARRISON_IMAGE_DIR"

# A quick proof the image starts on its own runtime; the full check is installer/smoke-test-app-image.sh.
"$GARRISON_IMAGE/bin/garrison" --version >/dev/null || die "the image does not start"
say "built $GARRISON_IMAGE ($(du -sh "$GARRISON_IMAGE" | cut -f1)) in $((SECONDS - started)) s"
