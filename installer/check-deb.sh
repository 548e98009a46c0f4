#!/usr/bin/env bash
# Installs the .deb on this machine with dpkg -i, checks what it promises (garrison on PATH, the menu entry and
# its icon), removes it with dpkg -r and checks that nothing is left. Needs root; changes /opt and /usr for the
# few seconds it runs, so it refuses to touch a garrison package that was installed before it started.
#   installer/check-deb.sh [FILE.deb]   (default: the one build-deb.sh made)
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
cd "$GARRISON_ROOT"

[[ "$(id -u)" -eq 0 ]] || die "run as root: it installs and removes a package"
deb="${1:-$(ls target/installer/garrison_*.deb 2>/dev/null | head -1)}"
[[ -f "$deb" ]] || die "no .deb: run installer/build-deb.sh"
# dpkg's state of the package: installed, half-configured, config-files, ...; empty or not-installed when absent.
package_state() { dpkg-query -W -f='${db:Status-Status}' garrison 2>/dev/null || true; }
case "$(package_state)" in
    "" | not-installed) ;;
    *) die "a garrison package is on this machine already ($(package_state)); not touching it" ;;
esac
version="$(dpkg-deb -f "$deb" Version)"

# Its dependencies come first, from apt, so that the before/after comparison below sees only the package's own
# files (dpkg -i does not fetch dependencies, and dpkg -r would not remove them).
mapfile -t deps < <(dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed 's/([^)]*)//; s/|.*//; s/ //g' | grep -v '^$')
ensure_packages "${deps[@]}" || die "cannot install the dependencies: ${deps[*]}"
# desktop-file-validate checks the menu entry; optional, as it is not one of the package's dependencies.
ensure_command desktop-file-validate desktop-file-utils || say "no desktop-file-validate: entry not validated"
# What a desktop uses to know the task lists' type and who opens them; optional like the validator.
ensure_command update-mime-database shared-mime-info || say "no shared-mime-info: the MIME type is not checked"
ensure_command xdg-mime xdg-utils || say "no xdg-mime: the default app of task lists is not checked"
ensure_command appstreamcli appstream || say "no appstreamcli: the AppStream metadata is not validated"

# What exists under the folders a package may touch. /opt may be missing, and dpkg removes an empty /opt
# along with the package: only files that appear and stay count as left behind.
snapshot() {
    local roots=() root
    for root in /opt /usr /etc; do [[ -d "$root" ]] && roots+=("$root"); done
    # The caches the desktop's tools rebuild from the package's files (dpkg triggers) belong to those tools; the
    # package's own files among them are checked by name below.
    find "${roots[@]}" -xdev \( -path /usr/lib/jvm -o -path /etc/ld.so.cache -o -path /usr/share/mime \
        -o -name mimeinfo.cache -o -name icon-theme.cache \) -prune -o -print | sort
}
before="$(mktemp)"; after="$(mktemp)"
trap 'rm -f "$before" "$after"' EXIT
snapshot >"$before"

say "dpkg -i $deb"
dpkg -i "$deb" >&2

fail=0
check() {  # check DESCRIPTION COMMAND...: runs the command, reports, remembers a failure
    local what="$1"; shift
    if "$@"; then say "ok: $what"; else say "FAILED: $what"; fail=1; fi
}
check "garrison on PATH is /usr/bin/garrison" test "$(command -v garrison)" = /usr/bin/garrison
printf '[installer] garrison --version: %s\n' "$(garrison --version | tr '\n' ' ')" >&2
check "garrison --version names the package's version" bash -c "garrison --version | head -1 | grep -qx 'garrison ${version%-*}'"
check "the bundled runtime keeps bin/java (the workers' executable)" test -x /opt/garrison/lib/runtime/bin/java
squares="$(seq 1 5 | garrison run -k square -p 2 - 2>/dev/null | tr '\n' ' ')" || true
printf '[installer] seq 1 5 | garrison run -k square -p 2 -: %s\n' "$squares" >&2
check "the installed command runs a pool of workers" bash -c "seq 1 5 | garrison run -k square -p 2 --json - |
    grep -c '\"type\":\"task-succeeded\"' | grep -qx 5"
