"""``extract reread``: the archived originals read again by this version's readers.

An older version's reading is made here for real: the newsletter fixture read with column finding
switched off (as versions before ``extract/utils/columns.py`` read it, its two columns interleaved)
and stored with an older ``extractor_version``. The command runs as users run it (a subprocess on a
real archive); the archive's own invariants (``archive_problems``) must hold after every run.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from cli_runs import error_lines, ingest, run_extract
from conftest import FIXTURES

from extract import pipeline
from extract.archive import CONTENT_COLUMNS, EXTRACTOR_VERSION, Archive, stored_content_text
from extract.integrity import archive_problems
from extract.utils import columns
from normalize.search import search_text

NEWSLETTER = FIXTURES / "pdf" / "noensaithong-newsletter-2567-weasyprint.pdf"
# the first two lines of its left column, in the repaired page text
COLUMN_LINES = "เทศบาลตำบลเนินทรายทองจัด\nประชุมชี้แจงแนวทางการประเมิน"
OLD_REPORT = FIXTURES / "dump" / "thungdokkaeo-2567.dump.txt"  # read by an older version too
CUT_AT = 20  # the older reading of its first measure's title stops here, in a glyph code
GLYPH_CODE = "(cid:3)"
OTHERS = [  # one report in two formats (their measures share distinct texts), and a memo
    FIXTURES / "dump" / "nongnamsai-2568.dump.txt",
    FIXTURES / "html" / "nongnamsai-2568-cms.html",
    FIXTURES / "pdf" / "nongnamsai-no-gift-2568-weasyprint.pdf",
]


def store_as_an_older_version(db: Path, path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(columns, "_column_gutter", lambda bands, size: None)
        document = pipeline.process_bytes(path.read_bytes(), path.name)
    for measure in document.measures[:1]:  # as a reader that left a glyph code in it would
        measure.title = measure.title[:CUT_AT] + GLYPH_CODE
    with Archive(db) as archive:
        result = archive.store(document, path.read_bytes())
        archive.conn.execute(
            "UPDATE documents SET extractor_version = '0.1.0' WHERE id = ?", [result.document_id]
        )


def rows(db: Path, query: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(query).fetchall()


def newsletter(db: Path) -> tuple:
    return rows(
        db,
        "SELECT d.id, d.ingested_at, d.extractor_version, p.text FROM documents d "
        f"JOIN pages p ON p.document_id = d.id WHERE d.source_name = '{NEWSLETTER.name}'",
    )[0]


def found_on_pages(db: Path, phrase: str) -> int:
    quoted = '"' + search_text(phrase).replace('"', '""') + '"'
    return rows(db, f"SELECT count(*) FROM pages_fts WHERE pages_fts MATCH '{quoted}'")[0][0]


CONTENT = (  # everything a reading gives, but the ids of distinct texts (a text no other
    # measure carries is forgotten and indexed anew)
    "SELECT id, document_id, seq, title, methods, responsible, period, results, outcomes, extra, "
    "pages, units, agency, fiscal_year_be, indicator, text_hash FROM measures ORDER BY id",
    "SELECT id, document_id, number, text, raw_text, quality FROM pages ORDER BY id",
    "SELECT id, document_id, idx, pages, header, rows FROM tables ORDER BY id",
    "SELECT id, sha256, source_name, title, agency, page_count, measure_count, ingested_at "
    "FROM documents ORDER BY id",
)


@pytest.fixture
def archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "archive.db"
    assert ingest(*OTHERS, "--db", db).returncode == 0
    for path in (NEWSLETTER, OLD_REPORT):
        store_as_an_older_version(db, path, monkeypatch)
    return db


def first_title(db: Path) -> str:
    query = "SELECT m.title FROM measures m JOIN documents d ON d.id = m.document_id "
    return rows(db, query + f"WHERE d.source_name = '{OLD_REPORT.name}' AND m.seq = 1")[0][0]


def first_measures_text(db: Path) -> str:
    """The normalised text the first measure of ``OLD_REPORT`` is searched by, as stored."""
    row = rows(
        db,
        f"SELECT {', '.join('m.' + c for c in CONTENT_COLUMNS)} FROM measures m JOIN documents d "
        f"ON d.id = m.document_id WHERE d.source_name = '{OLD_REPORT.name}' AND m.seq = 1",
    )[0]
    return search_text(stored_content_text(row))


def texts_indexed(db: Path, text: str) -> int:
    phrase = '"' + text.replace('"', '""') + '"'
    query = "SELECT count(*) FROM measure_texts_fts WHERE measure_texts_fts MATCH ?"
    with sqlite3.connect(db) as conn:
        return conn.execute(query, [phrase]).fetchone()[0]


def trigrams(text: str) -> set[str]:
    return {text[i : i + 3] for i in range(len(text) - 2)}


def stale_trigrams(db: Path, old_text: str) -> list[str]:
    """The trigrams of ``old_text`` no stored measure's text has that the index still finds
    (a row forgotten with the wrong text would leave them behind)."""
    columns = ", ".join(CONTENT_COLUMNS)
    current = set().union(
        *(trigrams(search_text(stored_content_text(row)))
          for row in rows(db, f"SELECT {columns} FROM measures"))
    )  # fmt: skip
    gone = trigrams(old_text) - current
    assert gone, "the old reading must differ from every text stored now"
    return [trigram for trigram in sorted(gone) if texts_indexed(db, trigram)]


def texts_no_measure_carries(db: Path) -> list[tuple]:
    return [
        row
        for table in ("measure_texts", "place_texts")
        for row in rows(db, f"SELECT '{table}', id FROM {table} WHERE measures = 0")
    ]


def test_an_older_versions_reading_is_replaced_in_place(archive: Path) -> None:
    document_id, ingested_at, version, text = newsletter(archive)
    assert (version, COLUMN_LINES in text) == ("0.1.0", False)
    assert found_on_pages(archive, "ทองจัดประชุมชี้แจง") == 0  # its columns interleaved

    old_title, old_text = first_title(archive), first_measures_text(archive)
    assert old_title.endswith(GLYPH_CODE)
    assert texts_indexed(archive, old_text) == 1

    result = run_extract("reread", "--db", archive)

    assert result.returncode == 0, result.stderr
    query = f"SELECT measure_count FROM documents WHERE source_name = '{OLD_REPORT.name}'"
    (measures,) = rows(archive, query)[0]
    summary = f"2 re-read, 3 up to date, 0 failed; their measures {measures} → {measures}"
    assert result.stdout.startswith(summary)
    assert newsletter(archive)[:3] == (document_id, ingested_at, EXTRACTOR_VERSION)
    assert COLUMN_LINES in newsletter(archive)[3]
    assert found_on_pages(archive, "ทองจัดประชุมชี้แจง") == 1
    assert first_title(archive).startswith(old_title[:CUT_AT]) and GLYPH_CODE not in first_title(
        archive
    )
    assert texts_no_measure_carries(archive) == []  # the old title's text is gone,
    assert stale_trigrams(archive, old_text) == []  # and its index row too
    assert texts_indexed(archive, first_measures_text(archive)) == 1
    assert archive_problems(archive) == []


def test_reading_again_what_this_version_read_changes_nothing(archive: Path) -> None:
    assert run_extract("reread", "--db", archive).returncode == 0
    before = [rows(archive, query) for query in CONTENT]

    again = run_extract("reread", "--db", archive)
    assert again.stdout.startswith("0 re-read, 5 up to date")
    every = run_extract("reread", "--all", "--db", archive)

    assert every.returncode == 0, every.stderr
    (measures,) = rows(archive, "SELECT sum(measure_count) FROM documents")[0]
    summary = f"5 re-read, 0 up to date, 0 failed; their measures {measures} → {measures}"
    assert every.stdout.startswith(summary)
    assert rows(archive, "SELECT max(measures) FROM measure_texts")[0][0] > 1  # texts shared
    assert texts_no_measure_carries(archive) == []
    assert [rows(archive, query) for query in CONTENT] == before
    assert archive_problems(archive) == []  # shared distinct texts counted right


def test_a_missing_original_fails_alone_and_keeps_its_reading(archive: Path) -> None:
    document_id, source_file = rows(
        archive, f"SELECT id, source_file FROM documents WHERE source_name = '{OTHERS[0].name}'"
    )[0]
    (archive.parent / source_file).unlink()
    pages = f"SELECT * FROM pages WHERE document_id = {document_id}"
    kept = rows(archive, pages)

    result = run_extract("reread", "--all", "--db", archive)

    assert result.returncode == 1
    assert "4 re-read, 0 up to date, 1 failed" in result.stdout
    reason = error_lines(result.stderr)[OTHERS[0].name]
    assert reason == f"original {source_file}: cannot read file (No such file or directory)"
    assert rows(archive, pages) == kept
    missing = f"document {document_id}: original file {source_file} missing"
    assert archive_problems(archive) == [missing]


def test_a_file_that_is_no_archive_is_refused_in_one_line(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (text TEXT)")
    result = run_extract("reread", "--db", other)
    assert result.returncode == 2
    assert result.stderr.strip().endswith("not an archive (a database of other tables: notes)")


def test_a_published_copy_is_refused_in_one_line(archive: Path) -> None:
    published = archive.with_name("published.db")
    assert run_extract("publish", "--db", archive, published).returncode == 0
    result = run_extract("reread", "--db", published)
    assert result.returncode == 2
    assert result.stderr == (
        f"error: {published}: a published copy: write to the working archive, then publish\n"
    )
