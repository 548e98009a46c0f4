"""bench/polite-downloads' engine room (issue 22): the same URL list, over demanding loopback hosts
(py/demanding_hosts.py), fetched by Garrison, aria2c and GNU parallel + curl, one after another, their order
rotated every round as bench/run does. Each run gets fresh hosts' counters and an empty folder; afterwards the
folder is checked file by file against the hosts' deterministic content.

Usage: polite_downloads.py JAR [small|large|all] [--rounds N] [--tools garrison,aria2c,curl,curl-all-errors]
       [--no-warm-up]
Writes bench/out/polite-downloads.md and .json (every run's figures)."""
import argparse
import datetime
import json
import os
import platform
import random
import signal
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass

import harness
from harness import OUT, PY, ROOT

sys.path.insert(0, os.path.join(ROOT, "bench", "py"))
import demanding_hosts  # noqa: E402  (bench/py is not a package)

HOST_SCRIPT = os.path.join(ROOT, "bench", "py", "demanding_hosts.py")
WORK = os.path.join(OUT, "polite")
CACHE = os.path.join(OUT, "cache")  # the same XDG_CACHE_HOME as bench/run, so Garrison's class archive is shared
SETTLE_SECONDS = 0.3  # after a tool exits, for the hosts' last threads to count what they served


@dataclass
class Host:
    address: str
    limit: int
    behaviour: str  # refuse (503 beyond the limit) | too-many (429 Retry-After: 1) | cut (first bodies cut)
    has_missing: bool = False
    port: int = 0
    process: object = None

    def base(self):
        return f"http://{self.address}:{self.port}"


@dataclass
class Workload:
    name: str
    title: str
    hosts: list
    files_per_host: int
    file_bytes: int
    delay_ms: float
    max_per_host: int
    workers: int
    retries: int
    shuffled: bool
    rounds: int
    timeout: int
    cut_every: int = 1  # the cutting host cuts the first body of about one file in this many
    curl_batch: int = 0  # URLs per curl process; 0: one curl per URL

    def cut_files(self, host):
        if host.behaviour != "cut":
            return 0
        return sum(1 for p in self.paths(host) if demanding_hosts.cut_chosen(p, self.cut_every))

    def paths(self, host):
        number = host.address.rsplit(".", 1)[1]
        return [f"/files/{number}-{i:05d}.bin" for i in range(self.files_per_host)]

    def urls(self):
        """(url, path) per file; round-robin over the hosts, or shuffled with a fixed seed (a list in no order)."""
        per_host = [[(h.base() + p, p) for p in self.paths(h)] for h in self.hosts]
        files = [entry for row in zip(*per_host) for entry in row]
        if self.shuffled:
            random.Random(22).shuffle(files)
        missing = [h.base() + "/missing" for h in self.hosts if h.has_missing]
        return files, missing

    def host_bounds(self):
        """Seconds each host needs at least: its requests × service time / the requests it allows at once.
        A file of the cutting host takes two requests (the cut one and the rest); refused requests and the 404
        are answered at once and cost nothing here."""
        bounds = {}
        for h in self.hosts:
            requests = self.files_per_host + self.cut_files(h)
            bounds[h.address] = requests * self.delay_ms / 1000 / min(h.limit, self.max_per_host)
        return bounds

    def ideal(self):
        """The busiest host's bound, or all service time spread over the workers if that is longer: what a
        client that knew every host's limit and cost nothing would take, start-up excluded."""
        service = sum(self.files_per_host + self.cut_files(h) for h in self.hosts)
        return max(max(self.host_bounds().values()), service * self.delay_ms / 1000 / self.workers)

    def ideal_requests(self):
        cut = sum(self.cut_files(h) for h in self.hosts)
        return len(self.hosts) * self.files_per_host + cut + sum(1 for h in self.hosts if h.has_missing)


