"""The archive file itself: schema upgrades of older archives."""

from __future__ import annotations

import sqlite3

from conftest import SAMPLE_DUMP

from extract.archive import Archive
from extract.export import export_documents
from extract.pipeline import ingest_paths


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
