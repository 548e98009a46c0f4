#!/usr/bin/env bash
# Smoke test of the app image (target/app-image/garrison), run by .ci/run after `mvn verify`:
#   1. it starts with no Java on PATH and no JAVA_HOME, and answers --version like the jar does;
#   2. `run -k square --json` over 1..10 gives the squares 1, 4, ..., 100;
#   3. its worker processes are executables inside the image (the bundled runtime), never a system Java;
#   4. stdout, stderr and the exit status come through the native launcher unchanged;
#   5. the desktop app opens a window (under Xvfb; skipped with SMOKE_DESKTOP=0).
# Builds the image first if it is missing. Needs jq (installed from apt when missing and running as root).
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
cd "$GARRISON_ROOT"

[[ -x "$GARRISON_IMAGE/bin/garrison" ]] || "$GARRISON_ROOT/installer/build-app-image.sh"
ensure_command jq jq || die "needs jq to read the --json events"

launcher="$GARRISON_IMAGE/bin/garrison"
runtime="$(cd "$GARRISON_IMAGE/lib/runtime" && pwd -P)"
scratch="$(mktemp -d)"
background=""
cleanup() {
    # The background run and Xvfb are ours; stop them if a check failed half-way.
    [[ -n "$background" ]] && kill "$background" 2>/dev/null || true
    [[ -n "${xvfb_pid:-}" ]] && kill "$xvfb_pid" 2>/dev/null || true
    rm -rf "$scratch"
}
trap cleanup EXIT
fail() { printf '[smoke] FAILED: %s\n' "$*" >&2; exit 1; }
ok() { printf '[smoke] ok: %s\n' "$*" >&2; }

# A PATH with no java on it and no JAVA_HOME: what a user who never installed Java has. PATH keeps only a
# folder of the few tools the checks call through it. The engine's worker class archive goes to a fresh
# XDG_CACHE_HOME, so the check below sees this image's own. (HOME stays: Java takes user.home from the
# password database, not from $HOME.)
mkdir -p "$scratch/bin" "$scratch/cache"
for tool in sh sleep cat seq; do ln -s "$(command -v "$tool")" "$scratch/bin/$tool"; done
nojava=(env -i "HOME=${HOME:-/root}" "XDG_CACHE_HOME=$scratch/cache" "PATH=$scratch/bin" LANG=C.UTF-8)
"${nojava[@]}" sh -c 'command -v java' >/dev/null 2>&1 && fail "the no-Java PATH still finds java"
# Stronger, where root may make a mount namespace (not in every container): the system JDK's folder is hidden
# under an empty tmpfs, so even an absolute path to it would fail. unshare execs in place, so a background
# run's $! is still the launcher's PID.
system_jdk="$(dirname "$(dirname "$(readlink -f "$(command -v java || echo /nonexistent/bin/java)")")")"
hide_jdk=(unshare --mount sh -c 'mount -t tmpfs none "$0" && exec "$@"' "$system_jdk")
if [[ "$(id -u)" -eq 0 && -d "$system_jdk" ]] && "${hide_jdk[@]}" true 2>/dev/null; then
    nojava=("${hide_jdk[@]}" "${nojava[@]}")
    say "the system JDK $system_jdk is hidden from the image's processes"
fi

# 0. The runtime has the default CDS archive (jlink --generate-cds-archive): worker start-up relies on it, and
# the engine's AppCDS archive of worker classes is a layer on top of it.
"$runtime/bin/java" -Xshare:on -version >/dev/null 2>&1 || fail "the runtime has no default CDS archive"
ok "the runtime's default CDS archive maps (-Xshare:on)"

# 1. --version, as the jar says it.
"${nojava[@]}" "$launcher" --version >"$scratch/version" || fail "--version exited with $?"
expected="$(java -jar target/garrison.jar --version 2>/dev/null | head -1 || true)"
[[ -z "$expected" || "$(head -1 "$scratch/version")" == "$expected" ]] || fail "--version: $(head -1 "$scratch/version") is not $expected"
grep -q '^garrison ' "$scratch/version" || fail "--version printed: $(cat "$scratch/version")"
ok "--version without Java on PATH: $(tr '\n' ' ' <"$scratch/version")"

