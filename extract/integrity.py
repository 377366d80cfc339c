"""What a sound archive holds, checked: run after a crash, a kill or a suspect copy.

Each document is stored in one transaction, so after any interruption every document is whole or
absent. "Whole" means:

- SQLite's own ``integrity_check`` and each FTS index's ``integrity-check`` pass;
- a document has as many page, table and measure rows as its row says it has (``page_count``
  where the reader knows it, ``table_count``, ``measure_count``), and at least one page;
- every page, table and measure row has its search row (same rowid) and no search row is left
  without one; no row points to a document, measure or unit that does not exist;
- every measure points at a distinct text and a place that exist (``text_id``, ``place_id``), each
  distinct text and place counts exactly the measures pointing at it (``measures``; a search picks
  its plan from these counts), and each has its row in its contentless index and no index row is
  left without one;
- the original file the document row names exists beside the archive.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

# distinct searchable texts (each indexed once) → the measures column pointing at them
_DISTINCT_TEXTS = {"measure_texts": "text_id", "place_texts": "place_id"}
# child table → (its search index, the documents column counting its rows)
_INDEXED = {
    "pages": ("pages_fts", "page_count"),
    "tables": ("tables_fts", "table_count"),
    "measures": ("measures_fts", "measure_count"),
}


def archive_problems(db_path: str | Path) -> list[str]:
    """Every broken invariant of the archive, one plain sentence each; [] when it is sound.

    Holds the write lock while it checks (an FTS5 ``integrity-check`` is issued as an INSERT), so
    a concurrent ingest waits a moment; nothing is changed.
    """
    db_path = Path(db_path)
    if not db_path.is_file():
        raise FileNotFoundError(db_path)
    conn = sqlite3.connect(db_path, isolation_level=None, timeout=60)
    try:
        conn.execute("BEGIN IMMEDIATE")  # one consistent snapshot of every table
        try:
            if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'documents'").fetchone():
                return []  # never written to (or its first open was cut short): empty and sound
            return _problems(conn, db_path.parent)
        finally:
            conn.execute("ROLLBACK")
    finally:
        conn.close()


def _problems(conn: sqlite3.Connection, archive_dir: Path) -> list[str]:
    problems = [
        f"integrity_check: {row[0]}"
        for row in conn.execute("PRAGMA integrity_check")
        if row[0] != "ok"
    ]
    for table, (fts, count_column) in _INDEXED.items():
        try:
            conn.execute(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')")
        except sqlite3.DatabaseError as error:
            problems.append(f"{fts} integrity-check: {error}")
        problems += [
            f"document {doc_id}: {found} {table} rows, its row says {expected}"
            for doc_id, expected, found in conn.execute(
                f"SELECT id, {count_column}, found FROM (SELECT d.id, d.{count_column}, "
                f"(SELECT count(*) FROM {table} c WHERE c.document_id = d.id) AS found "
                f"FROM documents d) WHERE {count_column} != found"
            )
        ]
        problems += _unmatched(conn, table, fts)
        problems += [
            f"{table} {row_id}: no document {doc_id}"
            for row_id, doc_id in conn.execute(
                f"SELECT id, document_id FROM {table} "
                "WHERE document_id NOT IN (SELECT id FROM documents)"
            )
        ]
    for table, column in _DISTINCT_TEXTS.items():
        problems += _distinct_text_problems(conn, table, column)
    problems += [
        f"document {doc_id}: no pages"
        for (doc_id,) in conn.execute(
            "SELECT id FROM documents WHERE id NOT IN (SELECT document_id FROM pages)"
        )
    ]
    problems += [
        f"measures_units ({measure_id}, {unit_id}): no such measure or unit"
        for measure_id, unit_id in conn.execute(
            "SELECT measures_id, units_id FROM measures_units "
            "WHERE measures_id NOT IN (SELECT id FROM measures) "
            "OR units_id NOT IN (SELECT id FROM units)"
        )
    ]
    problems += [
        f"document {doc_id}: original file {source_file} missing"
        for doc_id, source_file in conn.execute("SELECT id, source_file FROM documents")
        if source_file and not (archive_dir / source_file).is_file()
    ]
    return problems


def _distinct_text_problems(conn: sqlite3.Connection, table: str, column: str) -> list[str]:
    """Measures ↔ one table of distinct texts (``measure_texts``/``place_texts``) and its index."""
    fts = f"{table}_fts"
    try:
        conn.execute(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')")
    except sqlite3.DatabaseError as error:
        return [f"{fts} integrity-check: {error}"]  # its rowids below could not be trusted
    problems = [
        f"measures {measure_id}: {column} {text_id} has no {table} row"
        for measure_id, text_id in conn.execute(
            f"SELECT m.id, m.{column} FROM measures m LEFT JOIN {table} t ON t.id = m.{column} "
            "WHERE t.id IS NULL"
        )
    ]
    problems += [
        f"{table} {text_id}: counts {counted} measures, {found} point at it"
        for text_id, counted, found in conn.execute(
            f"SELECT t.id, t.measures, count(m.id) FROM {table} t LEFT JOIN measures m "
            f"ON m.{column} = t.id GROUP BY t.id HAVING t.measures != count(m.id)"
        )
    ]
    return problems + _unmatched(conn, table, fts)


def _unmatched(conn: sqlite3.Connection, table: str, fts: str) -> list[str]:
    without_search = conn.execute(
        f"SELECT id FROM {table} WHERE id NOT IN (SELECT rowid FROM {fts})"
    ).fetchall()
    without_row = conn.execute(
        f"SELECT rowid FROM {fts} WHERE rowid NOT IN (SELECT id FROM {table})"
    ).fetchall()
    return [f"{table} {row_id}: no {fts} row" for (row_id,) in without_search] + [
        f"{fts} {row_id}: no {table} row" for (row_id,) in without_row
    ]
