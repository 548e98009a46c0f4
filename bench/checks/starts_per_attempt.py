#!/usr/bin/env python3
"""Checks the --json contract "one task-started per attempt" on real runs, with workers killed mid-run.

For every task of the run the stream must hold attempts 1, 2, ... k, each started exactly once and in that
order, and exactly one final outcome (task-succeeded, or task-failed without willRetry) after the last start.
Usage: bench/checks/starts_per_attempt.py KIND TASKS POOL KILL_EVERY_MS [RUNS]
  KIND is square, sleep, cpu, command or download; KILL_EVERY_MS 0 kills nothing. Exit status 1 on any breach.
  download fetches from a server this script starts on 127.0.0.2 (loopback only) into a temporary folder.
"""
import json
import os
import random
import functools
import http.server
import signal
import subprocess
import sys
import tempfile
import threading

JAR = os.path.join(os.path.dirname(__file__), "..", "..", "target", "garrison.jar")


SERVER = ("127.0.0.2", 0)


def serve_pages():
    """A loopback HTTP server answering every path with a small page; returns its base URL."""
    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = f"page {self.path}\n".encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    class Server(http.server.ThreadingHTTPServer):
        def handle_error(self, request, client_address):
            pass  # a worker killed mid-download leaves a broken pipe: that is the test, not an error

    server = Server(SERVER, Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://{server.server_address[0]}:{server.server_address[1]}"


@functools.lru_cache(maxsize=None)
def base_url():
    return serve_pages()


def task_lines(kind, count):
    if kind == "sleep":
        return "".join(f"{random.choice((1, 2, 5, 10))}\n" for _ in range(count))
    if kind == "cpu":
        return "".join(f"{random.choice((2, 5, 20))}\n" for _ in range(count))
    if kind == "download":
        return "".join(f"{base_url()}/p{i}.html\n" for i in range(count))
    return "".join(f"{i}\n" for i in range(1, count + 1))


def command_for(kind, out):
    args = ["-k", kind]
    if kind == "command":
        args += ["-c", 'sh -c "sleep 0.005; echo $0" {}']
    if kind == "download":
        args += ["-o", out]
    return args


def age_seconds(stat_fields):
    """How long the process has run, from its start time in /proc/PID/stat (clock ticks after boot)."""
    with open("/proc/uptime") as uptime:
        up = float(uptime.read().split()[0])
    return up - int(stat_fields[19]) / os.sysconf("SC_CLK_TCK")


def worker_pids(parent):
    """Worker JVMs of the run that have run three seconds: children of the garrison process running WorkerMain.

    A worker killed before it answered the pool counts as one that cannot start (the pool then halts, by its
    policy); the check is about tasks, so it kills only workers past their start.
    """
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
                ppid = int(fields[1])
            with open(f"/proc/{entry}/cmdline", "rb") as cmd:
                is_worker = b"io.garrison.worker.WorkerMain" in cmd.read()
        except (OSError, ValueError, IndexError):
            continue
        if ppid == parent and is_worker and age_seconds(fields) > 3:
            pids.append(int(entry))
    return pids


def killer(parent, every_ms, stop, kills):
    while not stop.wait(every_ms / 1000):
        pids = worker_pids(parent)
        if pids:
            try:
                os.kill(random.choice(pids), signal.SIGKILL)
                kills.append(1)
            except ProcessLookupError:
                pass


def check(events):
    starts, outcomes, breaches = {}, {}, []
    for event in events:
        kind, task = event["type"], event.get("task")
        if kind == "task-started":
            seen = starts.setdefault(task, [])
            if task in outcomes:
                breaches.append(f"task {task}: started (attempt {event['attempt']}) after its outcome")
            expected = len(seen) + 1
            if event["attempt"] != expected:
                breaches.append(f"task {task}: attempt {event['attempt']} started where {expected} was due "
                                f"(starts so far {seen})")
            seen.append(event["attempt"])
        elif kind == "task-succeeded" or (kind == "task-failed" and not event.get("willRetry")):
            if task in outcomes:
                breaches.append(f"task {task}: a second outcome ({kind})")
            outcomes[task] = kind
    return starts, outcomes, breaches


def one_run(kind, count, pool, kill_every_ms):
    retries = "9" if kill_every_ms else "0"
    out = tempfile.mkdtemp(prefix="starts-check-")
    process = subprocess.Popen(["java", "-jar", JAR, "run", "-p", str(pool), "--retries", retries, "--json"]
                               + command_for(kind, out) + ["-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
    stop, kills = threading.Event(), []
    if kill_every_ms:
        # Kill only once tasks run, so the start-up itself is not what is tested.
        threading.Timer(0.5, lambda: threading.Thread(
            target=killer, args=(process.pid, kill_every_ms, stop, kills), daemon=True).start()).start()
    feeder = threading.Thread(target=lambda: (process.stdin.write(task_lines(kind, count)), process.stdin.close()))
    feeder.start()
    events = [json.loads(line) for line in process.stdout if line.strip()]
    stop.set()
    process.wait()
    subprocess.run(["rm", "-rf", out])
    starts, outcomes, breaches = check(events)
    total_starts = sum(len(v) for v in starts.values())
    finished = next((e for e in events if e["type"] == "run-finished"), None)
    if finished is None or finished["total"] != count:
        breaches.append(f"run-finished missing or wrong total: {finished}")
    if len(outcomes) != count:
        breaches.append(f"{len(outcomes)} tasks with an outcome, {count} expected")
    print(f"{kind:8} tasks {count} pool {pool} kills {len(kills):3} starts {total_starts:5} "
          f"retried attempts {total_starts - len(starts):4} outcomes {len(outcomes)} breaches {len(breaches)}")
    for breach in breaches[:10]:
        print("   ", breach)
    return not breaches


def main():
    kind, count, pool, kill_every_ms = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    runs = int(sys.argv[5]) if len(sys.argv) > 5 else 1
    ok = all([one_run(kind, count, pool, kill_every_ms) for _ in range(runs)])
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
