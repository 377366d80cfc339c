"""Worker processes that run one document at a time under per-document limits.

A reader that loops, hangs inside C code, eats memory or crashes must cost one document, never
the ingest. So documents are read in child processes:

- each worker caps its own address space (``RLIMIT_AS``): a runaway document gets a
  ``MemoryError`` there, not the machine's OOM killer on the parent;
- each worker arms a timer per document: past the limit the document is abandoned with a plain
  reason; a worker stuck where the timer cannot reach it (inside C code) is killed by the parent a
  little later;
- a worker that dies (segfault, abort, killed) is reported for the document it held and replaced;
  after a time or memory failure the worker is replaced too, so every document starts clean;
- each worker holds one document at a time and the parent collects a result before giving the
  worker more: parsed documents never pile up in memory, whatever the folder's size.

Workers are forked from a fork server that has imported the pipeline and its readers and built
their caches once (``extract.worker_preload``), so a new worker starts warm, replacing one is
cheap, and a worker never inherits the parent's threads or its database connection. Like any
code that starts processes this way, a script calling this module at import time needs the
``if __name__ == "__main__":`` guard (the fork server imports the script's main module).
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import math
import multiprocessing
import multiprocessing.connection
import os
import resource
import signal
import sys
import time
import traceback
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

Item = TypeVar("Item")

MB = 1024 * 1024
PR_SET_PDEATHSIG = 1  # prctl option, from <linux/prctl.h>
# Memory a worker sets aside at start and frees when a document hits the memory limit, so it
# can still describe the failure and send it.
MEMORY_RESERVE_MB = 32
_memory_reserve: list[bytearray] = []
# How long past its own timer a worker may stay silent before the parent kills it.
KILL_GRACE_SECONDS = 10.0
# Modules the fork server imports once, so each worker starts with them loaded (a missing reader
# module is skipped). ``extract.worker_preload`` comes first: it ties the server's life to the
# ingest process, then builds the pipeline's caches.
PRELOAD = [
    "extract.worker_preload",
    "extract.pipeline",
    "extract.backend.pdf_backend",
    "extract.backend.text_backend",
    "extract.backend.html_backend",
    "extract.backend.docx_backend",
]


@dataclass(frozen=True)
class Limits:
    """What one document may cost. Past any of them the document fails alone."""

    max_pages: int = 1000
    timeout: float = 300.0  # seconds per document (a table page takes about 0.15 s)
    max_memory_mb: int = 1500  # address space of the worker reading it

    def __post_init__(self) -> None:
        if self.max_pages < 1 or self.timeout <= 0 or self.max_memory_mb < 1:
            raise ValueError(f"limits must be positive: {self}")


@dataclass
class TaskFailure:
    """A document the worker could not finish: a plain reason, and a traceback for --debug."""

    reason: str
    detail: str = ""


class TimeLimitExceeded(BaseException):
    """Raised in a worker when its timer fires.

    A BaseException, like KeyboardInterrupt, so a reader's ``except Exception`` (kept to survive a
    damaged page) cannot swallow it and carry on reading.
    """


def time_limit_reason(limits: Limits) -> str:
    return f"took longer than {limits.timeout:g} s to read (limit: --timeout)"


def memory_limit_reason(limits: Limits) -> str:
    return f"needed more than {limits.max_memory_mb:,} MB of memory (limit: --max-memory)"


def run_in_workers(
    task: Callable[[Item, Any], Any],
    items: Iterable[Item],
    *,
    context: Any = None,
    jobs: int = 1,
    limits: Limits | None = None,
) -> Iterator[tuple[Item, Any]]:
    """``task(item, context)`` for every item in worker processes; pairs in the order they finish.

    ``task`` must be a module-level function and should handle its own errors; what it cannot
    (time, memory, a crash of the worker) comes back as a ``TaskFailure``. ``context`` is sent to
    each worker once, not with every item. ``items`` is drawn lazily, one item per idle worker,
    and workers are started only when there is an item for them. Leaving the loop early stops
    the workers.
    """
    pool = _Pool(task, context, max(1, jobs), limits or Limits())
    try:
        yield from pool.run(iter(items))
    finally:
        pool.stop()


_NO_MORE = object()


class _Pool:
    def __init__(self, task: Callable, context: Any, jobs: int, limits: Limits) -> None:
        self.task, self.context, self.jobs, self.limits = task, context, jobs, limits
        self.workers: list[_Worker] = []
        self.items_left = True

    def run(self, items: Iterator) -> Iterator[tuple[object, Any]]:
        self._fill(items)
        while any(worker.busy for worker in self.workers):
            _wait_for_any(self.workers)
            finished = [done for worker in self.workers if (done := worker.collect())]
            for worker in [worker for worker in self.workers if not worker.usable]:
                worker.stop()
                self.workers.remove(worker)
            self._fill(items)  # keep the workers busy while the caller handles the results
            yield from finished

    def _fill(self, items: Iterator) -> None:
        """Give every idle worker an item, starting workers (up to ``jobs``) as items come."""
        while self.items_left:
            idle = next((worker for worker in self.workers if not worker.busy), None)
            if idle is None and len(self.workers) >= self.jobs:
                return
            item = next(items, _NO_MORE)
            if item is _NO_MORE:
                self.items_left = False
                return
            if idle is None:
                idle = _Worker(self.task, self.context, self.limits)
                self.workers.append(idle)
            idle.give(item)

    def stop(self) -> None:
        for worker in self.workers:
            worker.stop()


def _wait_for_any(pool: list[_Worker]) -> None:
    busy = [worker for worker in pool if worker.busy]
    if not busy:
        return
    timeout = max(0.0, min(worker.deadline for worker in busy) - time.monotonic())
    handles = [worker.conn for worker in busy] + [worker.process.sentinel for worker in busy]
    multiprocessing.connection.wait(handles, timeout=timeout)


class _Worker:
    """The parent's handle on one worker process."""

    def __init__(self, task: Callable, context: Any, limits: Limits) -> None:
        self.limits = limits
        ctx = _process_context()
        self.conn, child_end = ctx.Pipe()
        self.process = ctx.Process(
            target=_worker_main, args=(child_end, task, context, limits), daemon=True
        )
        self.process.start()
        child_end.close()
        self.item: object = None
        self.busy = False
        self.deadline = math.inf
        self.usable = True  # False once the worker has exited or must be replaced

    def give(self, item: object) -> None:
        self.item, self.busy = item, True
        self.deadline = time.monotonic() + self.limits.timeout + KILL_GRACE_SECONDS
        with contextlib.suppress(OSError):  # a dead worker: ``collect`` reports it
            self.conn.send(item)

    def collect(self) -> tuple[object, Any] | None:
        """(item, result) once the held item is done, failed or lost with the worker; else None."""
        if not self.busy:
            return None
        item = self.item
        if self.conn.poll():
            try:
                result, exiting = self.conn.recv()
            except (EOFError, OSError):
                return self._lost(item, self._crash_reason())
            self.busy = False
            self.usable = not exiting
            return item, result
        if not self.process.is_alive():
            return self._lost(item, self._crash_reason())
        if time.monotonic() > self.deadline:
            self.process.kill()
            self.process.join()
            return self._lost(item, time_limit_reason(self.limits))
        return None

    def _lost(self, item: object, reason: str) -> tuple[object, TaskFailure]:
        self.busy = False
        self.usable = False
        return item, TaskFailure(reason)

    def _crash_reason(self) -> str:
        self.process.join(timeout=5)
        code = self.process.exitcode
        if code is not None and code < 0:
            how = f"killed by {signal.Signals(-code).name}"
        else:
            how = f"exit status {code}"
        return f"the reader crashed ({how})"

    def stop(self) -> None:
        if self.process.is_alive() and not self.busy:
            with contextlib.suppress(OSError):
                self.conn.send(None)  # finish: the worker leaves its loop
            self.process.join(timeout=2)
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()


