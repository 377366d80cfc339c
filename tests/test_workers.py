"""Worker processes under per-document limits: real processes, real signals, real rlimits.

The tasks below are what a reader can do wrong: crash, loop, hang where the timer cannot reach,
eat memory. Each must cost its own item only; the items after it are still done.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time

import pytest

from extract import workers
from extract.workers import Limits, TaskFailure, run_in_workers


def pid_task(item: str, context: object) -> tuple[str, int, object]:
    """What a well-behaved reader does: answer, here with the worker's pid and the context."""
    misbehave(item)
    return item, os.getpid(), context


def misbehave(item: str) -> None:
    if item == "segfault":
        os.kill(os.getpid(), signal.SIGSEGV)
    elif item == "busy-loop":
        while True:
            pass
    elif item == "stuck-in-c":  # the timer's signal blocked, as inside a C call that never returns
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(60)
    elif item == "memory-hog":
        hoard = []
        while True:
            hoard.append(bytearray(50 * 1024 * 1024))
    elif item == "catch-all":  # a reader that swallows every Exception while it loops
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with contextlib.suppress(Exception):
                sum(range(10_000))


def run(items: list[str], **kwargs) -> dict[str, object]:
    return dict(run_in_workers(pid_task, items, **kwargs))


def test_every_item_done_with_the_context_sent_once():
    results = run([f"doc-{n}" for n in range(6)], context={"known": 1}, jobs=2)
    assert sorted(results) == [f"doc-{n}" for n in range(6)]
    assert all(result[2] == {"known": 1} for result in results.values())
    assert len({result[1] for result in results.values()}) <= 2  # two workers did all six


def test_a_crashing_reader_costs_its_own_document_only():
    results = run(["before", "segfault", "after"], jobs=1)
    failure = results["segfault"]
    assert isinstance(failure, TaskFailure)
    assert failure.reason == "the reader crashed (killed by SIGSEGV)"
    assert results["before"][0] == "before" and results["after"][0] == "after"
    assert results["before"][1] != results["after"][1]  # a fresh worker took over


def test_time_limit_stops_a_busy_loop_and_a_reader_that_catches_everything():
    limits = Limits(timeout=1)
    started = time.monotonic()
    results = run(["busy-loop", "catch-all", "after"], jobs=1, limits=limits)
    assert time.monotonic() - started < 10
    for item in ("busy-loop", "catch-all"):
        assert isinstance(results[item], TaskFailure)
        assert results[item].reason == "took longer than 1 s to read (limit: --timeout)"
        assert "TimeLimitExceeded" in results[item].detail
    assert results["after"][0] == "after"


def test_parent_kills_a_worker_the_timer_cannot_reach(monkeypatch):
    monkeypatch.setattr(workers, "KILL_GRACE_SECONDS", 1.0)
    started = time.monotonic()
    results = run(["stuck-in-c", "after"], jobs=1, limits=Limits(timeout=1))
    assert time.monotonic() - started < 15
    assert results["stuck-in-c"].reason == "took longer than 1 s to read (limit: --timeout)"
    assert results["after"][0] == "after"


def test_memory_limit_fails_the_document_not_the_machine():
    results = run(["memory-hog", "after"], jobs=1, limits=Limits(max_memory_mb=600))
    failure = results["memory-hog"]
    assert isinstance(failure, TaskFailure)
    assert failure.reason == "needed more than 600 MB of memory (limit: --max-memory)"
    assert results["after"][0] == "after"


def test_leaving_early_stops_the_workers():
    results = run_in_workers(pid_task, ["a", "b", "c", "d"], jobs=2)
    _, (_, pid, _) = next(results)
    results.close()
    with pytest.raises(ProcessLookupError):
        for _ in range(50):  # the worker is stopped and reaped; its pid soon stops existing
            os.kill(pid, 0)
            time.sleep(0.1)


def test_limits_must_be_positive():
    with pytest.raises(ValueError):
        Limits(timeout=0)
