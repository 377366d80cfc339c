"""Whatever agencies upload: each bad file fails alone, with one plain line, and nothing half-written.

The corpus is ``tests/fixtures/bad`` (built by ``scripts/make_bad_inputs.py``), LibreOffice's
encrypted PDFs, and the large inputs that the same script builds here at test time. Everything
runs through the real command line in a subprocess, into a real archive.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cli_runs import archived, error_lines, ingest
from conftest import FIXTURES

from extract.integrity import archive_problems
from scripts.fixtures.reports import HUAI_SAI_NGAM, NOEN_SAI_THONG, NONG_NAM_SAI
from scripts.make_bad_inputs import (
    LARGE_CORPUS,
    SMALL_CORPUS,
    THAI_FILE_NAME,
    corpus_name,
    mixed_folder,
)

BAD = FIXTURES / "bad"
ENCRYPTED = FIXTURES / "pdf" / "nongnamsai-no-gift-2568-encrypted.pdf"
OWNER_LOCKED = FIXTURES / "pdf" / "nongnamsai-no-gift-2568-owner-password.pdf"

# file name → what ingest must do with it: ("failed", words of the reason) or ("added", measures)
EXPECTED: dict[str, tuple[str, str | int | None]] = {
    "zero-byte.pdf": ("failed", "empty file"),
    "truncated.pdf": ("failed", "damaged PDF"),
    "broken-xref-offsets.pdf": ("failed", "damaged PDF"),
    "broken-startxref.pdf": ("added", None),  # the reader rebuilds the cross-reference table
    "jpeg-named.pdf": ("failed", "a JPEG image, not a report"),
    "zip-named.pdf": ("failed", "a ZIP archive that is not a Word .docx or Excel .xlsx document"),
    "image-only-scan.pdf": ("added", 0),  # archived, flagged needs_ocr
    "stamped-scan.pdf": ("added", 0),  # the same, a line typed on it
    "cid-only-text.pdf": ("added", 0),  # text no reader can map: "(cid:1)…"
    "html-without-table.html": ("added", 0),
    "ragged-tabs.txt": ("added", len(HUAI_SAI_NGAM.measures)),
    THAI_FILE_NAME: ("added", len(NONG_NAM_SAI.measures)),
    ENCRYPTED.name: ("failed", "encrypted PDF (needs a password)"),
    OWNER_LOCKED.name: ("added", 0),  # opens with the empty user password
    "pages-2000.pdf": ("failed", "2,000 pages, more than the limit of 1,000 (limit: --max-pages)"),
    "html-data-uri-50mb.html": ("added", len(NOEN_SAI_THONG.measures)),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for path in BAD.iterdir():
        shutil.copy(path, folder / path.name)
    for path in (ENCRYPTED, OWNER_LOCKED):
        shutil.copy(path, folder / path.name)
    for name in ("pages-2000.pdf", "html-data-uri-50mb.html"):
        (folder / name).write_bytes(LARGE_CORPUS[name]())
    return folder


@pytest.fixture(scope="module")
def corpus_run(corpus, tmp_path_factory):
    db = tmp_path_factory.mktemp("archive") / "archive.db"
    return db, ingest(corpus, "--db", db, "--jobs", "2")


def test_committed_corpus_is_what_the_script_builds():
    assert sorted(p.name for p in BAD.iterdir()) == sorted(SMALL_CORPUS)
    assert set(EXPECTED) >= set(SMALL_CORPUS)


def test_each_bad_file_one_plain_line_and_exit_1(corpus_run):
    _, result = corpus_run
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    errors = error_lines(result.stderr)
    failing = {name: words for name, (status, words) in EXPECTED.items() if status == "failed"}
    assert set(errors) == set(failing), result.stderr
    for name, words in failing.items():
        assert words in errors[name], (name, errors[name])


def test_every_good_file_archived_and_nothing_of_the_bad(corpus_run):
    db, result = corpus_run
    documents = archived(db)
    added = {name: measures for name, (status, measures) in EXPECTED.items() if status == "added"}
    assert set(documents) == set(added)
    for name, measures in added.items():
        if measures is not None:
            assert documents[name]["measure_count"] == measures, name
    assert result.stdout.startswith(f"{len(added)} added, 0 already archived, ")
    # the original files saved beside the archive: exactly the archived ones, no partial file
    saved = sorted(p.name for p in (db.parent / "sources").iterdir())
    assert saved == sorted(Path(row["source_file"]).name for row in documents.values())
    assert archive_problems(db) == []


def test_unreadable_text_is_archived_flagged_for_ocr(corpus_run):
    db, result = corpus_run
    scan = archived(db)["image-only-scan.pdf"]
    assert scan["needs_ocr"] == 1
    assert "image-only-scan.pdf: no table found; needs OCR" in result.stderr
    assert archived(db)[THAI_FILE_NAME]["needs_ocr"] == 0


@pytest.mark.parametrize("name", ["stamped-scan.pdf", "cid-only-text.pdf"])
def test_a_scan_with_typed_text_or_unmapped_text_is_flagged_and_gives_no_title(corpus_run, name):
    # the stamp's text is clean (quality 1.0) but the report is in the image; "(cid:1)(cid:2)…"
    # is no title to facet or search by
    db, result = corpus_run
    document = archived(db)[name]
    assert document["needs_ocr"] == 1
    assert (document["title"], document["agency"]) == ("", "")
    assert f"{name}: no table found; needs OCR" in result.stderr


def test_second_run_changes_nothing(corpus_run, corpus):
    db, first = corpus_run
    before = archived(db)
    again = ingest(corpus, "--db", db, "--jobs", "2")
    assert again.returncode == 1
    assert error_lines(again.stderr).keys() == error_lines(first.stderr).keys()
    assert again.stdout.startswith(f"0 added, {len(before)} already archived, ")
    assert {name: dict(row) for name, row in archived(db).items()} == {
        name: dict(row) for name, row in before.items()
    }


@pytest.mark.slow
def test_folder_of_500_mixed_files(tmp_path):
    files = mixed_folder(tmp_path / "uploads")
    db = tmp_path / "archive.db"
    result = ingest(tmp_path / "uploads", "--db", db)
    good = [p for p in files if EXPECTED[corpus_name(p)][0] == "added"]
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len(error_lines(result.stderr)) == len(files) - len(good)
    assert set(archived(db)) == {p.name for p in good}
    assert archive_problems(db) == []


def test_an_archive_that_is_not_a_database_is_one_plain_error(tmp_path):
    db = tmp_path / "archive.db"
    db.write_text("notes, not a database\n")
    result = ingest(BAD / "ragged-tabs.txt", "--db", db)
    assert result.returncode == 2  # a usage error: 1 says some file failed
    assert result.stderr.splitlines() == [f"error: {db}: not an archive (not an SQLite database)"]
    assert db.read_text() == "notes, not a database\n"