def _process_context() -> multiprocessing.context.BaseContext:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)  # no effect once the server runs
    return context


# --- the worker side -----------------------------------------------------------------------


def die_with_parent() -> None:
    """On Linux, have the kernel kill this process when its parent dies.

    A ``kill -9`` of the ingest then leaves no worker reading on for nobody (for up to its time
    limit). Elsewhere a worker still leaves once it finds the parent's end of its pipe closed.
    """
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _worker_main(conn, task: Callable, context: Any, limits: Limits) -> None:
    try:
        _serve(conn, task, context, limits)
    except BaseException:
        # something failed outside any document (even while reporting one): the parent reports
        # the crash for the document held; a traceback here would break its one-line output
        os._exit(1)


def _serve(conn, task: Callable, context: Any, limits: Limits) -> None:
    die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGALRM, _on_timer)
    # readers' log messages, warnings and "Exception ignored in ..." notes (from destructors at
    # the memory limit) would spill between the parent's one-line reports; the parent reports
    # every failure itself
    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")
    sys.unraisablehook = lambda unraisable: None
    _cap_address_space(limits.max_memory_mb * MB)
    _memory_reserve.append(bytearray(MEMORY_RESERVE_MB * MB))  # counted within the limit
    while True:
        try:
            item = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if item is None:
            return
        result, exiting = _run_one(task, item, context, limits)
        try:
            conn.send((result, exiting))
        except OSError:
            return  # the parent is gone
        except Exception as error:  # the result itself too big, or not picklable
            failure = TaskFailure(_unexpected(error, "its result could not be returned"))
            conn.send((failure, True))
            return
        if exiting:
            return


def _run_one(task: Callable, item: object, context: Any, limits: Limits) -> tuple[Any, bool]:
    """The task's result, and whether this worker should be replaced after it."""
    try:
        signal.setitimer(signal.ITIMER_REAL, limits.timeout)
        try:
            return task(item, context), False
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except TimeLimitExceeded:
        return TaskFailure(time_limit_reason(limits), traceback.format_exc()), True
    except MemoryError:
        # At the limit any allocation may fail: the reserve, freed, leaves room to describe the
        # failure; the worker is replaced after it anyway.
        _memory_reserve.clear()
        try:
            detail = traceback.format_exc()
        except MemoryError:
            detail = ""
        return TaskFailure(memory_limit_reason(limits), detail), True
    except BaseException as error:  # the task should catch its own (even sys.exit in a library)
        reason = _unexpected(error, "could not be processed")
        return TaskFailure(reason, traceback.format_exc()), True


def _on_timer(signum: int, frame: object) -> None:
    raise TimeLimitExceeded


def _cap_address_space(limit_bytes: int) -> None:
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit_bytes = min(limit_bytes, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, hard))


def _unexpected(error: BaseException, what: str) -> str:
    return f"{what} ({type(error).__name__}: {error})".splitlines()[0]
