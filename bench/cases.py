"""The cases of bench/run (issue 6) and their targets. Usage: cases.py full|quick CLASSPATH JAR."""
import datetime
import json
import os
import platform
import shutil
import re
import signal
import statistics
import subprocess
import sys
import time

import harness
from harness import Contender, Group, DATA, OUT, PY, ROOT

PYBENCH = os.path.join(ROOT, "bench", "py", "pybench.py")
SERVER = os.path.join(ROOT, "bench", "py", "pageserver.py")
# Monocle runs JavaFX without a display; the 17.x build is the one that works on JDK 17 (see DESIGN.md).
MONOCLE = os.path.expanduser("~/.m2/repository/org/testfx/openjfx-monocle/17.0.10/openjfx-monocle-17.0.10.jar")


def parse_frames(out, err):
    """The stress demo's last line: 'frames N, frame time mean X ms, p95 Y ms, max Z ms; FX thread CPU W ms/frame',
    since ui-perf followed by '; render thread CPU R ms/frame; GC G ms' (a pulse waits for the previous frame's
    rendering, so the render thread bounds the frame rate as much as the FX thread)."""
    m = re.search(r"frames (\d+), frame time mean ([\d.]+) ms, p95 ([\d.]+) ms, max ([\d.]+) ms; "
                  r"FX thread CPU ([\d.]+) ms/frame", err)
    result = {"value": float(m.group(4)), "frames": int(m.group(1)), "mean": float(m.group(2)),
              "p95": float(m.group(3)), "cpu": float(m.group(5))}
    r = re.search(r"render thread CPU ([\d.]+) ms/frame; GC (\d+) ms", err)
    if r:
        result["render"] = float(r.group(1))
        result["gc"] = int(r.group(2))
    return result


def fmt_frames(c):
    med = lambda k: statistics.median(c.extras[k])
    text = (f"worst {harness.median(c):.0f} ms ({min(c.samples):.0f}–{max(c.samples):.0f}); "
            f"{1000 / med('mean'):.1f} fps (mean {med('mean'):.1f} ms), p95 {med('p95'):.0f} ms, "
            f"FX thread CPU {med('cpu'):.1f} ms/frame")
    if c.extras.get("render"):
        text += f", render thread CPU {med('render'):.1f} ms/frame, GC {med('gc'):.0f} ms"
    return text


def fmt_bulk(c, tasks):
    m = harness.median(c)
    first = statistics.median(c.extras["first_seconds"])
    return f"{tasks / m:,.0f}/s ({m:.3f} s; first {first:.3f} s)"


def fmt_marginal(c):
    m = harness.median(c)
    spread = f" ({min(c.samples) * 1000:.2f}–{max(c.samples) * 1000:.2f})" if len(c.samples) > 1 else ""
    base = statistics.median(c.extras["base_seconds"])
    more = statistics.median(c.extras["more_seconds"])
    return f"{m * 1000:.2f} ms/task{spread}; whole runs {base:.2f} s and {more:.2f} s"


def machine():
    def first(path, prefix):
        with open(path) as f:
            for line in f:
                if line.startswith(prefix):
                    return line.split(":", 1)[1].strip()
        return "?"
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(),
        "cpu": first("/proc/cpuinfo", "model name"),
        "ram": f'{int(first("/proc/meminfo", "MemTotal").split()[0]) / 1024 / 1024:.1f} GB',
        "kernel": platform.release(),
        "jdk": java[1] if len(java) > 1 else java[0],
        "python": platform.python_version(),
        "parallel": (subprocess.run(["parallel", "--version"], capture_output=True, text=True).stdout.splitlines() or ["?"])[0]
        if shutil.which("parallel") else "missing",
        "curl": " ".join(subprocess.run(["curl", "--version"], capture_output=True, text=True).stdout.split()[:2])
        if shutil.which("curl") else "missing",
        "load_at_start": open("/proc/loadavg").read().split()[:3],
    }


