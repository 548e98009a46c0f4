"""Garrison's probe: Python's own multiprocessing.pool.Pool, reported live to Garrison.

Garrison starts a student's script as

    python3 -c BOOTSTRAP PROBE_FOLDER SCRIPT.py ARGS...

and the bootstrap imports this module and calls main(), which runs the script unchanged as __main__. Each process
of the run (the script's own and every pool worker, forked or spawned) sends Garrison the events of Garrison's
--json stream (docs/CLI.md) over a loopback connection of its own, named by the GARRISON_PROBE variable
(127.0.0.1:PORT:TOKEN); its first line is the token, so that no other local user can speak for the run.

What reports what:
  * a worker reports worker-started with its own PID, and task-started / task-succeeded / task-failed for each item
    it runs (the function and the items are wrapped in the parent, in submission order);
  * the script's process reports worker-started for each worker it starts (Garrison keeps the first of the two), and
    worker-exited for each worker it reaps, expected or not, with its exit code.

Only the standard library is used, and Python 3.8 or later. Without GARRISON_PROBE, or when Garrison cannot be
reached, nothing is hooked and the script runs exactly as it would without the probe. Nothing here prints but what
Python itself would (a script that is not there).

What it cannot see: ThreadPool (threads of the script's own process), processes the script starts itself
(multiprocessing.Process, subprocess), and the items of a chunk that a dying worker had not begun: Python sends a
chunk whole, and a worker reports each item only as it begins it.
"""

import itertools
import json
import os
import runpy
import signal
import socket
import sys
import threading
import time
import traceback
import multiprocessing
import multiprocessing.pool as _pool
from multiprocessing.process import BaseProcess

ADDRESS_VARIABLE = "GARRISON_PROBE"
# An input or result is shown, not kept: a long repr costs the pipe and the picture and tells no one more.
_TEXT_LIMIT = 200
_THIS_FILE = os.path.normcase(os.path.abspath(__file__))
_LOCAL = ":"


class _Channel:
    """This process's connection to Garrison. A forked child gets a new one: the parent's is not its to write."""

    def __init__(self):
        self._lock = threading.Lock()
        self._sock = None
        self._pid = None
        self._broken = False

    def connect(self):
        """Connects now; returns the socket, or None when Garrison cannot be reached (then nothing is reported)."""
        with self._lock:
            return self._connected()

    def send(self, event):
        line = (json.dumps(event, separators=(",", ":")) + "\n").encode("utf-8")
        with self._lock:
            sock = self._connected()
            if sock is None:
                return
            try:
                sock.sendall(line)
            except OSError:
                # Garrison is gone; the run goes on as without the probe.
                self._broken = True

    def _connected(self):
        if self._broken:
            return None
        if self._sock is not None and self._pid == os.getpid():
            return self._sock
        spec = os.environ.get(ADDRESS_VARIABLE, "")
        try:
            host, port, token = spec.split(":", 2)
            sock = socket.create_connection((host, int(port)), timeout=10)
            sock.settimeout(None)
            sock.sendall(("%s %d\n" % (token, os.getpid())).encode("ascii"))
        except (OSError, ValueError):
            self._broken = True
            return None
        self._sock = sock
        self._pid = os.getpid()
        return sock

    def forget_after_fork(self):
        """In a forked child: the lock may have been held by a thread that does not exist here, and the socket is
        the parent's (closing this copy leaves the parent's connection open)."""
        self._lock = threading.Lock()
        if self._sock is not None:
            try:
                self._sock.close()
            except OSError:
                pass
        self._sock = None
        self._pid = None


_channel = _Channel()
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_channel.forget_after_fork)

# Every item of every pool call gets the next number, in the order the script submits them.
_task_numbers = itertools.count()
# Workers whose exit, and whose start, this process has reported already. Two threads (the pool's worker handler
# and a terminate) may both report one: Garrison keeps the first, so no lock is taken.
_reported_exits = set()
_announced = set()
# Each started worker's maxtasksperchild (a Process forgets its arguments once started), by PID.
_quotas = {}
_exiting = False


def _now_ms():
    return int(time.time() * 1000)


def _text(value):
    try:
        text = repr(value)
    except Exception as error:  # a broken __repr__ must not break the student's task
        text = "<%s: repr failed: %s>" % (type(value).__name__, error)
    return _text_cut(text)


