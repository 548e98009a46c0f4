#!/usr/bin/env bash
# Builds target/app-image/garrison/: the app with its own jlink-trimmed Java runtime, started by the native
# launcher bin/garrison. No Java needs to be installed where the image runs. (Linux; macOS: build-dmg.sh,
# Windows: build-msi.ps1.)
#
#   installer/build-app-image.sh            uses target/garrison.jar, running `mvn package` if it is missing
#   installer/build-app-image.sh --rebuild  always runs `mvn package` first
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
cd "$GARRISON_ROOT"

ensure_jar "${1:-}"
find_jdk
started=$SECONDS

work="$GARRISON_ROOT/target/jpackage"
rm -rf "$GARRISON_IMAGE_DIR"
link_runtime "$work/runtime"
stage_input "$work/input"

# The launcher's JVM runs the quick compiler only: the window's parent spent a third of a core in the optimizing
# compiler during the stress demo (p95 frame 47 -> 32 ms, worst 235-265 -> 160-174 ms side by side), and a CLI
# run of 1M squares was no slower. Workers choose their own compilers (WorkerLauncher, the CLI's WorkerFlags).
# Its GC keeps frames whole: the window's classes fill about 21 MB of metaspace, the default threshold, so G1
# began a marking cycle mid-run and its mixed collections then stopped the window for 33-46 ms; a 20 ms pause
# goal keeps the young collections short too (decision 0007).
"$JDK_HOME/bin/jpackage" \
    --type app-image \
    --name garrison \
    --app-version "$(app_version)" \
    --vendor "Garrison" \
    --description "A real pool of worker processes, and a window to watch them work." \
    --input "$work/input" \
    --main-jar garrison.jar \
    --main-class io.garrison.Launcher \
    --java-options "-XX:TieredStopAtLevel=1" \
    --java-options "-XX:MetaspaceSize=64m" \
    --java-options "-XX:MaxGCPauseMillis=20" \
    --runtime-image "$work/runtime" \
    --icon "$GARRISON_ROOT/resources/icons/garrison-256.png" \
    --dest "$GARRISON_IMAGE_DIR"
# No --file-associations here: jpackage takes them for packages only (build-deb.sh, build-dmg.sh, build-msi.ps1).
# The image's launcher opens the task lists it is given as arguments all the same: bin/garrison list.tasks.

# A quick proof the image starts on its own runtime; the full check is installer/smoke-test-app-image.sh.
"$GARRISON_IMAGE/bin/garrison" --version >/dev/null || die "the image does not start"
say "built $GARRISON_IMAGE ($(du -sh "$GARRISON_IMAGE" | cut -f1)) in $((SECONDS - started)) s"
