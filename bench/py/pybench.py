"""Python's side of bench/run: the same modes as io.garrison.bench.GarrisonBench, one measurement per
process, one JSON line on stdout. Plain multiprocessing.Pool with its defaults (start method fork on Linux
unless a mode says otherwise), the way the tutorial uses it."""
import json
import multiprocessing as mp
import sys
import time


def f(x):
    return x * x


def emit(**values):
    print(json.dumps(values), flush=True)


def bulk(n, size, maps=1):
    inputs = list(range(n))
    seconds = []
    with mp.Pool(size) as pool:
        pool.map(f, range(100_000))  # warm-up, as on the Java side
        for _ in range(maps):
            t0 = time.perf_counter()
            out = pool.map(f, inputs)
            seconds.append(time.perf_counter() - t0)
            assert len(out) == n and out[-1] == (n - 1) ** 2
    median = sorted(seconds)[maps // 2]
    emit(seconds=median, rate=n / median, first_seconds=seconds[0])


def whole(n, size):
    with mp.Pool(size) as pool:
        out = pool.map(f, range(n))
    assert len(out) == n
    emit(n=n)


def cli(path, size):
    """The peer of `garrison run -k square LIST`: read the list, map, print one result a line."""
    with open(path) as lines:
        inputs = [int(line) for line in lines if line.strip() and not line.startswith("#")]
    with mp.Pool(size) as pool:
        out = pool.map(f, inputs)
    sys.stdout.write("\n".join(map(str, out)))
    sys.stdout.write("\n")


def run_one(pool, how, inputs):
    if how == "map":
        return sum(pool.map(f, inputs, chunksize=1))
    if how == "imap":
        return sum(pool.imap_unordered(f, inputs, chunksize=1))
    if how == "apply":
        results = [pool.apply_async(f, (x,)) for x in inputs]
        return sum(r.get(60) for r in results)
    raise ValueError(how)


def one(how, n, size):
    with mp.Pool(size) as pool:
        run_one(pool, how, range(min(n, 2_000)))
        t0 = time.perf_counter()
        total = run_one(pool, how, range(n))
        s = time.perf_counter() - t0
    assert total == sum(i * i for i in range(n))
    emit(seconds=s, rate=n / s)


def start(method, size):
    """From Pool(...) until a map of `size` items at chunksize 1 returned. Python's Pool has no "all workers
    answered" call, so a first tiny map is the ready signal; with chunksize 1 and as many items as workers it
    returns once the workers started so far can take them (usually all of them)."""
    ctx = mp.get_context(method)
    t0 = time.perf_counter()
    with ctx.Pool(size) as pool:
        pool.map(f, range(size), chunksize=1)
        s = time.perf_counter() - t0
    emit(seconds=s)


def start_barrier(method, size):
    """Stricter: until every worker ran its initializer (each one signals on a queue)."""
    ctx = mp.get_context(method)
    ready = ctx.Queue()
    t0 = time.perf_counter()
    with ctx.Pool(size, initializer=_signal, initargs=(ready,)) as pool:
        for _ in range(size):
            ready.get(timeout=60)
        s = time.perf_counter() - t0
    emit(seconds=s)


def _signal(queue):
    queue.put(1)


def download(path, size, out_dir):
    """The tutorial's exercise: Pool(3) fetching URLs with urllib into out_dir."""
    with open(path) as lines:
        urls = [line.strip() for line in lines if line.strip()]
    with mp.Pool(size) as pool:
        sizes = pool.map(_fetch, [(u, out_dir, i) for i, u in enumerate(urls)], chunksize=1)
    assert all(s > 0 for s in sizes)


def _fetch(job):
    import urllib.request
    url, out_dir, i = job
    with urllib.request.urlopen(url, timeout=30) as response:
        data = response.read()
    with open(f"{out_dir}/{i}.html", "wb") as out:
        out.write(data)
    return len(data)


if __name__ == "__main__":
    mode, args = sys.argv[1], sys.argv[2:]
    if mode == "bulk":
        bulk(int(args[0]), int(args[1]), int(args[2]) if len(args) > 2 else 1)
    elif mode == "whole":
        whole(int(args[0]), int(args[1]))
    elif mode == "cli":
        cli(args[0], int(args[1]))
    elif mode == "one":
        one(args[0], int(args[1]), int(args[2]))
    elif mode == "start":
        start(args[0], int(args[1]))
    elif mode == "start-barrier":
        start_barrier(args[0], int(args[1]))
    elif mode == "download":
        download(args[0], int(args[1]), args[2])
    else:
        raise SystemExit(f"unknown mode {mode}")
