"""The progress bar of ``extract ingest`` and ``extract reread``: shown while they work when
standard error is a terminal, never written into a pipe or a log."""

from __future__ import annotations

from pathlib import Path

from cli_runs import ingest, run_on_terminal
from conftest import FIXTURES

DUMPS = sorted((FIXTURES / "dump").glob("*.dump.txt"))


def test_ingest_and_reread_show_their_progress_on_a_terminal(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    status, stdout, shown = run_on_terminal("ingest", *DUMPS, "--db", db, "-j", "1")
    assert status == 0, shown
    assert stdout.startswith(f"{len(DUMPS)} added, 0 already archived, 0 failed")
    assert "ingesting" in shown and "documents ·" in shown and "pages" in shown
    status, stdout, shown = run_on_terminal("reread", "--all", "--db", db, "-j", "1")
    assert status == 0, shown
    assert stdout.startswith(f"{len(DUMPS)} re-read, 0 up to date, 0 failed")
    assert "re-reading" in shown and f"/{len(DUMPS)}" in shown


def test_no_progress_bar_in_a_pipe(tmp_path: Path) -> None:
    result = ingest(*DUMPS, "--db", tmp_path / "archive.db", "-j", "1")
    assert result.returncode == 0
    assert result.stderr == ""  # a log of the run holds no bar
