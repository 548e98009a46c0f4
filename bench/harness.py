"""bench/run's engine room: runs every case's contenders side by side, alternating their order each round,
takes medians, prints one table of medians, ratios and targets, and writes bench/out/results.md + .json.

Each measurement is one fresh process (a JVM or a python), so no contender inherits another's warm caches.
Two kinds of measure: "json" (the process times itself and prints {"seconds": ...}: in-process throughput,
start-up excluded) and "wall" (the harness times the whole process, start to exit)."""
import json
import os
import signal
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench", "out")
DATA = os.path.join(OUT, "data")
PY = sys.executable
TIMEOUT = 300  # seconds for one measurement; a hung contender is killed (its whole process group)


@dataclass
class Contender:
    name: str
    argv: list
    measure: str = "wall"  # "wall" | "json" | "marginal"
    key: str = "seconds"
    stdin: str = None
    cwd: str = None
    fresh_dir: str = None  # emptied before each run (download targets)
    expect_files: int = 0  # > 0: the run counts only if fresh_dir then holds this many files
    parse: object = None  # (stdout, stderr) -> dict: "value" is the sample, other keys go to extras
    extra_keys: list = field(default_factory=list)  # "json": more keys of the line kept in extras
    extras: dict = field(default_factory=dict)
    # "marginal": the same command on a base input (base_stdin / base_argv) and on `stdin`/`argv` with
    # `extra_tasks` more tasks; the sample is the difference of the two walls per extra task, so start-up and
    # shut-down, paid once by both runs, drop out and what is left is the cost of one more task.
    base_argv: list = None
    base_stdin: str = None
    extra_tasks: int = 0
    samples: list = field(default_factory=list)
    errors: list = field(default_factory=list)


@dataclass
class Group:
    case: str
    title: str
    contenders: list
    rounds: int
    tasks: int = 0  # > 0: show tasks/s = tasks / seconds
    per_task: int = 0  # > 0: also show seconds / per_task as ms per task
    unit: str = "s"
    # (subject, peer, factor, text): met when subject is at least `factor` times better than peer
    targets: list = field(default_factory=list)
    ideal: float = None
    note: str = ""
    fmt: object = None  # (contender) -> str, instead of the default median cell


CURRENT = []  # the measurement running now, so an interrupted bench kills its process group too


def stop_current():
    for p in CURRENT:
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def run_once(c):
    if c.measure == "marginal":
        base = Contender(c.name, c.base_argv or c.argv, stdin=c.base_stdin, cwd=c.cwd)
        more = Contender(c.name, c.argv, stdin=c.stdin, cwd=c.cwd)
        run_once(base)
        run_once(more)
        c.errors += base.errors + more.errors
        if base.samples and more.samples:
            c.samples.append((more.samples[0] - base.samples[0]) / c.extra_tasks)
            c.extras.setdefault("base_seconds", []).append(base.samples[0])
            c.extras.setdefault("more_seconds", []).append(more.samples[0])
        return
    if c.fresh_dir:
        subprocess.run(["rm", "-rf", c.fresh_dir], check=True)
        os.makedirs(c.fresh_dir)
    stdin = open(c.stdin, "rb") if c.stdin else subprocess.DEVNULL
    t0 = time.perf_counter()
    stdout = subprocess.PIPE if c.measure in ("json", "parse") else subprocess.DEVNULL
    p = subprocess.Popen(c.argv, stdin=stdin, stdout=stdout, stderr=subprocess.PIPE, cwd=c.cwd,
                         start_new_session=True)
    CURRENT[:] = [p]
    try:
        out, err = p.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.communicate()
        c.errors.append(f"timed out after {TIMEOUT} s")
        return
    finally:
        CURRENT.clear()
        if c.stdin:
            stdin.close()
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        c.errors.append(f"exit {p.returncode}: {err.decode(errors='replace')[-300:]}")
        return
    if c.expect_files and len(os.listdir(c.fresh_dir)) != c.expect_files:
        c.errors.append(f"{len(os.listdir(c.fresh_dir))} files in {c.fresh_dir}, not {c.expect_files}")
        return
    if c.measure == "wall":
        c.samples.append(wall)
    elif c.measure == "parse":
        try:
            values = c.parse(out.decode(errors="replace"), err.decode(errors="replace"))
        except (ValueError, AttributeError) as e:
            c.errors.append(f"unparsable output: {e}")
            return
        c.samples.append(values.pop("value"))
        for k, v in values.items():
            c.extras.setdefault(k, []).append(v)
    else:
        line = json.loads([l for l in out.decode().splitlines() if l.startswith("{")][-1])
        c.samples.append(float(line[c.key]))
        for k in c.extra_keys:
            c.extras.setdefault(k, []).append(float(line[k]))