def _without_probe_frames(tb):
    """The traceback with this module's frames left out, so that what Python prints is what it prints without
    the probe (tb_next is writable since Python 3.7)."""
    kept = []
    while tb is not None:
        if os.path.normcase(tb.tb_frame.f_code.co_filename) != _THIS_FILE:
            kept.append(tb)
        tb = tb.tb_next
    for earlier, later in zip(kept, kept[1:]):
        earlier.tb_next = later
    if kept:
        kept[-1].tb_next = None
        return kept[0]
    return None


# --- the worker's side ------------------------------------------------------------------------------------------


def _in_worker_process():
    """A ThreadPool runs the same worker function on threads of the script's process: those are not reported."""
    return threading.current_thread() is threading.main_thread()


def _run(task, text, function, args, kwargs):
    """Runs one item as the pool would, reporting its start and end; Python sees the same result or exception."""
    pid = os.getpid()
    _channel.send({"type": "task-started", "timestampMs": _now_ms(), "task": task, "line": 0, "input": text,
                   "pid": pid, "host": _LOCAL, "attempt": 1})
    began = time.monotonic()
    try:
        value = function(*args, **kwargs)
    except Exception as error:
        error.__traceback__ = _without_probe_frames(error.__traceback__)
        _channel.send({"type": "task-failed", "timestampMs": _now_ms(), "task": task, "line": 0, "input": text,
                       "pid": pid, "host": _LOCAL,
                       "error": traceback.format_exception_only(type(error), error)[-1].strip(),
                       "exitValue": 0, "elapsedMs": int((time.monotonic() - began) * 1000), "attempt": 1,
                       "cause": "task-error",
                       "output": "".join(traceback.format_exception(type(error), error, error.__traceback__))})
        raise
    # A BaseException (SystemExit in a task) is not reported: the worker dies of it, and the task is lost.
    _channel.send({"type": "task-succeeded", "timestampMs": _now_ms(), "task": task, "line": 0, "input": text,
                   "pid": pid, "host": _LOCAL, "result": _text(value),
                   "elapsedMs": int((time.monotonic() - began) * 1000)})
    return value


class _Item:
    """One item of a map, imap or starmap, with its task number."""
    __slots__ = ("task", "value")

    def __init__(self, task, value):
        self.task = task
        self.value = value

    def __reduce__(self):
        return (type(self), (self.task, self.value))


class _StarItem(_Item):
    """An item of a starmap: starmapstar unpacks it, and it unpacks to itself, so the task gets it whole."""
    __slots__ = ()

    def __iter__(self):
        return iter((self,))


class _Task:
    """The student's function as map, imap and starmap call it in the worker: reports each item it runs."""
    __slots__ = ("function",)

    def __init__(self, function):
        self.function = function

    def __reduce__(self):
        return (_Task, (self.function,))

    def __call__(self, item):
        if isinstance(item, _StarItem):
            return _run(item.task, _text(item.value), self.function, tuple(item.value), {})
        if isinstance(item, _Item):
            return _run(item.task, _text(item.value), self.function, (item.value,), {})
        return self.function(item)


class _Call:
    """The student's function as apply and apply_async call it: one task, shown as f(args...)."""
    __slots__ = ("function", "task")

    def __init__(self, function, task):
        self.function = function
        self.task = task

    def __reduce__(self):
        return (_Call, (self.function, self.task))

    def __call__(self, *args, **kwargs):
        name = getattr(self.function, "__name__", None) or _text(self.function)
        shown = [_text(a) for a in args] + ["%s=%s" % (k, _text(v)) for k, v in kwargs.items()]
        return _run(self.task, _text_cut(name + "(" + ", ".join(shown) + ")"), self.function, args, kwargs)


def _text_cut(text):
    return text if len(text) <= _TEXT_LIMIT else text[:_TEXT_LIMIT - 1] + "\u2026"


_original_worker = _pool.worker
_OriginalExceptionWithTraceback = _pool.ExceptionWithTraceback


class _ExceptionWithTraceback(_OriginalExceptionWithTraceback):
    """The remote traceback Python sends back to the script, without the probe's frames."""

    def __init__(self, exc, tb):
        super().__init__(exc, _without_probe_frames(tb))


