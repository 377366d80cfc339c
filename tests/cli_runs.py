"""Helpers for tests that run ``extract ingest`` as users do: a real subprocess, a real archive."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path


def ingest_command(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "extract", "ingest", *map(str, args)]


def ingest(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run(ingest_command(*args), capture_output=True, text=True, timeout=600)


def run_extract(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Any ``extract`` command; the timeout fails a test where a command would hang."""
    command = [sys.executable, "-m", "extract", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, timeout=300)


def one_error_line(result: subprocess.CompletedProcess) -> str:
    """The only line on stderr, which must be an ``error:`` line (no traceback, no usage)."""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def error_lines(stderr: str) -> dict[str, str]:
    """stderr's error lines by file name: ``error: <path>: <reason>``."""
    lines = [line for line in stderr.splitlines() if line.startswith("error: ")]
    by_name = {Path(line.split(": ", 2)[1]).name: line.split(": ", 2)[2] for line in lines}
    assert len(by_name) == len(lines), "a file named in more than one error line"
    return by_name


def archived(db: Path) -> dict[str, sqlite3.Row]:
    """The archive's document rows by source file name."""
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    rows = conn.execute("SELECT * FROM documents").fetchall()
    conn.close()
    return {row["source_name"]: row for row in rows}