def workloads():
    small = Workload(
        "small", "issue 22's workload: 4 hosts × 40 files of 48 KB, 12 at once, 2 per host, 3 retries",
        [Host("127.0.0.50", 2, "refuse", has_missing=True), Host("127.0.0.51", 1, "too-many"),
         Host("127.0.0.52", 2, "cut"), Host("127.0.0.53", 2, "refuse")],
        files_per_host=40, file_bytes=48 * 1024, delay_ms=60, max_per_host=2, workers=12, retries=3,
        shuffled=False, rounds=3, timeout=180)
    large = Workload(
        "large", "10,000 URLs: 8 hosts × 1,250 files of 4 KB, shuffled, 12 at once, 3 per host, 3 retries, "
                 "one first body in 10 cut",
        [Host("127.0.0.50", 3, "refuse", has_missing=True), Host("127.0.0.51", 1, "too-many"),
         Host("127.0.0.52", 3, "cut")] + [Host(f"127.0.0.{n}", 3, "refuse") for n in range(53, 58)],
        files_per_host=1250, file_bytes=4096, delay_ms=20, max_per_host=3, workers=12, retries=3,
        shuffled=True, rounds=2, timeout=900, cut_every=10, curl_batch=50)
    return {"small": small, "large": large}


def tools(jar, w, list_path):
    """key -> (name shown, argv builder taking the output folder)."""
    garrison = lambda out: ["java", "-jar", jar, "run", "-k", "download", "-p", str(w.workers),
                            "--max-per-host", str(w.max_per_host), "--retries", str(w.retries), "-o", out, list_path]
    # aria2 has no limit per host across downloads: -x is the connections of one download to one server.
    aria2 = lambda out: ["aria2c", "-i", list_path, "-d", out, "-j", str(w.workers), "-x", "1", "-s", "1",
                         f"--max-tries={w.retries + 1}", "--retry-wait=1", "-c", "--auto-file-renaming=false",
                         "--allow-overwrite=true", "--console-log-level=warn", "--summary-interval=0"]

    def curl(*retry_options):
        common = ["curl", "-sS", "--fail", "--retry", str(w.retries), "--retry-delay", "1", *retry_options]
        if w.curl_batch:
            # One curl per w.curl_batch URLs, each saved under the last part of its path: curl then reuses its
            # connection, and a process start is paid per batch, not per URL.
            return lambda out: ["parallel", "--will-cite", "-j", str(w.workers), "-n", str(w.curl_batch),
                                "-a", list_path, *common, "--remote-name-all", "--output-dir", out]
        return lambda out: ["parallel", "--will-cite", "-j", str(w.workers), "-a", list_path,
                            *common, "-o", out + "/{/}", "{}"]
    batch = f" -n {w.curl_batch}" if w.curl_batch else ""
    return {
        "garrison": ("garrison", garrison),
        "aria2c": ("aria2c", aria2),
        "curl": (f"parallel{batch} curl --retry", curl()),
        "curl-all-errors": (f"parallel{batch} curl --retry-all-errors", curl("--retry-all-errors")),
    }