desktop=/usr/share/applications/garrison.desktop
check "menu entry installed ($desktop)" test -s "$desktop"
if [[ -s "$desktop" ]]; then
    sed 's/^/[installer]   /' "$desktop" >&2
    check "menu entry runs the launcher with the files it opens" grep -qx 'Exec=garrison %F' "$desktop"
    check "menu entry opens task lists" grep -qx 'MimeType=text/x-garrison-tasks;text/plain;' "$desktop"
    icon="$(sed -n 's/^Icon=//p' "$desktop")"
    check "menu icon '$icon' is in the hicolor theme at 16..512 px" \
        test "$(ls /usr/share/icons/hicolor/*/apps/"$icon".png 2>/dev/null | wc -l)" -eq 7
    check "menu icon '$icon' is in the hicolor theme as SVG" test -s "/usr/share/icons/hicolor/scalable/apps/$icon.svg"
    if command -v desktop-file-validate >/dev/null; then
        check "desktop-file-validate" desktop-file-validate "$desktop"
    fi
fi
check "the task lists' MIME type is installed" test -s /usr/share/mime/packages/garrison.xml
if command -v update-mime-database >/dev/null; then
    check "shared-mime-info knows *.tasks as text/x-garrison-tasks" \
        grep -q 'text/x-garrison-tasks:\*\.tasks' /usr/share/mime/globs2
fi
if command -v xdg-mime >/dev/null && command -v update-desktop-database >/dev/null; then
    default="$(xdg-mime query default text/x-garrison-tasks 2>/dev/null || true)"
    say "xdg-mime query default text/x-garrison-tasks: ${default:-nothing}"
    check "xdg-mime names Garrison as the app of task lists" test "$default" = garrison.desktop
fi
metainfo=/usr/share/metainfo/io.garrison.Garrison.metainfo.xml
check "AppStream metadata installed" test -s "$metainfo"
if command -v appstreamcli >/dev/null; then
    check "appstreamcli validate" appstreamcli validate --no-net "$metainfo"
fi
check "dpkg says the package owns /usr/bin/garrison" bash -c "dpkg -S /usr/bin/garrison | grep -q '^garrison:'"
check "bash completion completes garrison's commands" bash -c \
    "source /usr/share/bash-completion/completions/garrison && complete -p garrison >/dev/null"
# A dpkg set to leave documentation out (path-exclude in /etc/dpkg/dpkg.cfg.d) skips the man pages.
if ! grep -qs '^path-exclude.*/usr/share/man' /etc/dpkg/dpkg.cfg.d/*; then
    check "man garrison-run shows the run command's page" bash -c "man garrison-run 2>/dev/null | grep -q -- --joblog"
fi

say "dpkg -r garrison"
dpkg -r garrison >&2
snapshot >"$after"
state="$(package_state)"
check "dpkg keeps no trace of garrison (state: ${state:-none})" test -z "${state/not-installed/}"
check "/opt/garrison, /usr/bin/garrison and the menu entry are gone" \
    bash -c "! test -e /opt/garrison && ! test -L /usr/bin/garrison && ! ls /usr/share/applications/*garrison* >/dev/null 2>&1 \
        && ! test -e /usr/share/bash-completion/completions/garrison && ! ls /usr/share/man/man1/garrison* >/dev/null 2>&1 \
        && ! test -e /usr/share/mime/packages/garrison.xml && ! test -e /usr/share/metainfo/io.garrison.Garrison.metainfo.xml"
leftovers="$(comm -13 "$before" "$after")"
check "no file added by the package is left behind" test -z "$leftovers"
[[ -z "$leftovers" ]] || sed "s|^|[installer]   left: |" <<<"$leftovers" >&2
(( fail == 0 )) || die "the .deb check failed"
say "the .deb installs, works and removes cleanly"