def run_all(groups, log):
    rounds = max(g.rounds for g in groups)
    for r in range(rounds):
        for g in groups:
            if r >= g.rounds:
                continue
            k = r % len(g.contenders)
            order = g.contenders[k:] + g.contenders[:k]  # rotate: each contender goes first in turn
            for c in order:
                run_once(c)
                last = f"{c.samples[-1]:.3f}" if c.samples else "ERROR " + c.errors[-1][:80]
                log(f"  round {r + 1}/{g.rounds} {g.title} | {c.name}: {last}")


def median(c):
    return statistics.median(c.samples) if c.samples else None


def fmt_value(g, c):
    m = median(c)
    if m is None:
        return "failed"
    if g.fmt:
        return g.fmt(c)
    spread = f" ({min(c.samples):.3g}–{max(c.samples):.3g})" if len(c.samples) > 1 else ""
    if g.unit == "MB":
        return f"{m:.0f} MB{spread}"
    if g.tasks:
        return f"{g.tasks / m:,.0f}/s ({m:.3f} s)"
    if g.per_task:
        return f"{m:.3f} s{spread}, {m * 1000 / g.per_task:.2f} ms/task"
    return f"{m:.3f} s{spread}"


def better_ratio(g, subject, peer):
    """How many times better subject is than peer (> 1: subject better). Seconds and MB: lower is better."""
    a, b = median(subject), median(peer)
    if a is None or b is None:
        return None
    return b / a


def table(groups):
    rows = ["| case | what | contender | median (min–max) | runs | ratio, target | met? |",
            "|---|---|---|---|---|---|---|"]
    verdicts = []
    for g in groups:
        by_name = {c.name: c for c in g.contenders}
        first = True
        for c in g.contenders:
            notes = []
            oks = []
            for subject, peer, factor, text in g.targets:
                if subject != c.name:
                    continue
                r = better_ratio(g, c, by_name[peer]) if peer else None
                if peer is None:  # absolute bound: factor is the limit in the group's unit
                    m = median(c)
                    ok = m is not None and m <= factor
                    notes.append(f"target {text}")
                else:
                    ok = r is not None and r >= factor
                    notes.append(f"{r:.2f}× {peer} (target {text}: {'met' if ok else 'NOT met'})" if r
                                 else f"vs {peer}: n/a ({text})")
                oks.append(ok)
                verdicts.append({"case": g.case, "what": g.title, "contender": c.name, "peer": peer,
                                 "ratio": r, "target": text, "met": ok})
            met = "" if not oks else ("met" if all(oks) else ("NOT met" if not any(oks) else
                                                               f"{sum(oks)} of {len(oks)} met"))
            if g.ideal and median(c):
                notes.append(f"{median(c) / g.ideal:.2f}× ideal")
            if c.errors:
                notes.append(f"{len(c.errors)} failed run(s): {c.errors[0][:60]}")
            rows.append(f"| {g.case if first else ''} | {g.title if first else ''} | {c.name} | {fmt_value(g, c)} "
                        f"| {len(c.samples)} | {'; '.join(notes)} | {met} |")
            first = False
        if g.note:
            rows.append(f"| | | *{g.note}* | | | | |")
    return "\n".join(rows), verdicts


def results_json(groups, verdicts, machine):
    return {
        "machine": machine,
        "groups": [{
            "case": g.case, "what": g.title, "tasks": g.tasks, "unit": g.unit, "ideal": g.ideal, "note": g.note,
            "contenders": [{"name": c.name, "argv": c.argv, "measure": c.measure, "samples": c.samples,
                            "extras": c.extras,
                            "median": median(c), "errors": c.errors} for c in g.contenders],
        } for g in groups],
        "verdicts": verdicts,
    }