def _probe_worker(*args, **kwargs):
    """The pool's worker function (the target of each worker Process): says it started, then is the original."""
    if _in_worker_process():
        _install_worker_side()
        _channel.send({"type": "worker-started", "timestampMs": _now_ms(), "pid": os.getpid(), "host": _LOCAL,
                       "startupMs": 0})
    return _original_worker(*args, **kwargs)


def _install_worker_side():
    # In a spawned worker this module was imported only to find _probe_worker; the pool module is fresh.
    _pool.ExceptionWithTraceback = _ExceptionWithTraceback


# --- the script's side ------------------------------------------------------------------------------------------


def _is_thread_pool(pool):
    return isinstance(pool, _pool.ThreadPool)


def _exit_words(code):
    if code < 0:
        return "killed by signal %d" % -code
    return "exited with code %d" % code


def _report_exit(worker, expected, reason):
    pid = worker.pid
    if pid is None or pid in _reported_exits:
        return
    _reported_exits.add(pid)
    _channel.send({"type": "worker-exited", "timestampMs": _now_ms(), "pid": pid, "host": _LOCAL,
                   "exitCode": worker.exitcode, "expected": expected, "reason": reason})


def _quota(worker):
    """The worker's maxtasksperchild as its pool started it; None when it has none."""
    return _quotas.get(worker.pid)


def _report_reaped(workers):
    """Workers the pool reaped while it ran: an exit 0 is a retirement only when the worker had a task quota."""
    for worker in workers:
        if not isinstance(worker, BaseProcess):
            continue
        code = worker.exitcode
        if code is None:
            continue
        quota = _quota(worker)
        if code == 0 and quota:
            _report_exit(worker, True, "retired after its task quota (maxtasksperchild=%d)" % quota)
        elif code == 0:
            _report_exit(worker, False, "exited with code 0 while its pool still ran")
        else:
            _report_exit(worker, False, _exit_words(code))


def _report_ended(workers, terminated):
    for worker in workers:
        if not isinstance(worker, BaseProcess) or worker.exitcode is None:
            continue
        code = worker.exitcode
        if terminated and code in (0, -signal.SIGTERM):
            _report_exit(worker, True, "the pool was terminated")
        elif code == 0:
            _report_exit(worker, True, "the pool closed")
        else:
            _report_exit(worker, False, _exit_words(code))


_original_repopulate_pool_static = _pool.Pool.__dict__["_repopulate_pool_static"].__func__
_original_join_exited_workers = _pool.Pool.__dict__["_join_exited_workers"].__func__
_original_terminate_pool = _pool.Pool.__dict__["_terminate_pool"].__func__
_original_join = _pool.Pool.join
_original_map_async = _pool.Pool._map_async
_original_imap = _pool.Pool.imap
_original_imap_unordered = _pool.Pool.imap_unordered
_original_apply_async = _pool.Pool.apply_async


def _announce(workers, quota):
    """Says worker-started for each new worker the script started. The worker says it too once it runs (Garrison
    keeps the first): from here, so that a worker terminated before it ever ran is seen too; from the worker, so
    that its start comes before its tasks, which travel on its own connection."""
    for worker in workers:
        if isinstance(worker, BaseProcess) and worker.pid is not None and worker.pid not in _announced:
            _announced.add(worker.pid)
            _quotas[worker.pid] = quota
            _channel.send({"type": "worker-started", "timestampMs": _now_ms(), "pid": worker.pid, "host": _LOCAL,
                           "startupMs": 0})


def _repopulate_pool_static(*args, **kwargs):
    # (ctx, Process, processes, pool, inqueue, outqueue, initializer, initargs, maxtasksperchild, wrap_exception)
    try:
        return _original_repopulate_pool_static(*args, **kwargs)
    finally:
        pool = args[3] if len(args) > 3 else kwargs.get("pool", ())
        quota = args[8] if len(args) > 8 else kwargs.get("maxtasksperchild")
        _announce(list(pool), quota)


def _join_exited_workers(pool):
    before = list(pool)
    cleaned = _original_join_exited_workers(pool)
    # After the original: a worker that exits while it looks is reaped by it and must still be reported.
    _report_reaped(before)
    return cleaned


