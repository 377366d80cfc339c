"""The archive file itself: schema and search-index upgrades of older archives."""

from __future__ import annotations

import sqlite3

from conftest import SAMPLE_DUMP

from extract.archive import Archive
from extract.export import export_csv, export_documents
from extract.integrity import archive_problems
from extract.pipeline import ingest_paths
from normalize.search import SEARCH_NORM_VERSION


def test_an_archive_from_an_older_version_gains_the_new_columns(tmp_path):
    db = tmp_path / "archive.db"
    ingest_paths([SAMPLE_DUMP], db)
    with sqlite3.connect(db) as conn:  # as an older version left it: no quality columns yet
        conn.execute("DROP VIEW IF EXISTS measures_flat")
        conn.execute("ALTER TABLE pages DROP COLUMN raw_quality")
        conn.execute("DROP INDEX measures_text_hash")
        conn.execute("ALTER TABLE measures DROP COLUMN text_hash")
    with Archive(db) as archive:
        pages = {row[1] for row in archive.conn.execute("PRAGMA table_info(pages)")}
        measures = {row[1] for row in archive.conn.execute("PRAGMA table_info(measures)")}
    assert {"raw_quality", "quality"} <= pages
    assert "text_hash" in measures
    (document,) = export_documents(db)["documents"]
    assert len(document["measures"]) == 7


def test_an_archive_from_an_older_version_exports_as_it_is(tmp_path):
    """Export only reads: an archive (or a published copy) an older version wrote lacks the
    columns added since, and exports them empty."""
    db = tmp_path / "archive.db"
    ingest_paths([SAMPLE_DUMP], db)
    with sqlite3.connect(db) as conn:  # as version 0.2 left it: no section column yet
        conn.execute("DROP VIEW IF EXISTS measures_flat")
        conn.execute("ALTER TABLE measures DROP COLUMN section")
    (document,) = export_documents(db)["documents"]
    assert len(document["measures"]) == 7
    assert not any("section" in measure for measure in document["measures"])
    rows = export_csv(db).splitlines()
    assert rows[0].split(",")[10:13] == ["seq", "section", "title"]
    with Archive(db) as archive:  # opened for writing, it gains the column
        measures = {row[1] for row in archive.conn.execute("PRAGMA table_info(measures)")}
    assert "section" in measures


def _search_index(db) -> dict[str, object]:
    """What the full-text search reads, comparable between two archives of the same documents."""
    with sqlite3.connect(db) as conn:
        return {
            "measures_fts": conn.execute("SELECT rowid, search_text FROM measures_fts").fetchall(),
            "pages_fts": conn.execute("SELECT rowid, search_text FROM pages_fts").fetchall(),
            "tables_fts": conn.execute("SELECT rowid, search_text FROM tables_fts").fetchall(),
            "digests": sorted(conn.execute("SELECT digest, measures FROM measure_texts")),
            "places": sorted(conn.execute("SELECT digest, measures FROM place_texts")),
            "คู่มือ": conn.execute(
                "SELECT count(*) FROM measures WHERE text_id IN (SELECT rowid FROM "
                "measure_texts_fts WHERE measure_texts_fts MATCH '\"คู่มือ\"')"
            ).fetchone(),
            "version": conn.execute(
                "SELECT value FROM archive_info WHERE key = 'search_norm_version'"
            ).fetchone(),
        }


def test_an_archive_indexed_by_an_older_search_normalisation_is_reindexed(tmp_path):
    db = tmp_path / "archive.db"
    ingest_paths([SAMPLE_DUMP], db)
    fresh = _search_index(db)
    assert fresh["คู่มือ"][0] > 0 and fresh["version"] == (str(SEARCH_NORM_VERSION),)
    with sqlite3.connect(db) as conn:  # as an older search_text left it: other index contents
        conn.execute("UPDATE archive_info SET value = '0' WHERE key = 'search_norm_version'")
        for table in ("measures_fts", "pages_fts", "tables_fts"):
            conn.execute(f"UPDATE {table} SET search_text = 'old'")
        for table in ("measure_texts", "place_texts"):
            conn.execute(f"INSERT INTO {table}_fts ({table}_fts) VALUES ('delete-all')")
    assert _search_index(db) != fresh
    Archive(db).close()
    assert _search_index(db) == fresh
    assert archive_problems(db) == []