def start_hosts(w):
    for h in w.hosts:
        h.process = subprocess.Popen(
            [PY, HOST_SCRIPT, "--address", h.address, "--limit", str(h.limit), "--behaviour", h.behaviour,
             "--delay-ms", str(w.delay_ms), "--file-bytes", str(w.file_bytes), "--cut-every", str(w.cut_every),
             "--seconds", "7200"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        h.port = int(h.process.stdout.readline())


def ask(h, command):
    h.process.stdin.write(command + "\n")
    h.process.stdin.flush()
    return json.loads(h.process.stdout.readline())


def stop_hosts(w):
    for h in w.hosts:
        if h.process and h.process.poll() is None:
            h.process.stdin.close()
            try:
                h.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                h.process.kill()
                h.process.wait()


def check_folder(out, files, file_bytes):
    """Files whose saved copy is byte-identical, files saved but different (cut, half-written), and names in the
    folder that belong to no URL (control files, parts). A URL's copy is named after the last part of its path
    (aria2, curl -o {/}) or after its host and path (Garrison: 127.0.0.50_files_50-00001.bin)."""
    names = set(os.listdir(out))
    complete = wrong = 0
    claimed = set()
    for url, path in files:
        last = path.rsplit("/", 1)[1]
        name = last if last in names else garrison_name(url)
        if name not in names:
            continue
        claimed.add(name)
        with open(os.path.join(out, name), "rb") as f:
            if f.read() == demanding_hosts.content(path, file_bytes):
                complete += 1
            else:
                wrong += 1
    return complete, wrong, sorted(names - claimed)


def garrison_name(url):
    """Garrison's name for a URL (SafeFileNames.forUrl): host and path, '/' as '_'; the port is not in it."""
    rest = url.split("://", 1)[1]
    host_port, _, path = rest.partition("/")
    return host_port.split(":")[0] + "_" + path.replace("/", "_")


def measure(w, name, argv_for, files, log_dir, round_label):
    out = os.path.join(WORK, "out", w.name, name.replace(" ", "-"))
    subprocess.run(["rm", "-rf", out], check=True)
    os.makedirs(out)
    for h in w.hosts:
        ask(h, "reset")
    argv = argv_for(out)
    log_path = os.path.join(log_dir, f"{w.name}-{name.replace(' ', '-')}-{round_label}.log")
    load = open("/proc/loadavg").read().split()[0]
    with open(log_path, "wb") as log:
        started_at = time.monotonic()
        t0 = time.perf_counter()
        p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                             start_new_session=True)
        harness.CURRENT[:] = [p]
        try:
            code = p.wait(timeout=w.timeout)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
            code = "timeout"
        finally:
            harness.CURRENT.clear()
        wall = time.perf_counter() - t0
    time.sleep(SETTLE_SECONDS)
    hosts = {h.address: dict(ask(h, "stats"), behaviour=h.behaviour, limit=h.limit) for h in w.hosts}
    for s in hosts.values():
        # When each host saw its first request and answered its last, from the tool's start: which host the
        # wall time waited for.
        for key in ("first_request_at", "last_response_at"):
            s[key] = None if s[key] is None else round(s[key] - started_at, 3)
    complete, wrong, leftovers = check_folder(out, files, w.file_bytes)
    refuse_hosts = [s for s in hosts.values() if s["behaviour"] != "too-many"]
    too_many = [s for s in hosts.values() if s["behaviour"] == "too-many"]
    cut = [s for s in hosts.values() if s["behaviour"] == "cut"]
    return {
        "wall": wall, "exit": code, "load_at_start": float(load),
        "complete": complete, "wrong": wrong, "leftovers": len(leftovers), "leftover_examples": leftovers[:5],
        "requests": sum(s["requests"] for s in hosts.values()),
        "over_limit_503": sum(s["refused"] for s in refuse_hosts),
        "too_many_429": sum(s["refused"] for s in too_many),
        "inside_retry_after": sum(s["inside_retry_after"] for s in hosts.values()),
        "missing_again": sum(max(0, s["missing_asked"] - 1) for s in hosts.values()),
        "continued_by_range": sum(s["continued_with_if_range"] + s["continued_with_plain_range"] for s in cut),
        "continued_with_if_range": sum(s["continued_with_if_range"] for s in cut),
        "sent_again_whole": sum(s["sent_again_whole"] for s in cut),
        "user_agent": next(iter(next(iter(hosts.values()))["user_agents"]), ""),
        "first_request_at": min((s["first_request_at"] for s in hosts.values() if s["first_request_at"] is not None),
                                default=None),
        "hosts": hosts, "log": os.path.relpath(log_path, ROOT),
    }


def spread(values, fmt="{:g}"):
    values = sorted(values)
    m = statistics.median(values)
    text = fmt.format(m)
    return text if values[0] == values[-1] else f"{text} ({fmt.format(values[0])}–{fmt.format(values[-1])})"


def table(results):
    rows = ["| workload | tool | wall, median (min–max) | × ideal | tool / Garrison | first request after "
            "| complete, byte-identical "
            "| breaches: 503 over limit / inside Retry-After / 404 again | 429s | cut bodies: by Range / from 0 "
            "| requests | runs |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for wname, entry in results.items():
        w = entry["workload"]
        garrison = entry["tools"].get("garrison")
        g_wall = statistics.median(r["wall"] for r in garrison) if garrison else None
        first = True
        for name, runs in entry["tools"].items():
            if not runs:
                continue
            wall = statistics.median(r["wall"] for r in runs)
            vs_garrison = f"{wall / g_wall:.2f}×" if g_wall and name != "garrison" else ""
            rows.append(
                f"| {wname if first else ''} | {name} | {spread([r['wall'] for r in runs], '{:.2f}')} s "
                f"| {wall / w['ideal']:.2f}× | {vs_garrison} "
                f"| {spread([r['first_request_at'] or 0 for r in runs], '{:.2f}')} s "
                f"| {spread([r['complete'] for r in runs])} of {w['files']} "
                f"| {spread([r['over_limit_503'] for r in runs])} / {spread([r['inside_retry_after'] for r in runs])}"
                f" / {spread([r['missing_again'] for r in runs])} "
                f"| {spread([r['too_many_429'] for r in runs])} "
                f"| {spread([r['continued_by_range'] for r in runs])} / {spread([r['sent_again_whole'] for r in runs])} "
                f"| {spread([r['requests'] for r in runs], '{:.0f}')}; ideal {w['ideal_requests']} | {len(runs)} |")
            first = False
    return "\n".join(rows)


def timeline(results):
    """When each host answered its last request, median over runs, seconds from the tool's start: the host a
    tool's wall time waited for, next to each host's bound (its files × service time / its limit)."""
    rows = []
    for wname, entry in results.items():
        w = entry["workload"]
        addresses = [h["address"] for h in w["hosts"]]
        rows += [f"| {wname}: last answer of host (s) | " + " | ".join(
                     f".{a.rsplit('.', 1)[1]} {h['behaviour']} ≥ {w['host_bounds'][a]:.1f}"
                     for a, h in zip(addresses, w["hosts"])) + " |",
                 "|---|" + "---|" * len(addresses)]
        for name, runs in entry["tools"].items():
            if not runs:
                continue
            cells = []
            for a in addresses:
                lasts = [r["hosts"][a]["last_response_at"] for r in runs if r["hosts"][a]["last_response_at"]]
                cells.append(f"{statistics.median(lasts):.1f}" if lasts else "–")
            rows.append(f"| {name} | " + " | ".join(cells) + " |")
        rows.append("")
    return "\n".join(rows)


def machine():
    def first_line(argv):
        try:
            return subprocess.run(argv, capture_output=True, text=True).stdout.splitlines()[0]
        except (OSError, IndexError):
            return "missing"
    with open("/proc/cpuinfo") as f:
        cpu = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), "?")
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(), "cpu": cpu, "kernel": platform.release(),
        "jdk": java[1] if len(java) > 1 else java[0], "python": platform.python_version(),
        "aria2c": first_line(["aria2c", "--version"]), "curl": " ".join(first_line(["curl", "--version"]).split()[:2]),
        "parallel": first_line(["parallel", "--version"]),
        "load_at_start": open("/proc/loadavg").read().split()[:3],
        "commit": subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True,
                                 text=True).stdout.strip(),
    }