def write_list(name, lines):
    path = os.path.join(DATA, name)
    if not os.path.exists(path):
        with open(path + ".tmp", "w") as f:
            for line in lines:
                f.write(f"{line}\n")
        os.replace(path + ".tmp", path)
    return path


def groups_for(mode, cp, jar, port):
    quick = mode == "quick"
    java = ["java", "-cp", cp, "io.garrison.bench.GarrisonBench"]
    # The app's own JVM options (pom.xml's javafx:run, the installed launcher): the quick compiler only, and GC
    # settings that keep a frame whole.
    fx = ["java", "-XX:TieredStopAtLevel=1", "-XX:MetaspaceSize=64m", "-XX:MaxGCPauseMillis=20", "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dheadless.geometry=1920x1200-32",
          "-Dprism.order=sw", "-Dprism.text=t2k", "-Djava.awt.headless=true", "-cp", cp + ":" + MONOCLE]
    gjar = ["java", "-jar", jar, "run"]
    groups = []

    # 1. Bulk map of squares, default chunk size. In-process throughput is the median of 3 maps in one pool
    # after a 100,000-task warm-up, on both sides; the first of them (the JVM still compiling) is shown too.
    sizes = [1_000_000] if quick else [1_000_000, 10_000_000]
    for n in sizes:
        for p in [2, 4]:
            label = f"{n // 1_000_000}M"
            maps = "3" if n <= 1_000_000 else "2"
            groups.append(Group("1 bulk map, in-process", f"{label} squares, pool {p}", [
                Contender("garrison map(x -> x*x)", java + ["bulk", str(n), str(p), maps], "json",
                          extra_keys=["first_seconds"]),
                Contender("python Pool.map(f)", [PY, PYBENCH, "bulk", str(n), str(p), maps], "json",
                          extra_keys=["first_seconds"]),
            ], rounds=3 if quick or n > 1_000_000 else 5, tasks=n, fmt=lambda c, n=n: fmt_bulk(c, n),
                targets=[("garrison map(x -> x*x)", "python Pool.map(f)", 2.0, "≥ 2×")],
                note=f"median of {maps} maps after a 100,000-task warm-up, in one pool; 'first' is the first of them"))
    for n in sizes:
        for p in ([2] if quick else [2, 4]):
            label = f"{n // 1_000_000}M"
            lst = write_list(f"sq{label.lower()}.txt", range(n))
            contenders = [
                Contender("garrison map(x -> x*x)", java + ["whole", str(n), str(p)]),
                Contender("python Pool.map(f)", [PY, PYBENCH, "whole", str(n), str(p)]),
            ]
            targets = [("garrison map(x -> x*x)", "python Pool.map(f)", 1.0, "faster")]
            note = ""
            # The CLI pair at 10M takes minutes a run: pool 2 only, to keep the whole bench near 15 minutes.
            if n == 1_000_000 or p == 2:
                contenders += [
                    Contender("garrison run -k square LIST", gjar + ["-p", str(p), "-k", "square", lst]),
                    Contender("python: read LIST, Pool.map, print", [PY, PYBENCH, "cli", lst, str(p)]),
                ]
                targets.append(("garrison run -k square LIST", "python: read LIST, Pool.map, print", 1.0, "faster"))
                note = "the CLI pair parses the list file and prints every result (to /dev/null)"
            groups.append(Group("1 bulk map, whole process", f"{label} squares, pool {p}", contenders,
                                rounds=3 if quick else (5 if n == 1_000_000 else 2), targets=targets, note=note))

    # 2. One task at a time.
    n = 20_000
    for how, py_name in [("map", "map(chunksize=1)"), ("imap", "imap_unordered(chunksize=1)"),
                         ("apply", "apply_async")]:
        g_name = {"map": "map(fn, xs, 1)", "imap": "imapUnordered(fn, xs, 1)", "apply": "applyAsync"}[how]
        groups.append(Group("2 one task at a time", f"20,000 squares, pool 2, {how}", [
            Contender(f"garrison {g_name}", java + ["one", how, str(n), "2"], "json"),
            Contender(f"python {py_name}", [PY, PYBENCH, "one", how, str(n), "2"], "json"),
        ], rounds=3 if quick else 5, tasks=n,
            targets=[(f"garrison {g_name}", f"python {py_name}", 2.0, "≥ 2×")]))

    # 3. Pool start.
    for p in ([5] if quick else [2, 5, 16]):
        targets = []
        if p == 5:
            targets = [("garrison build → map(pool-size items, chunk 1)", "python spawn → map(chunksize=1)", 1.0,
                        "no slower"),
                       ("garrison build → awaitReady", "python spawn → all initializers ran", 1.0, "no slower")]
        groups.append(Group("3 pool start", f"pool of {p}", [
            Contender("garrison build → awaitReady", java + ["start", "ready", str(p)], "json"),
            Contender("garrison build → map(pool-size items, chunk 1)", java + ["start", "map", str(p)], "json"),
            Contender("garrison build → map(\"square\", pool-size items, chunk 1)", java + ["start", "kind", str(p)],
                      "json"),
            Contender("python spawn → map(chunksize=1)", [PY, PYBENCH, "start", "spawn", str(p)], "json"),
            Contender("python spawn → all initializers ran", [PY, PYBENCH, "start-barrier", "spawn", str(p)], "json"),
            Contender("python fork → map(chunksize=1)", [PY, PYBENCH, "start", "fork", str(p)], "json"),
        ], rounds=3 if quick else 5, targets=targets,
            note="in-process, from the pool constructor; interpreter/JVM start excluded on both sides"))

    # 4. The tutorial's exercise.
    urls = write_list(f"urls-{port}.txt", (f"http://127.0.0.1:{port}/page/{i}.html" for i in range(200)))
    d = os.path.join(OUT, "dl")
    contenders = [
        Contender("garrison run -k download -p 3", gjar + ["-k", "download", "-p", "3", "-o", d + "/g", urls],
                  fresh_dir=d + "/g", expect_files=200),
        Contender("python Pool(3) + urllib", [PY, PYBENCH, "download", urls, "3", d + "/py"], fresh_dir=d + "/py", expect_files=200),
        Contender("xargs -P 3 curl", ["xargs", "-P", "3", "-n", "1", "curl", "-sfO"], stdin=urls, cwd=d + "/x",
                  fresh_dir=d + "/x", expect_files=200),
    ]
    if shutil.which("parallel"):
        contenders.append(Contender("parallel -j3 curl", ["parallel", "--will-cite", "-j3", "curl", "-sf", "-o",
                                                          "{#}.html", "{}"], stdin=urls, cwd=d + "/par",
                                    fresh_dir=d + "/par", expect_files=200))
    groups.append(Group("4 the exercise", "200 × 50 KB pages, 50 ms latency, 3 at a time", contenders,
                        rounds=3, ideal=200 * 0.05 / 3,
                        targets=[("garrison run -k download -p 3", "python Pool(3) + urllib", 1.0, "no slower"),
                                 ("garrison run -k download -p 3", "xargs -P 3 curl", 1.0, "faster")],
                        note="whole process, start to exit; ideal = 200 × 50 ms / 3 = 3.33 s"))

    # 5. A subprocess per task.
    trues = write_list("true1000.txt", range(1, 1001))
    contenders = [
        Contender("garrison run -k command -c true -p 2", gjar + ["-k", "command", "-c", "true", "-p", "2", trues]),
        Contender("xargs -P 2 -n 1 true", ["xargs", "-P", "2", "-n", "1", "true"], stdin=trues),
    ]
    if shutil.which("parallel"):
        contenders.append(Contender("parallel -j2 true", ["parallel", "--will-cite", "-j2", "true"], stdin=trues))
    groups.append(Group("5 a subprocess per task", "1,000 × true, 2 at a time", contenders,
                        rounds=3 if quick else 5, per_task=1000,
                        targets=[("garrison run -k command -c true -p 2", "xargs -P 2 -n 1 true", 1.0, "no worse")],
                        note="whole process incl. JVM start; per task = median / 1,000"))
    # The target is the cost per task: what one more task adds, start-up (a JVM's, for Garrison) aside.
    trues_more = write_list("true4000.txt", range(1, 4001))
    gcmd = gjar + ["-k", "command", "-c", "true", "-p", "2"]
    groups.append(Group("5 a subprocess per task", "cost of one more task: 4,000 vs 1,000 × true, 2 at a time", [
        Contender("garrison run -k command -c true -p 2", gcmd + [trues_more], "marginal",
                  base_argv=gcmd + [trues], extra_tasks=3000),
        Contender("xargs -P 2 -n 1 true", ["xargs", "-P", "2", "-n", "1", "true"], "marginal", stdin=trues_more,
                  base_stdin=trues, extra_tasks=3000),
    ], rounds=3 if quick else 5, fmt=fmt_marginal,
        targets=[("garrison run -k command -c true -p 2", "xargs -P 2 -n 1 true", 1.0, "no worse")],
        note="(wall of the 4,000-task run − wall of the 1,000-task run) / 3,000, both runs in the same round: "
             "start-up and exit cancel out"))

    # 6. The parent's memory with a 1,000,000-task list: engine side (TaskList + queued TaskRun) and the app.
    groups.append(Group("6 parent memory", "1,000,000-task list loaded", [
        Contender("engine: TaskList + TaskRun queued (paused pool of 2)", java + ["memory", "1000000", "2"], "json",
                  key="hwm_mb"),
        Contender("desktop app: main view, list loaded (headless)", fx + ["io.garrison.bench.UiMemoryBench",
                                                                        "1000000"], "json", key="hwm_mb"),
    ], rounds=1 if quick else 3, unit="MB",
        targets=[("desktop app: main view, list loaded (headless)", None, 300, "< 300 MB")],
        note="peak RSS (VmHWM) of the parent, default JVM heap settings"))

    if not os.path.exists(MONOCLE):
        groups[-1].contenders.pop()  # the desktop app's memory row needs Monocle too
        groups[-1].targets = [("engine: TaskList + TaskRun queued (paused pool of 2)", None, 300, "< 300 MB")]
        return groups
    # 6. The UI under load: the app's own stress demo, 64 real workers on 20,000 × 50 ms sleeps.
    groups.append(Group("6 UI frames", "64 soldiers, stress demo (20,000 × 50 ms sleeps, nominally ~2,500 events/s)", [
        Contender("desktop app --demo stress (headless, sw)", fx + ["io.garrison.Launcher", "--demo", "stress",
                                                                    "--quit-after", "30"], "parse",
                  parse=parse_frames),
    ], rounds=1 if quick else 3, unit="ms", fmt=fmt_frames,
        targets=[("desktop app --demo stress (headless, sw)", None, 50, "no frame > 50 ms")],
        note="the app as launched (quick compiler only, GC options of its launchers, workers in the background: SCHED_IDLE); 64 worker JVMs on 2 shared cores; frames timed from the moment all 64 answered to 30 s after start; "
             "the value is the worst frame gap (wall clock)"))
    return groups


