# Shared helpers for the installer scripts. Sourced, never run: the caller has already set -euo pipefail.
# shellcheck shell=bash

# The repository root, whatever folder the caller was started from.
GARRISON_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
GARRISON_IMAGE_DIR="$GARRISON_ROOT/target/app-image"
GARRISON_IMAGE="$GARRISON_IMAGE_DIR/garrison"

say() { printf '[installer] %s\n' "$*" >&2; }
die() { printf '[installer] error: %s\n' "$*" >&2; exit 1; }

# The JDK whose jlink/jpackage we use. JAVA_HOME wins; else the javac on PATH, because a bare `java` may be a
# JRE without jlink. Debian's /usr/bin/javac is an alternatives link, hence readlink -f.
find_jdk() {
    local home="${JAVA_HOME:-}"
    if [[ -z "$home" ]]; then
        local javac
        javac="$(command -v javac || true)"
        [[ -n "$javac" ]] || die "no JDK: set JAVA_HOME or put a JDK 17's javac on PATH"
        home="$(dirname "$(dirname "$(readlink -f "$javac")")")"
    fi
    [[ -x "$home/bin/jlink" && -x "$home/bin/jpackage" ]] || die "$home has no jlink/jpackage: a full JDK 17 is needed"
    JDK_HOME="$home"
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
app_version() {
    "$JDK_HOME/bin/java" -jar "$GARRISON_ROOT/target/garrison.jar" --version | awk 'NR == 1 { print $2 }'
}