# 2. Squares of 1..10, the list read from stdin ("-").
seq 1 10 | "${nojava[@]}" "$launcher" run -k square -p 2 --json - >"$scratch/squares.jsonl" \
    || fail "run -k square exited with $?: $(tail -3 "$scratch/squares.jsonl")"
results="$(jq -rs '[.[] | select(.type == "task-succeeded")] | sort_by(.task) | map(.result | tostring) | join(",")' \
    "$scratch/squares.jsonl")"
[[ "$results" == "1,4,9,16,25,36,49,64,81,100" ]] || fail "squares: got [$results]"
[[ "$(jq -rs '[.[] | select(.type == "run-finished")] | length' "$scratch/squares.jsonl")" == 1 ]] \
    || fail "no run-finished event"
ok "run -k square --json over 1..10: $results"

# 3. Workers run on the bundled runtime. A slow list keeps them alive long enough to look at: the kernel's
# /proc/PID/exe names the executable a process really runs, whatever its argv claims.
printf '%s\n' 2000 2000 2000 2000 >"$scratch/sleeps.txt"
"${nojava[@]}" "$launcher" run -k sleep -p 2 --json "$scratch/sleeps.txt" >"$scratch/sleeps.jsonl" 2>"$scratch/sleeps.err" &
background=$!
pids=()
for _ in $(seq 1 100); do   # up to 20 s for both workers to report
    mapfile -t pids < <(jq -r 'select(.type == "worker-started") | .pid' "$scratch/sleeps.jsonl" 2>/dev/null || true)
    (( ${#pids[@]} >= 2 )) && break
    sleep 0.2
done
(( ${#pids[@]} >= 2 )) || fail "no two worker-started events in 20 s: $(cat "$scratch/sleeps.jsonl" "$scratch/sleeps.err")"
for pid in "${pids[@]}"; do
    exe="$(readlink "/proc/$pid/exe" 2>/dev/null)" || fail "worker $pid is gone before it could be checked"
    [[ "$exe" == "$runtime/bin/java" ]] || fail "worker $pid runs $exe, not $runtime/bin/java"
    ok "worker $pid runs $exe"
    # The lean worker jar, not the app's: JavaFX on a worker's class path costs it every service lookup.
    classpath="$(tr '\0' '\n' <"/proc/$pid/cmdline" | grep -A1 -x -e -cp | tail -1)"
    [[ "$classpath" == *garrison-worker.jar* && "$classpath" != *javafx* ]] \
        || fail "worker $pid's class path is not the worker jar's: $classpath"
    ok "worker $pid's class path: $classpath"
done
# Every process the launcher started, not only those the events named, must come from the image. /proc, not
# ps: a bare Debian has no procps. Field 4 of /proc/PID/stat, after the ")" that ends the name, is the parent.
children=0
for stat in /proc/[0-9]*/stat; do
    fields="$(cat "$stat" 2>/dev/null)" || continue
    read -r _state ppid _rest <<<"${fields##*) }"
    [[ "$ppid" == "$background" ]] || continue
    pid="${stat#/proc/}"; pid="${pid%/stat}"
    exe="$(readlink "/proc/$pid/exe" 2>/dev/null || true)"
    [[ -z "$exe" || "$exe" == "$runtime"/* ]] || fail "child $pid of the launcher runs $exe"
    children=$((children + 1))
done
(( children >= 2 )) || fail "found $children child processes of the launcher, not the 2 workers"
wait "$background" || fail "the sleep run exited with $?: $(cat "$scratch/sleeps.err")"
background=""
[[ "$(jq -rs '[.[] | select(.type == "task-succeeded")] | length' "$scratch/sleeps.jsonl")" == 4 ]] \
    || fail "the sleep run did not finish its 4 tasks"
ok "all $children children of the launcher ran on the image's runtime; the sleep run finished"
# Informational: whether the engine recorded its worker class archive for this image (it does so in the
# background, so a short run may end first).
archives="$(ls "$scratch/cache/garrison/cds" 2>/dev/null | paste -sd' ' - || true)"
say "worker class archive recorded: ${archives:-none yet}"

# 4. The launcher passes the streams and the exit status through: a bad option is status 2, a message on
# stderr and nothing on stdout, exactly like `java -jar`.
status=0
"${nojava[@]}" "$launcher" run --no-such-option >"$scratch/bad.out" 2>"$scratch/bad.err" || status=$?
[[ $status -eq 2 ]] || fail "a bad option gave exit status $status, not 2"
[[ ! -s "$scratch/bad.out" && -s "$scratch/bad.err" ]] || fail "a bad option's message is not on stderr only"
ok "bad option: exit status 2, message on stderr: $(head -1 "$scratch/bad.err")"

# 5. The desktop app: a window must appear on an X server without a screen. With --screenshot/--quit-after
# the app takes its own picture and quits; until it does, the window itself is the proof, and we close it.
if [[ "${SMOKE_DESKTOP:-1}" == 0 ]]; then
    say "desktop check skipped (SMOKE_DESKTOP=0)"
    exit 0
fi
# An X server without a screen, xwininfo to see the window, and GTK 3, which the window needs (the .deb
# declares it); a bare CI machine has none of them. One apt call: it is the slow part.
ensure_packages xvfb x11-utils libgtk-3-0 || true
command -v Xvfb >/dev/null && command -v xwininfo >/dev/null \
    || fail "the desktop check needs Xvfb and xwininfo (Debian: xvfb, x11-utils); SMOKE_DESKTOP=0 skips it"
# Xvfb names its display on fd 3 once it is up. It takes a tenth of a second here, but once in a CI run it
# named none within 5 s and logged nothing: wait up to 20 s, and start it a second time if it gave up.
start_xvfb() {
    : >"$scratch/display"
    exec 3>"$scratch/display"
    Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp >"$scratch/xvfb.log" 2>&1 &
    xvfb_pid=$!
    for _ in $(seq 1 200); do
        [[ -s "$scratch/display" ]] && return 0
        kill -0 "$xvfb_pid" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}
if ! start_xvfb; then
    echo "[smoke] Xvfb named no display ($(cat "$scratch/xvfb.log")); starting it again" >&2
    kill "$xvfb_pid" 2>/dev/null || true
    start_xvfb || true
fi
display=":$(head -1 "$scratch/display")"
[[ "$display" != ":" ]] || fail "Xvfb did not start: $(cat "$scratch/xvfb.log")"
"${nojava[@]}" DISPLAY="$display" "$launcher" --demo squares --screenshot "$scratch/shot.png" --quit-after 3 \
    >"$scratch/desktop.out" 2>&1 &
background=$!
shown=""
for _ in $(seq 1 150); do   # up to 30 s: the first start unpacks JavaFX's natives
    if DISPLAY="$display" xwininfo -root -tree 2>/dev/null | grep -qi '"io.garrison'; then shown="a window"; break; fi
    [[ -s "$scratch/shot.png" ]] && { shown="a window"; break; }
    kill -0 "$background" 2>/dev/null || break
    sleep 0.2
done
[[ -n "$shown" ]] || fail "the desktop app showed no window: $(tail -5 "$scratch/desktop.out")"
# An app that knows --quit-after quits by itself, and then must have saved its --screenshot; one that does
# not yet is closed here, and the window alone is the proof.
for _ in $(seq 1 150); do kill -0 "$background" 2>/dev/null || break; sleep 0.2; done
if kill -0 "$background" 2>/dev/null; then
    kill "$background" 2>/dev/null || true
    wait "$background" 2>/dev/null || true
    say "the app did not quit by itself (no --quit-after yet?): closed it"
else
    status=0
    wait "$background" || status=$?
    [[ $status -eq 0 ]] || fail "the desktop app exited with $status: $(tail -5 "$scratch/desktop.out")"
    [[ "$(head -c 8 "$scratch/shot.png" 2>/dev/null | od -An -tx1 | tr -d ' \n')" == 89504e470d0a1a0a ]] \
        || fail "the app quit but saved no PNG at --screenshot"
    shown="$shown, saved a $(wc -c <"$scratch/shot.png")-byte screenshot and quit by itself"
fi
background=""
ok "the desktop app started from the image and showed $shown"