def start_server():
    p = subprocess.Popen([PY, SERVER, "--seconds", "1800"], stdout=subprocess.PIPE, text=True)
    port = int(p.stdout.readline())
    return p, port


CACHE = os.path.join(OUT, "cache")  # XDG_CACHE_HOME of every Garrison process the bench starts


def warm_up(cp, jar, log):
    """Lets the engine record its AppCDS archive for worker start-up (once per build and class path, in the
    background of the first pool) before anything is timed, in a cache folder of the bench's own, so other
    builds on this machine neither prune it nor evict it. Every user's second run is in this state."""
    os.environ["XDG_CACHE_HOME"] = CACHE
    cds = os.path.join(CACHE, "garrison", "cds")
    sleeper = write_list("warm-sleep.txt", [3000])
    for argv in (["java", "-jar", jar, "run", "-k", "sleep", "-p", "1", sleeper],
                 ["java", "-cp", cp, "io.garrison.bench.GarrisonBench", "warm", "3000"]):
        for attempt in range(3):
            before = archives(cds)
            subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
            if archives(cds) - before or attempt == 2:
                break
        log(f"warm-up: {' '.join(argv[:4])}...: archives now {sorted(archives(cds))}")


def archives(folder):
    return {f for f in os.listdir(folder) if f.endswith(".jsa")} if os.path.isdir(folder) else set()


