"""A --db that is no archive, or an output that cannot be written: one line naming the file and
the reason, exit status 2 (a usage error), and no file made or changed. Real subprocesses, real
SQLite files."""

from __future__ import annotations

import sqlite3

import pytest
from cli_runs import archived, ingest, one_error_line, run_extract
from conftest import ROOT

SAMPLE = ROOT / "samples" / "huainamrin-2568.dump.txt"


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    db = tmp_path_factory.mktemp("archive") / "archive.db"
    assert ingest(SAMPLE, "--db", db).returncode == 0
    return db


@pytest.fixture(scope="module")
def not_archives(tmp_path_factory):
    """Files that --db may wrongly name: reason words each must give."""
    folder = tmp_path_factory.mktemp("not-archives")
    (folder / "notes.db").write_text("notes, not a database\n")
    with sqlite3.connect(folder / "other.db") as conn:  # another program's database
        conn.execute("CREATE TABLE documents (id, name)")
        conn.execute("INSERT INTO documents VALUES (1, 'minutes')")
    conn.close()
    sqlite3.connect(folder / "empty.db").close()  # SQLite without tables (a zero-byte file)
    return {
        folder / "notes.db": "not an archive (not an SQLite database)",
        folder / "other.db": "not an archive (a database of other tables: documents)",
        folder / "empty.db": "not an archive (an empty database",
        folder / "missing.db": "no such archive",
    }


READERS = {
    "export": ["export", "--format", "csv"],
    "publish": ["publish", "published.db"],
    "serve": ["serve", "--port", "1"],  # never reached: the archive is checked first
}


@pytest.mark.parametrize("command", READERS)
def test_reading_what_is_not_an_archive_is_one_line_and_exit_2(command, not_archives, tmp_path):
    for db, reason in not_archives.items():
        before = db.read_bytes() if db.exists() else None
        result = run_extract(*READERS[command], "--db", db, cwd=tmp_path)
        assert result.returncode == 2, (db, result.stderr)
        assert one_error_line(result).startswith(f"error: {db}: {reason}")
        assert (db.read_bytes() if db.exists() else None) == before  # not made, not changed
    assert list(tmp_path.iterdir()) == []  # nothing published


def test_ingest_refuses_another_programs_database(not_archives):
    other = next(db for db, reason in not_archives.items() if "other tables" in reason)
    before = other.read_bytes()
    result = ingest(SAMPLE, "--db", other)
    assert result.returncode == 2
    assert one_error_line(result) == f"error: {other}: {not_archives[other]}"
    assert other.read_bytes() == before
    assert not other.with_name(other.name + "-wal").exists()


def test_ingest_makes_an_archive_in_an_empty_database(tmp_path):
    db = tmp_path / "archive.db"
    sqlite3.connect(db).close()
    assert ingest(SAMPLE, "--db", db).returncode == 0
    assert list(archived(db)) == [SAMPLE.name]


def test_ingest_into_a_missing_folder_is_one_line(tmp_path):
    db = tmp_path / "no-such-folder" / "archive.db"
    result = ingest(SAMPLE, "--db", db)
    assert result.returncode == 2
    assert one_error_line(result) == f"error: {db}: no such folder {db.parent}"


@pytest.mark.parametrize(
    "command",
    [["export", "--format", "json", "-o"], ["export", "--format", "csv", "-o"], ["publish"]],
)
def test_writing_into_a_missing_folder_is_one_line(command, archive, tmp_path):
    out = tmp_path / "missing" / "out.file"
    result = run_extract(*command, out, "--db", archive)
    assert result.returncode == 2
    assert one_error_line(result) == f"error: {out}: no such folder {out.parent}"
    assert not out.parent.exists()


def test_publishing_over_a_file_is_one_line(archive, tmp_path):
    out = tmp_path / "published.db"
    out.write_text("kept")
    result = run_extract("publish", "--db", archive, out)
    assert result.returncode == 2
    assert one_error_line(result) == f"error: {out}: exists: publish to a new file"
    assert out.read_text() == "kept"


def test_ingesting_into_a_published_copy_is_one_line_and_changes_nothing(archive, tmp_path):
    """A published copy is served as it was published, without the per-measure index a new
    document's rows need: documents go into the working archive, which is published again."""
    published = tmp_path / "published.db"
    assert run_extract("publish", "--db", archive, published).returncode == 0
    before = published.read_bytes()
    result = ingest(ROOT / "samples" / "nongnamsai-2568.pdf", "--db", published)
    assert result.returncode == 2
    reason = "a published copy: write to the working archive, then publish"
    assert one_error_line(result) == f"error: {published}: {reason}"
    assert published.read_bytes() == before
