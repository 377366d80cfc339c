"""Per-document limits: a document past one fails alone, the worker is replaced, the run goes on.

The subject is a real PDF page of 100,000 drawing operations (``scripts/make_bad_inputs.py``):
within the default limits it is archived; with a tight time or memory limit it fails with the
limit named, and the good report after it is still archived by a fresh worker.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_runs import archived, error_lines, ingest

from scripts.fixtures.reports import NONG_NAM_SAI
from scripts.make_bad_inputs import drawing_heavy_pdf, text_dump


@pytest.fixture(scope="module")
def heavy_and_good(tmp_path_factory) -> Path:
    """A page of 100,000 drawing operations beside a good report."""
    folder = tmp_path_factory.mktemp("heavy")
    (folder / "a-drawing-100k-ops.pdf").write_bytes(drawing_heavy_pdf())
    (folder / "b-report.txt").write_bytes(text_dump(NONG_NAM_SAI))
    return folder


@pytest.mark.parametrize(
    ("limit", "reason"),
    [
        (["--timeout", "2"], "took longer than 2 s to read (limit: --timeout)"),
        (["--max-memory", "400"], "needed more than 400 MB of memory (limit: --max-memory)"),
    ],
)
def test_document_past_a_limit_fails_alone(heavy_and_good, tmp_path, limit, reason):
    db = tmp_path / "archive.db"
    result = ingest(heavy_and_good, "--db", db, "--jobs", "1", "--debug", *limit)
    assert result.returncode == 1
    assert error_lines(result.stderr) == {"a-drawing-100k-ops.pdf": reason}
    assert "Traceback (most recent call last)" in result.stderr  # asked for with --debug
    assert set(archived(db)) == {"b-report.txt"}  # the worker was replaced and went on


@pytest.mark.slow
def test_drawing_heavy_page_within_default_limits_is_archived(heavy_and_good, tmp_path):
    db = tmp_path / "archive.db"
    result = ingest(heavy_and_good, "--db", db, "--jobs", "2")
    assert result.returncode == 0, result.stderr
    assert archived(db)["a-drawing-100k-ops.pdf"]["page_count"] == 1


def test_page_limit_applies_to_every_format(tmp_path):
    """A text dump's pages are its blocks of rows: three blocks are three pages."""
    title, subtitle, _, header, *rows = text_dump(NONG_NAM_SAI).decode("utf-8").splitlines()
    pages = "\n".join(f"\n{header}\n{row}" for row in rows[:3])
    dump = tmp_path / "three-pages.txt"
    dump.write_text(f"{title}\n{subtitle}\n{pages}\n", encoding="utf-8")
    result = ingest(dump, "--db", tmp_path / "archive.db", "--max-pages", "2")
    assert result.returncode == 1
    assert error_lines(result.stderr) == {
        "three-pages.txt": "3 pages, more than the limit of 2 (limit: --max-pages)"
    }
    within = ingest(dump, "--db", tmp_path / "archive.db", "--max-pages", "3")
    assert within.returncode == 0, within.stderr
    assert archived(tmp_path / "archive.db")["three-pages.txt"]["page_count"] == 3