def cpu_ticks():
    """(steal, total) jiffies of all CPUs from /proc/stat; (0, 0) where there is none."""
    try:
        with open("/proc/stat") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
        return (fields[7] if len(fields) > 7 else 0), sum(fields[:8])
    except (OSError, ValueError):
        return 0, 0


def main():
    mode, cp, jar = sys.argv[1], sys.argv[2], sys.argv[3]
    os.makedirs(DATA, exist_ok=True)
    started = time.time()
    steal_before, total_before = cpu_ticks()
    info = machine()
    header = [f"# Garrison benchmarks ({mode})", "",
              f"- machine: {info['nproc']} × {info['cpu']}, {info['ram']} RAM, Linux {info['kernel']}, "
              f"load at start {' '.join(info['load_at_start'])}",
              f"- JDK: {info['jdk']}; Python {info['python']}; {info['parallel']}; {info['curl']}",
              f"- date: {info['date']}; commit {git_head()}", ""]
    print("\n".join(header), flush=True)
    server, port = start_server()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the cleanup below on kill, too
    try:
        warm_up(cp, jar, lambda s: print(s, file=sys.stderr, flush=True))
        groups = groups_for(mode, cp, jar, port)
        harness.run_all(groups, lambda s: print(s, file=sys.stderr, flush=True))
    finally:
        harness.stop_current()
        server.kill()
        server.wait()
    text, verdicts = harness.table(groups)
    steal_after, total_after = cpu_ticks()
    # A VM's host may take CPU time from it while the bench runs: every figure above is then slower and noisier.
    steal = (steal_after - steal_before) * 100 / max(1, total_after - total_before)
    footer = f"\nTotal bench time: {(time.time() - started) / 60:.1f} min; CPU time taken by the VM's host " \
             f"(steal): {steal:.1f}%. Ratios are peer median / Garrison " \
             f"median (> 1: Garrison better), measured in the same run, contenders alternated every round."
    report = "\n".join(header) + "\n" + text + "\n" + footer + "\n"
    print(text + "\n" + footer, flush=True)
    with open(os.path.join(OUT, "results.md"), "w") as f:
        f.write(report)
    with open(os.path.join(OUT, "README-bench.md"), "w") as f:  # the fragment for README (docs/README-bench.md)
        f.write(FRAGMENT_INTRO + "\n".join(header[2:]) + "\n" + text + "\n" + footer + "\n")
    with open(os.path.join(OUT, "results.json"), "w") as f:
        json.dump(harness.results_json(groups, verdicts, info), f, indent=1)


FRAGMENT_INTRO = """## Benchmarks

`bench/run` (about 6-8 minutes; `bench/run quick` about 3) builds what it needs, runs every case side by side
with its peers on the same inputs, alternating them round by round, and prints medians and ratios (also
`bench/out/results.md` and `.json`, with every sample). How and why: `docs/decisions/0006-benchmarks.md`.
The machine is shared and loaded: read the ratios between contenders of one run, not absolute numbers.

"""


def git_head():
    r = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip()
    return (r.stdout.strip() or "?") + (" + uncommitted changes" if dirty else "")


if __name__ == "__main__":
    main()
