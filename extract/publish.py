"""``extract publish``: a read-only copy of the archive to serve, as compact and fast as it can be.

The working archive (WAL, written by ``extract ingest``) is never served at scale. Publishing takes a
consistent snapshot of it with ``VACUUM INTO`` (ingest may go on meanwhile), leaves out what serving
does not read (``measures_fts``, one index row per measure: the published copy searches distinct
texts), merges each full-text index into one segment (FTS5 ``optimize``), gathers planner statistics
(``ANALYZE``), rewrites the file with larger pages, and writes Datasette's inspect file beside it
(table counts, so an unfiltered table page never counts a million rows). ``extract serve`` serves
such a file immutably (``-i`` + ``--inspect-file``): no locking, and facet counts from memory.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from extract.archive import check_archive
from extract.ranked_search import store_rankings

PUBLISHED_PAGE_SIZE = 8192  # fewer, fuller pages for rows of a few KB and large FTS segments
FTS_TABLES = ("measure_texts_fts", "place_texts_fts", "pages_fts", "tables_fts")
NOT_PUBLISHED = ("measures_fts",)  # the working archive's per-measure index (integrity checks)


def inspect_file(published: Path) -> Path:
    """Where the inspect data of a published archive lives: beside it."""
    return published.with_name(published.stem + ".inspect.json")


def is_published(db_path: Path) -> bool:
    """Was this file made by ``publish_archive`` (its inspect file beside it)?"""
    if not inspect_file(db_path).is_file():
        return False
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT value FROM archive_info WHERE key = 'published_at'").fetchone()
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()
    return row is not None


def publish_archive(db_path: Path, out_path: Path) -> Path:
    """Write the published copy of ``db_path`` to ``out_path`` (which must not exist) and its
    inspect file; returns the inspect file's path."""
    db_path, out_path = Path(db_path), Path(out_path)
    check_archive(db_path)  # raises NotAnArchive
    if out_path.exists():
        raise FileExistsError(out_path)
    partial = out_path.with_name(f".{out_path.name}.partial")
    partial.unlink(missing_ok=True)
    source = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        source.execute("VACUUM INTO ?", [str(partial)])  # one consistent snapshot
    finally:
        source.close()
    conn = sqlite3.connect(partial, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("BEGIN")
        for table in NOT_PUBLISHED:
            conn.execute(f"DROP TABLE IF EXISTS {table}")
        for table in FTS_TABLES:
            conn.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")
        store_rankings(conn)  # after optimize: ranked on the index as it is served
        conn.execute(
            "INSERT OR REPLACE INTO archive_info VALUES ('published_at', ?)",
            [datetime.now(UTC).isoformat(timespec="seconds")],
        )
        conn.execute("COMMIT")
        conn.execute("ANALYZE")
        conn.execute(f"PRAGMA page_size = {PUBLISHED_PAGE_SIZE}")
        conn.execute("VACUUM")  # the new page size, and the space of what was left out
    finally:
        conn.close()
    partial.replace(out_path)
    return write_inspect_file(out_path)


def write_inspect_file(published: Path) -> Path:
    """``datasette inspect``: the table counts Datasette trusts for an immutable file."""
    target = inspect_file(published)
    data = subprocess.run(
        [sys.executable, "-m", "datasette", "inspect", str(published)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    json.loads(data)  # fail here, not in the server, if it is not the inspect data
    target.write_text(data, encoding="utf-8")
    return target
