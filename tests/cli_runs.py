"""Helpers for tests that run ``extract ingest`` as users do: a real subprocess, a real archive."""

from __future__ import annotations

import os
import pty
import sqlite3
import subprocess
import sys
from pathlib import Path


def extract_command(*args: str | Path) -> list[str]:
    """``extract`` with these arguments, run from this interpreter."""
    return [sys.executable, "-m", "extract", *map(str, args)]


def ingest_command(*args: str | Path) -> list[str]:
    return extract_command("ingest", *args)


def ingest(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run(ingest_command(*args), capture_output=True, text=True, timeout=600)


def run_extract(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Any ``extract`` command; the timeout fails a test where a command would hang."""
    return subprocess.run(
        extract_command(*args), capture_output=True, text=True, cwd=cwd, timeout=300
    )


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


def run_on_terminal(*args: str | Path, cwd: Path | None = None) -> tuple[int, str, str]:
    """Any ``extract`` command with its standard error on a terminal (a pseudo-terminal 100
    columns wide), as a user runs it: (exit status, standard output, what the terminal showed)."""
    controller, terminal = pty.openpty()
    env = {**os.environ, "COLUMNS": "100", "LINES": "30", "TERM": "xterm"}
    process = subprocess.Popen(
        extract_command(*args), stdout=subprocess.PIPE, stderr=terminal, cwd=cwd, env=env, text=True
    )
    os.close(terminal)
    shown = bytearray()
    while True:  # read as it comes, so a full terminal buffer never blocks the command
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the command closed the terminal (Linux raises EIO)
            break
        if not chunk:
            break
        shown += chunk
    os.close(controller)
    stdout = process.stdout.read() if process.stdout else ""
    return process.wait(timeout=300), stdout, shown.decode("utf-8", "replace")
