"""Several processes on one archive: two ingests at once, and Datasette serving while ingest writes.

All real: ``extract ingest`` and ``extract serve`` subprocesses, one SQLite file in WAL mode, HTTP
requests to the served archive on a free loopback port.
"""

from __future__ import annotations

import json
import multiprocessing
import re
import socket
import sqlite3
import subprocess
import threading
import time
import urllib.request
from collections import Counter

import pytest
from cli_runs import archived, extract_command, ingest_command

from extract.archive import Archive
from extract.integrity import archive_problems
from scripts.make_bad_inputs import distinct_reports

SUMMARY = re.compile(r"^(\d+) added, (\d+) already archived, (\d+) failed")


def summary_counts(stdout: str) -> tuple[int, int, int]:
    added, already, failed = SUMMARY.match(stdout).groups()
    return int(added), int(already), int(failed)


def _open_archive(path: str, barrier, results) -> None:
    barrier.wait()  # every process opens the new file at the same moment
    try:
        with Archive(path) as archive:
            archive.conn.execute("SELECT count(*) FROM documents").fetchone()
        results.put("ok")
    except Exception as error:
        results.put(f"{type(error).__name__}: {error}")


def test_processes_opening_a_new_archive_together_all_succeed(tmp_path):
    """Schema creation and the switch to WAL, raced by four processes, ten times."""
    context = multiprocessing.get_context("fork")  # the children only open the archive
    outcomes: Counter[str] = Counter()
    for round_number in range(10):
        barrier, results = context.Barrier(4), context.Queue()
        path = str(tmp_path / f"race-{round_number}.db")
        processes = [
            context.Process(target=_open_archive, args=(path, barrier, results)) for _ in range(4)
        ]
        for process in processes:
            process.start()
        for process in processes:
            process.join(timeout=120)
        outcomes.update(results.get(timeout=10) for _ in processes)
    assert outcomes == Counter({"ok": 40})


def test_opening_waits_for_a_writer_holding_a_new_file(tmp_path):
    """The switch to WAL needs the file to itself; SQLite does not wait for it on its own."""
    path = tmp_path / "archive.db"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("CREATE TABLE scratch (x)")
    holder.execute("BEGIN IMMEDIATE")  # a writer inside a transaction, before any WAL
    holder.execute("INSERT INTO scratch VALUES (1)")
    release = threading.Timer(0.5, holder.execute, ["COMMIT"])
    release.start()
    started = time.monotonic()
    with Archive(path, busy_timeout_ms=10_000) as archive:
        assert archive.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert time.monotonic() - started >= 0.4  # it waited for the writer instead of failing
    release.join()
    holder.close()


@pytest.mark.slow
def test_two_ingests_of_the_same_folder_at_once(tmp_path):
    files = distinct_reports(tmp_path / "reports", 24)
    db = tmp_path / "archive.db"
    runs = [
        subprocess.Popen(
            ingest_command(tmp_path / "reports", "--db", db, "-j", "1"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=600) for run in runs]
    for run, (_, stderr) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, stderr
        assert "locked" not in stderr
    counts = [summary_counts(stdout) for stdout, _ in outputs]
    assert sum(added for added, _, _ in counts) == len(files)  # each document stored once
    assert all(added + already == len(files) for added, already, _ in counts)
    assert len(archived(db)) == len(files)
    assert archive_problems(db) == []


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.status == 200
        return json.load(response)


@pytest.mark.slow
def test_datasette_serves_while_ingest_writes(tmp_path):
    first, *rest = distinct_reports(tmp_path / "reports", 30)
    db = tmp_path / "archive.db"
    later = tmp_path / "later"
    later.mkdir()
    for path in rest:
        path.rename(later / path.name)
    assert subprocess.run(ingest_command(first, "--db", db), capture_output=True).returncode == 0

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        extract_command("serve", "--db", db, "--port", port),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_until_serving(base, server)
        writer = subprocess.Popen(
            ingest_command(later, "--db", db, "-j", "2"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        seen = []
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:  # requests keep succeeding while rows arrive
            documents = get_json(f"{base}/archive/documents.json?_size=1")
            get_json(f"{base}/archive/measures.json?_size=5&_sort_desc=id")
            seen.append(documents["filtered_table_rows_count"])
            if writer.poll() is not None and seen[-1] == 30:
                break
            time.sleep(0.2)
        _, writer_errors = writer.communicate(timeout=60)
        assert writer.returncode == 0, writer_errors
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert seen[-1] == 30, seen  # the served archive saw every new document
    assert seen == sorted(seen)
    assert len(set(seen)) > 2, seen  # and saw them arrive, not only at the end
    assert archive_problems(db) == []


def wait_until_serving(base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"extract serve exited: {server.stderr.read()}")
        try:
            get_json(f"{base}/-/versions.json")
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("extract serve did not answer within 60 s")
