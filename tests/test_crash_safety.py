"""``kill -9`` at random moments of a real ingest: the archive stays sound and a re-run completes it.

Each run is a real ``extract ingest`` subprocess killed with SIGKILL after a delay drawn from a
seeded RNG: during start-up, schema creation, parsing, or while a document is being written.
After every kill the archive must pass ``extract.integrity.archive_problems`` (SQLite's own check,
the FTS checks, and no partial document), and the orphaned workers must leave by themselves.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from cli_runs import ingest_command

from extract.integrity import archive_problems
from scripts.make_bad_inputs import distinct_reports

SEED = 20250607
KILLS = 20
# Before each run the folder is topped up to this many reports not yet archived, so a run is
# still busy when its kill comes, however fast the machine.
NOT_YET_ARCHIVED = 30


def live_processes_in_group(pgid: int) -> list[int]:
    """Processes of a process group that still run (zombies waiting to be reaped left out)."""
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # the process ended while we looked
        state, group = fields[0], int(fields[2])
        if group == pgid and state != "Z":
            pids.append(int(stat.parent.name))
    return pids


def wait_for_group_to_leave(pgid: int, seconds: float = 30) -> list[int]:
    deadline = time.monotonic() + seconds
    while (left := live_processes_in_group(pgid)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


def documents_in(db: Path) -> int:
    if not db.exists():
        return 0
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:
        return 0  # killed before the schema was created
    finally:
        conn.close()


def sources_without_document(db: Path) -> set[str]:
    """Saved originals with no document row: a kill fell inside ``Archive.store``."""
    saved = {p.name for p in (db.parent / "sources").glob("*") if not p.name.startswith(".")}
    if not saved:
        return set()
    conn = sqlite3.connect(db)
    named = {Path(r[0]).name for r in conn.execute("SELECT source_file FROM documents")}
    conn.close()
    return saved - named


@pytest.mark.slow
def test_sigkill_at_random_moments_leaves_only_whole_documents(tmp_path):
    folder = tmp_path / "reports"
    total = 0
    db = tmp_path / "archive.db"
    command = ingest_command(folder, "--db", db, "--jobs", "2")
    rng = random.Random(SEED)
    kills, runs, counts, inside_store, orphans = 0, 0, [], 0, set()
    while kills < KILLS and runs < 2 * KILLS:
        runs += 1
        missing = NOT_YET_ARCHIVED - (total - documents_in(db))
        if missing > 0:
            total += len(distinct_reports(folder, missing, first=total))
        run = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: its workers can be found after
        )
        time.sleep(rng.uniform(0.2, 3.5))
        if run.poll() is None:
            os.kill(run.pid, signal.SIGKILL)  # the main process only, as `kill -9 PID` does
            kills += 1
        run.wait()
        left = wait_for_group_to_leave(run.pid)
        if left:
            os.killpg(run.pid, signal.SIGKILL)
        assert not left, f"orphaned processes still running after the kill: {left}"
        assert not db.exists() or archive_problems(db) == []
        inside_store += bool(sources_without_document(db) - orphans)
        orphans = sources_without_document(db)
        counts.append(documents_in(db))
    print(f"{kills} kills in {runs} runs; documents after each: {counts}; "
          f"{inside_store} kills fell inside a store")  # fmt: skip
    assert kills == KILLS
    assert counts == sorted(counts)  # what was committed stays committed

    final = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert final.returncode == 0, final.stderr
    assert final.stdout.startswith(f"{total - counts[-1]} added, {counts[-1]} already archived")
    assert documents_in(db) == total
    assert archive_problems(db) == []
    assert sources_without_document(db) == set()  # the re-run stored every saved original