def _terminate_pool(cls, taskqueue, inqueue, outqueue, pool, *rest):
    try:
        return _original_terminate_pool(cls, taskqueue, inqueue, outqueue, pool, *rest)
    finally:
        _report_ended(list(pool), True)


def _join(self):
    _original_join(self)
    _report_ended(list(self._pool), False)


def _items(iterable, kind):
    for value in iterable:
        yield kind(next(_task_numbers), value)


def _map_async(self, func, iterable, mapper, *rest, **kwargs):
    if _is_thread_pool(self):
        return _original_map_async(self, func, iterable, mapper, *rest, **kwargs)
    kind = _StarItem if mapper is _pool.starmapstar else _Item
    # The original makes a list of an iterable without a length too; the same length gives the same chunks.
    return _original_map_async(self, _Task(func), list(_items(iterable, kind)), mapper, *rest, **kwargs)


def _imap(self, func, iterable, *rest, **kwargs):
    if _is_thread_pool(self):
        return _original_imap(self, func, iterable, *rest, **kwargs)
    # Lazy as imap is: each item is numbered when the pool's task thread takes it.
    return _original_imap(self, _Task(func), _items(iterable, _Item), *rest, **kwargs)


def _imap_unordered(self, func, iterable, *rest, **kwargs):
    if _is_thread_pool(self):
        return _original_imap_unordered(self, func, iterable, *rest, **kwargs)
    return _original_imap_unordered(self, _Task(func), _items(iterable, _Item), *rest, **kwargs)


def _apply_async(self, func, *rest, **kwargs):
    if _is_thread_pool(self):
        return _original_apply_async(self, func, *rest, **kwargs)
    return _original_apply_async(self, _Call(func, next(_task_numbers)), *rest, **kwargs)


def install():
    """Hooks multiprocessing.pool in this process; forked workers inherit the hooks, spawned ones need only theirs."""
    _pool.worker = _probe_worker
    _install_worker_side()
    _pool.Pool._repopulate_pool_static = staticmethod(_repopulate_pool_static)
    _pool.Pool._join_exited_workers = staticmethod(_join_exited_workers)
    _pool.Pool._terminate_pool = classmethod(_terminate_pool)
    _pool.Pool.join = _join
    _pool.Pool._map_async = _map_async
    _pool.Pool.imap = _imap
    _pool.Pool.imap_unordered = _imap_unordered
    _pool.Pool.apply_async = _apply_async


def _watch(sock):
    """Garrison never writes: the connection ends only when Garrison does, and then the run must end with it,
    workers and all, or they would outlive it with no one left to see them."""
    try:
        while sock.recv(64):
            pass
    except OSError:
        pass
    if _exiting:
        return
    if os.getpgrp() == os.getpid():
        os.killpg(os.getpid(), signal.SIGKILL)
    for child in multiprocessing.active_children():
        child.kill()
    os._exit(1)


def _at_exit():
    global _exiting
    _exiting = True


def _script_frames(tb, path):
    """The traceback from the script's first frame on, as Python shows it when it runs the script itself."""
    first = tb
    while first is not None and first.tb_frame.f_code.co_filename != path:
        first = first.tb_next
    return first if first is not None else tb


def main():
    """Runs sys.argv[1] as __main__ with the arguments after it, as `python3 SCRIPT.py ARGS...` would."""
    global _exiting
    script = sys.argv[1]
    path = os.path.abspath(script)
    sys.argv = sys.argv[1:]
    sys.path[0] = os.path.dirname(os.path.realpath(path))
    if not os.path.isfile(path):
        sys.stderr.write("%s: can't open file %r: [Errno 2] No such file or directory\n" % (sys.executable, path))
        sys.exit(2)
    if os.environ.get(ADDRESS_VARIABLE):
        sock = _channel.connect()
        if sock is not None:
            install()
            import atexit
            atexit.register(_at_exit)
            threading.Thread(target=_watch, args=(sock,), name="garrison-probe-watch", daemon=True).start()
    try:
        runpy.run_path(path, run_name="__main__")
    except (SystemExit, KeyboardInterrupt):
        raise
    except BaseException as error:
        # Python prints an exception's own traceback, whatever traceback it is given.
        error.__traceback__ = _script_frames(error.__traceback__, path)
        sys.excepthook(type(error), error, error.__traceback__)
        sys.exit(1)
