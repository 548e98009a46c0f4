# Shared helpers for the installer scripts. Sourced, never run: the caller has already set -euo pipefail.
# Also sourced by build-dmg.sh on macOS, whose /bin/bash is 3.2: no mapfile, no ${x,,}, no "${empty[@]}".
# shellcheck shell=bash

# The repository root, whatever folder the caller was started from, and where the Linux image goes (used by
# the scripts that source this file).
# shellcheck disable=SC2034
GARRISON_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
GARRISON_IMAGE_DIR="$GARRISON_ROOT/target/app-image"
GARRISON_IMAGE="$GARRISON_IMAGE_DIR/garrison"

say() { printf '[installer] %s\n' "$*" >&2; }
die() { printf '[installer] error: %s\n' "$*" >&2; exit 1; }

# The JDK whose jlink/jpackage we use. JAVA_HOME wins; then macOS's java_home; else the javac on PATH, because a
# bare `java` may be a JRE without jlink. Debian's /usr/bin/javac is an alternatives link: resolve it.
find_jdk() {
    local home="${JAVA_HOME:-}"
    if [[ -z "$home" && -x /usr/libexec/java_home ]]; then
        home="$(/usr/libexec/java_home -v 17 2>/dev/null || true)"
    fi
    if [[ -z "$home" ]]; then
        local javac
        javac="$(command -v javac || true)"
        [[ -n "$javac" ]] || die "no JDK: set JAVA_HOME or put a JDK 17's javac on PATH"
        javac="$(cd "$(dirname "$javac")" && pwd -P)/$(basename "$javac")"
        while [[ -L "$javac" ]]; do   # readlink -f is missing on older macOS
            local target
            target="$(readlink "$javac")"
            [[ "$target" == /* ]] || target="$(dirname "$javac")/$target"
            javac="$target"
        done
        home="$(cd "$(dirname "$javac")/.." && pwd -P)"
    fi
    [[ -x "$home/bin/jlink" && -x "$home/bin/jpackage" ]] || die "$home has no jlink/jpackage: a full JDK 17 is needed"
    JDK_HOME="$home"
}

# Runs `mvn package` when the jar is missing (or always, with --rebuild as the script's first argument).
ensure_jar() {
    if [[ "${1:-}" == "--rebuild" || ! -f "$GARRISON_ROOT/target/garrison.jar" || ! -f "$GARRISON_ROOT/target/garrison-worker.jar" ]]; then
        say "building the jar: mvn -B -DskipTests package"
        (cd "$GARRISON_ROOT" && mvn -B -q -DskipTests package)
    fi
    [[ -d "$GARRISON_ROOT/target/lib" ]] || die "target/lib is missing: run mvn package"
}

# Links the bundled runtime into $1 with jlink.
link_runtime() {
    local output="$1" root="$GARRISON_ROOT"
    # Modules the code names, as jdeps sees them in the jars (so a new import in the engine cannot be
    # forgotten), and those it cannot see (found at run time, or features on their way): runtime-modules.txt.
    local jar_modules listed modules
    jar_modules="$("$JDK_HOME/bin/jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps \
        "$root/target/garrison.jar" "$root"/target/lib/*.jar 2>/dev/null)"
    listed="$(sed 's/#.*//' "$root/installer/runtime-modules.txt" | tr -d ' \t' | grep -v '^$' | paste -sd, -)"
    modules="$(printf '%s,%s\n' "$jar_modules" "$listed" | tr ',' '\n' | grep -v '^$' | sort -u | paste -sd, -)"
    say "runtime modules: $modules"

    # --strip-debug also strips native symbols on Linux, which needs objcopy (binutils); without it keep the
    # native symbols and strip only the Java debug attributes. (Elsewhere it strips Java attributes only.)
    local strip=--strip-debug
    if [[ "$(uname -s)" == Linux ]] && ! ensure_command objcopy binutils; then
        say "no objcopy: stripping Java debug attributes only"
        strip=--strip-java-debug-attributes
    fi
    # Deliberately NOT --strip-native-commands: worker processes are started as <java.home>/bin/java, so the
    # runtime must keep bin/java. --generate-cds-archive gives the runtime the default CDS archive a stock JDK
    # has; without it every worker JVM starts noticeably slower. --compress=2 saves ~27 MB and costs no
    # start-up time measurably (10 x `--version`: 169 ms against 164 ms uncompressed).
    rm -rf "$output"
    "$JDK_HOME/bin/jlink" \
        --add-modules "$modules" \
        --include-locales=en,zh \
        "$strip" --no-header-files --no-man-pages \
        --generate-cds-archive --compress=2 \
        --output "$output" >/dev/null
    [[ -x "$output/bin/java" ]] || die "the runtime lost bin/java"
}

# Puts the app jar and its libraries into $1, the folder jpackage's --input copies whole: every jar in it goes
# on the launcher's class path, so java.class.path lists them all and the workers inherit it.
stage_input() {
    local input="$1"
    rm -rf "$input"
    mkdir -p "$input/lib"
    cp "$GARRISON_ROOT/target/garrison.jar" "$GARRISON_ROOT/target/garrison-worker.jar" "$input/"
    cp "$GARRISON_ROOT"/target/lib/*.jar "$input/lib/"
}

# Installs Debian packages that are missing, when running as root on a machine with apt; returns non-zero if
# any is still missing. CI starts on a bare machine, and jlink/jpackage call outside tools (objcopy, fakeroot,
# dpkg-deb) without saying which package brings them.
ensure_packages() {
    local missing=() pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null | grep -qx installed || missing+=("$pkg")
    done
    (( ${#missing[@]} )) || return 0
    [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1 || return 1
    say "installing ${missing[*]}"
    # update only once per script run: it is the slow part
    if [[ -z "${GARRISON_APT_UPDATED:-}" ]]; then
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
        GARRISON_APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# Makes sure a command exists, installing the Debian package that brings it if need be.
ensure_command() {
    local cmd="$1" pkg="$2"
    command -v "$cmd" >/dev/null 2>&1 && return 0
    ensure_packages "$pkg" || true
    command -v "$cmd" >/dev/null 2>&1
}

# The app version as the built jar reports it ("garrison 0.1.0"), so the image, the .deb and --version
# can never disagree with the pom.
# jpackage takes numbers only, so 0.1.0-SNAPSHOT becomes 0.1.0.
app_version() {
    local version
    version="$("$JDK_HOME/bin/java" -jar "$GARRISON_ROOT/target/garrison.jar" --version | awk 'NR == 1 { print $2 }')"
    echo "${version%%-*}"
}