def write_list(w, files, missing):
    path = os.path.join(WORK, f"{w.name}-urls.txt")
    with open(path, "w") as f:
        for url, _ in files:
            f.write(url + "\n")
        for url in missing:
            f.write(url + "\n")
    return path


def run_workload(jar, w, chosen, warm_up, log):
    start_hosts(w)
    try:
        files, missing = w.urls()
        list_path = write_list(w, files, missing)
        contenders = [shown for key, shown in tools(jar, w, list_path).items() if key in chosen]
        log_dir = os.path.join(WORK, "logs")
        os.makedirs(log_dir, exist_ok=True)
        results = {name: [] for name, _ in contenders}
        argv_shown = {name: argv_for("OUT") for name, argv_for in contenders}
        if warm_up:
            for name, argv_for in contenders:
                run = measure(w, name, argv_for, files, log_dir, "warm-up")
                log(f"  warm-up {w.name} | {name}: {run['wall']:.2f} s, {run['complete']} complete (not counted)")
        for r in range(w.rounds):
            k = r % len(contenders)
            for name, argv_for in contenders[k:] + contenders[:k]:  # each tool goes first in turn
                run = measure(w, name, argv_for, files, log_dir, f"round{r + 1}")
                results[name].append(run)
                log(f"  round {r + 1}/{w.rounds} {w.name} | {name}: {run['wall']:.2f} s, exit {run['exit']}, "
                    f"{run['complete']}/{len(files)} complete, {run['wrong']} wrong, 503 {run['over_limit_503']}, "
                    f"429 {run['too_many_429']}, inside Retry-After {run['inside_retry_after']}, "
                    f"404 again {run['missing_again']}, by Range {run['continued_by_range']}, "
                    f"from 0 {run['sent_again_whole']}, requests {run['requests']}, load {run['load_at_start']}")
        return {
            "workload": {"title": w.title, "files": len(files), "file_bytes": w.file_bytes, "delay_ms": w.delay_ms,
                         "max_per_host": w.max_per_host, "workers": w.workers, "retries": w.retries,
                         "shuffled": w.shuffled, "cut_every": w.cut_every, "ideal": w.ideal(), "host_bounds": w.host_bounds(),
                         "ideal_requests": w.ideal_requests(),
                         "hosts": [{"address": h.address, "limit": h.limit, "behaviour": h.behaviour,
                                    "has_missing": h.has_missing} for h in w.hosts]},
            "argv": argv_shown,
            "tools": results,
        }
    finally:
        harness.stop_current()
        stop_hosts(w)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("jar")
    parser.add_argument("which", nargs="?", default="all", choices=["small", "large", "all"])
    parser.add_argument("--rounds", type=int)
    parser.add_argument("--tools", default="garrison,aria2c,curl,curl-all-errors")
    parser.add_argument("--no-warm-up", action="store_true")
    parser.add_argument("--report", metavar="JSON", help="only print the tables of an earlier run's JSON")
    args = parser.parse_args()
    if args.report:
        with open(args.report) as f:
            results = json.load(f)["results"]
        print(table(results) + "\n\n" + timeline(results))
        return
    os.makedirs(WORK, exist_ok=True)
    os.environ["XDG_CACHE_HOME"] = CACHE
    chosen = [t.strip() for t in args.tools.split(",")]
    log = lambda s: print(s, file=sys.stderr, flush=True)
    info = machine()
    started = time.time()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the hosts' cleanup on kill, too
    results = {}
    for name, w in workloads().items():
        if args.which not in ("all", name):
            continue
        if args.rounds:
            w.rounds = args.rounds
        log(f"{w.title}: ideal {w.ideal():.2f} s")
        # One untimed run of each tool before the first workload: Garrison's class archive is recorded then,
        # and every tool's files are in the page cache. The 10,000-URL runs are too long to repeat for that.
        warm_up = not args.no_warm_up and not results
        results[name] = run_workload(args.jar, w, chosen, warm_up, log)
    header = [f"# Polite downloads against demanding hosts ({args.which})", "",
              f"- machine: {info['nproc']} × {info['cpu']}, Linux {info['kernel']}, load at start "
              f"{' '.join(info['load_at_start'])}",
              f"- {info['jdk']}; Python {info['python']}; {info['aria2c']}; {info['curl']}; {info['parallel']}",
              f"- date: {info['date']}; commit {info['commit']}; {(time.time() - started) / 60:.1f} min", ""]
    text = "\n".join(header) + "\n" + table(results) + "\n\n" + timeline(results)
    print(text)
    with open(os.path.join(OUT, "polite-downloads.md"), "w") as f:
        f.write(text)
    with open(os.path.join(OUT, "polite-downloads.json"), "w") as f:
        json.dump({"machine": info, "results": results}, f, indent=1)


if __name__ == "__main__":
    main()
