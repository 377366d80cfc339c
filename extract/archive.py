"""The SQLite archive: schema in one place, one transaction per document, reads for export.

- ``documents`` (one per source file, keyed by the sha256 of its bytes), ``pages`` (raw and repaired
  text, quality), ``tables`` (every stitched table: header and rows as JSON), ``measures`` (one row per
  measure, document metadata copied in for facets), ``units`` + ``measures_units`` (many-to-many).
- Full-text search: FTS5 ``trigram`` indexes over a normalised copy of the text (``normalize.search``),
  so a Thai word is found inside running text and Thai and Arabic digits match each other.
- Measures are searched through their *distinct* texts: agencies copy the national guidance word
  for word, so one normalised measure text (all its cells) stands for thousands of measures. Each is
  indexed once (``measure_texts`` + contentless ``measure_texts_fts``), and so is each agency's
  place (agency, district, province: ``place_texts``); ``measures.text_id``/``place_id`` point at
  them. A search then touches each distinct text once, however many agencies copied it (the
  Datasette plugin builds the search clause). ``measures_fts`` (one row per measure) stays for the
  integrity checks of the working archive; ``extract publish`` leaves it out of published copies.
- The same bytes ingested again are recognised by their hash and change nothing; ``extract reread``
  writes a newer reader's reading of them over the old one (``Archive.replace``), under the same id.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from extract.model import Document, LogicalTable, Measure
from normalize.dates import parse_period
from normalize.fingerprint import text_fingerprint
from normalize.indicators import INDICATORS, classify_indicator
from normalize.search import SEARCH_NORM_VERSION, search_text
from normalize.units import canonical_unit

SCHEMA_VERSION = 1
EXTRACTOR_VERSION = "0.4.10"  # raised when a reader reads differently: `extract reread` follows it
MEASURE_ID_STRIDE = 10_000  # measures.id = document id * stride + seq: stable links per measure
PAGE_ID_STRIDE = 100_000
TABLE_ID_STRIDE = 10_000
SQLITE_HEADER = b"SQLite format 3\x00"  # the first bytes of every SQLite database file

SCHEMA = """
CREATE TABLE IF NOT EXISTS archive_info (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    source_name TEXT NOT NULL,
    source_file TEXT,
    format TEXT NOT NULL,
    title TEXT,
    agency TEXT,
    agency_type TEXT,
    agency_key TEXT,
    district TEXT,
    province TEXT,
    fiscal_year_be INTEGER,
    fiscal_year_ce INTEGER,
    page_count INTEGER,
    table_count INTEGER,
    measure_count INTEGER,
    min_quality REAL,
    needs_ocr INTEGER NOT NULL DEFAULT 0,
    ocr INTEGER NOT NULL DEFAULT 0,
    notes TEXT,
    extractor_version TEXT,
    ingested_at TEXT
);
CREATE TABLE IF NOT EXISTS pages (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    number INTEGER NOT NULL,
    text TEXT,
    raw_text TEXT,
    quality REAL,
    raw_quality REAL,
    needs_ocr INTEGER NOT NULL DEFAULT 0,
    ocr INTEGER NOT NULL DEFAULT 0,
    UNIQUE (document_id, number)
);
CREATE TABLE IF NOT EXISTS tables (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    idx INTEGER NOT NULL,
    pages TEXT,
    header TEXT,
    rows TEXT,
    row_count INTEGER,
    is_measures INTEGER NOT NULL DEFAULT 0,
    UNIQUE (document_id, idx)
);
CREATE TABLE IF NOT EXISTS measures (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    seq INTEGER NOT NULL,
    section TEXT,
    title TEXT,
    methods TEXT,
    responsible TEXT,
    period TEXT,
    results TEXT,
    outcomes TEXT,
    extra TEXT,
    pages TEXT,
    page_from INTEGER,
    page_to INTEGER,
    units TEXT,
    agency TEXT,
    agency_type TEXT,
    agency_key TEXT,
    district TEXT,
    province TEXT,
    fiscal_year_be INTEGER,
    indicator TEXT REFERENCES indicators(code),
    period_start TEXT,
    period_end TEXT,
    text_hash TEXT,
    text_id INTEGER REFERENCES measure_texts(id),
    place_id INTEGER REFERENCES place_texts(id),
    UNIQUE (document_id, seq)
);
-- each distinct normalised measure text once (digest = blake2b-128 of the text), with the
-- number of measures carrying it: a search chooses its plan from it before it runs
CREATE TABLE IF NOT EXISTS measure_texts (
    id INTEGER PRIMARY KEY,
    digest BLOB NOT NULL UNIQUE,
    measures INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS place_texts (
    id INTEGER PRIMARY KEY,
    digest BLOB NOT NULL UNIQUE,
    measures INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS indicators (
    code TEXT PRIMARY KEY,
    number INTEGER NOT NULL,
    name_th TEXT NOT NULL,
    name_en TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS units (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS measures_units (
    measures_id INTEGER NOT NULL REFERENCES measures(id),
    units_id INTEGER NOT NULL REFERENCES units(id),
    printed TEXT,
    PRIMARY KEY (measures_id, units_id)
);
CREATE INDEX IF NOT EXISTS measures_document ON measures(document_id);
CREATE INDEX IF NOT EXISTS measures_fiscal_year ON measures(fiscal_year_be);
CREATE INDEX IF NOT EXISTS measures_province ON measures(province);
CREATE INDEX IF NOT EXISTS measures_agency_key ON measures(agency_key);
CREATE INDEX IF NOT EXISTS measures_indicator ON measures(indicator);
CREATE INDEX IF NOT EXISTS measures_text_hash ON measures(text_hash);
CREATE INDEX IF NOT EXISTS measures_text_year ON measures(text_id, fiscal_year_be);
CREATE INDEX IF NOT EXISTS measures_place ON measures(place_id);
CREATE INDEX IF NOT EXISTS pages_document ON pages(document_id);
CREATE INDEX IF NOT EXISTS tables_document ON tables(document_id);
CREATE INDEX IF NOT EXISTS measures_units_unit ON measures_units(units_id);
CREATE VIRTUAL TABLE IF NOT EXISTS measures_fts USING fts5(search_text, tokenize='trigram');
-- contentless: the text is the measure's own cells, normalised (snippets come from the cells)
CREATE VIRTUAL TABLE IF NOT EXISTS measure_texts_fts USING fts5(
    search_text, tokenize='trigram', content='');
CREATE VIRTUAL TABLE IF NOT EXISTS place_texts_fts USING fts5(
    search_text, tokenize='trigram', content='');
CREATE VIRTUAL TABLE IF NOT EXISTS pages_fts USING fts5(search_text, tokenize='trigram');
CREATE VIRTUAL TABLE IF NOT EXISTS tables_fts USING fts5(search_text, tokenize='trigram');
-- one row per measure with its document and source link: one CSV/JSON download carries it all
-- (no ORDER BY: it would make every count and facet on the view sort the whole archive).
-- Views hold no data: recreated on every open, so an archive always has the current definition.
DROP VIEW IF EXISTS measures_flat;
CREATE VIEW measures_flat AS
SELECT
    m.id, m.fiscal_year_be, d.fiscal_year_ce, m.agency, m.agency_type, m.district, m.province,
    m.seq, m.section, m.title, m.methods, m.responsible, m.period, m.period_start, m.period_end,
    m.results, m.outcomes, m.extra, m.units, m.indicator, i.name_th AS indicator_name,
    m.page_from, m.page_to, m.text_hash, m.agency_key, m.document_id, m.text_id, m.place_id,
    d.title AS document_title, d.source_name, d.format, d.sha256,
    '/' || d.source_file
        || CASE WHEN d.format = 'pdf' AND m.page_from IS NOT NULL
                THEN '#page=' || m.page_from ELSE '' END AS source_url
FROM measures m
JOIN documents d ON d.id = m.document_id
LEFT JOIN indicators i ON i.code = m.indicator;
"""
# Filled by ``extract publish`` (``extract.ranked_search``): stored rankings of frequent queries.
RANKINGS_SCHEMA = """
CREATE TABLE IF NOT EXISTS measure_text_rankings (
    expression TEXT PRIMARY KEY,  -- ranked_fts_query(q)
    text_ids TEXT NOT NULL        -- JSON list: the best RANKED_TEXTS text ids, best first
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS measure_text_trigrams (
    trigram TEXT PRIMARY KEY      -- every trigram of measure_texts_fts (published archives)
) WITHOUT ROWID;
"""
SCHEMA += RANKINGS_SCHEMA


class NotAnArchive(Exception):
    """A file that cannot serve as the archive; ``reason`` says why, for one line of error."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path, self.reason = path, reason


def check_archive(path: str | Path, *, new_ok: bool = False) -> None:
    """Raise ``NotAnArchive`` unless ``path`` holds an archive of this project.

    An archive is the SQLite file whose ``archive_info`` table states its ``schema_version``.
    ``new_ok``: a place where ``Archive`` can make one (a new file in an existing folder, or an
    SQLite database without tables) is fine too; another program's database never is, so it is
    never altered.
    """
    path = Path(path)
    if not path.exists():
        if not new_ok:
            raise NotAnArchive(path, "no such archive (run `extract ingest` first)")
        if not path.absolute().parent.is_dir():
            raise NotAnArchive(path, f"no such folder {path.parent}")
        return
    if not path.is_file():  # a folder, or a FIFO SQLite would wait on
        raise NotAnArchive(path, "a folder, not a file" if path.is_dir() else "not a regular file")
    tables = _table_names(path)
    if not tables:
        if not new_ok:
            raise NotAnArchive(
                path, "not an archive (an empty database; run `extract ingest` first)"
            )
        return
    if "archive_info" not in tables or not _has_schema_version(path):
        shown = ", ".join(tables[:5]) + (", …" if len(tables) > 5 else "")
        raise NotAnArchive(path, f"not an archive (a database of other tables: {shown})")


def is_archive(path: Path) -> bool:
    """Whether ``path`` holds an archive of this project (working or published)."""
    try:
        check_archive(path)
    except NotAnArchive:
        return False
    return True


def read_only_connection(path: Path) -> sqlite3.Connection:
    """A connection that cannot change the file (nor create it); a URI, so "?" or "#" in the
    name stay part of it."""
    return sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, timeout=60)


def _table_names(path: Path) -> list[str]:
    try:
        with closing(read_only_connection(path)) as conn:
            rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    except sqlite3.Error as error:
        if getattr(error, "sqlite_errorname", "") == "SQLITE_NOTADB":
            raise NotAnArchive(path, "not an archive (not an SQLite database)") from error
        raise NotAnArchive(path, f"cannot open the archive ({error})") from error
    return sorted(name for (name,) in rows)


def _has_schema_version(path: Path) -> bool:
    query = "SELECT 1 FROM archive_info WHERE key = 'schema_version'"
    try:
        with closing(read_only_connection(path)) as conn:
            return conn.execute(query).fetchone() is not None
    except sqlite3.Error:  # another program's archive_info table
        return False


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


@dataclass
class StoreResult:
    document_id: int
    added: bool  # False: these bytes were already archived, nothing changed
    measures: int
    pages: int


class Archive:
    """An archive file. Opened in WAL mode with a busy timeout so readers and writers can overlap."""

    def __init__(self, path: str | Path, *, busy_timeout_ms: int = 60_000) -> None:
        self.path = Path(path)
        conn = sqlite3.connect(self.path, isolation_level=None, timeout=busy_timeout_ms / 1000)
        conn.execute(f"PRAGMA busy_timeout = {busy_timeout_ms}")
        conn.execute("PRAGMA foreign_keys = ON")
        _use_wal(conn, busy_timeout_ms / 1000)
        conn.execute("PRAGMA synchronous = NORMAL")
        self.db = sqlite_utils.Database(conn)
        self.conn = conn
        with self.transaction():
            statements = _statements(SCHEMA)
            tables = [st for st in statements if st.upper().startswith("CREATE TABLE")]
            for statement in tables:
                conn.execute(statement)
            _add_missing_columns(conn)  # before indexes and views that name new columns
            for statement in statements:
                if statement not in tables:
                    conn.execute(statement)
            conn.execute(
                "INSERT OR IGNORE INTO archive_info VALUES ('schema_version', ?), "
                "('search_norm_version', ?)",
                [str(SCHEMA_VERSION), str(SEARCH_NORM_VERSION)],
            )
            conn.executemany(  # the indicator names follow normalize/data/indicators.json
                "INSERT INTO indicators VALUES (?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET "
                "number = excluded.number, name_th = excluded.name_th, name_en = excluded.name_en",
                [(i.code, i.number, i.name_th, i.name_en) for i in INDICATORS],
            )
            self._rebuild_search_if_stale()
            self._index_measures_without_text_ids()

    @property
    def sources_dir(self) -> Path:
        """Original files, content-addressed, beside the archive: sources/<sha256>.<ext>."""
        return self.path.parent / "sources"

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE: take the write lock up front, so two ingests queue instead of deadlocking.

        Inside another transaction (a bulk load storing many documents in one) it is a savepoint:
        a document that fails still leaves nothing behind.
        """
        if self.conn.in_transaction:
            self.conn.execute("SAVEPOINT document")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK TO document")
                self.conn.execute("RELEASE document")
                raise
            else:
                self.conn.execute("RELEASE document")
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def document_id(self, sha256: str) -> int | None:
        row = self.conn.execute("SELECT id FROM documents WHERE sha256 = ?", [sha256]).fetchone()
        return row[0] if row else None

    def store(self, doc: Document, source_bytes: bytes | None = None) -> StoreResult:
        """Write one document in one transaction; the same bytes again change nothing."""
        if source_bytes is not None:
            self._save_source(doc, source_bytes)
        with self.transaction() as conn:
            existing = self.document_id(doc.sha256)
            if existing is not None:
                return StoreResult(existing, added=False, measures=0, pages=0)
            next_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM documents").fetchone()[0]
            return self._insert(int(next_id), doc)

    def replace(self, document_id: int, doc: Document) -> StoreResult:
        """Write a new reading of a stored document's bytes over the old one, in one transaction
        (``extract reread``): its row, pages, tables and measures replaced, its id (so every link
        to it and its measures) and the time it was ingested kept."""
        with self.transaction() as conn:
            found = conn.execute(
                "SELECT sha256, ingested_at FROM documents WHERE id = ?", [document_id]
            ).fetchone()
            if found is None or found[0] != doc.sha256:
                raise ValueError(f"document {document_id} does not hold these bytes")
            self._delete_contents(document_id)
            conn.execute("DELETE FROM documents WHERE id = ?", [document_id])
            for table in ("measure_text_rankings", "measure_text_trigrams"):
                conn.execute(f"DELETE FROM {table}")  # made by ``extract publish`` from old texts
            return self._insert(document_id, doc, ingested_at=found[1])

    def _insert(
        self, document_id: int, doc: Document, *, ingested_at: str | None = None
    ) -> StoreResult:
        """The document's row, pages, tables and measures, under ``document_id`` (inside the
        caller's transaction)."""
        self._insert_document(document_id, doc, ingested_at=ingested_at)
        self._insert_pages(document_id, doc)
        self._insert_tables(document_id, doc.tables)
        self._insert_measures(document_id, doc)
        return StoreResult(
            document_id, added=True, measures=len(doc.measures), pages=len(doc.pages)
        )

    def _delete_contents(self, document_id: int) -> None:
        """A document's pages, tables and measures, with their search rows; a distinct text no
        other measure carries any more goes with its index row."""
        conn = self.conn
        measures = conn.execute(
            f"SELECT text_id, place_id, {', '.join(SEARCHED_COLUMNS)} "
            "FROM measures WHERE document_id = ?",
            [document_id],
        ).fetchall()
        conn.execute(
            "DELETE FROM measures_units WHERE measures_id IN "
            "(SELECT id FROM measures WHERE document_id = ?)",
            [document_id],
        )
        for table in ("measures", "pages", "tables"):  # each with its index, rowid = id
            rows_of_document = f"SELECT id FROM {table} WHERE document_id = ?"
            conn.execute(
                f"DELETE FROM {table}_fts WHERE rowid IN ({rows_of_document})", [document_id]
            )
            conn.execute(f"DELETE FROM {table} WHERE document_id = ?", [document_id])
        for row in measures:  # after the measures pointing at them
            content, place = stored_search_texts(row[2:])
            self._forget_search_text("measure_texts", row[0], content)
            self._forget_search_text("place_texts", row[1], place)

    def _forget_search_text(self, table: str, text_id: int, text: str) -> None:
        """One measure fewer carries this distinct text (``_search_text_id`` in reverse)."""
        (left,) = self.conn.execute(
            f"UPDATE {table} SET measures = measures - 1 WHERE id = ? RETURNING measures",
            [text_id],
        ).fetchone()
        if left == 0:  # a contentless index forgets a row given the text it indexed
            self.conn.execute(
                f"INSERT INTO {table}_fts ({table}_fts, rowid, search_text) "
                "VALUES ('delete', ?, ?)",
                [text_id, text],
            )
            self.conn.execute(f"DELETE FROM {table} WHERE id = ?", [text_id])

    def _save_source(self, doc: Document, data: bytes) -> None:
        target = self.sources_dir / source_file_name(doc)
        if target.exists():
            return
        self.sources_dir.mkdir(parents=True, exist_ok=True)
        # a name of this process's own: two ingests saving the same file never share a partial
        partial = target.with_name(f".{target.name}.{os.getpid()}.part")
        partial.write_bytes(data)
        partial.replace(target)  # atomic: a reader never sees half a file

    def _insert_document(
        self, document_id: int, doc: Document, *, ingested_at: str | None = None
    ) -> None:
        meta = doc.meta
        qualities = [p.quality for p in doc.pages if p.quality is not None]
        self.db["documents"].insert(
            {
                "id": document_id,
                "sha256": doc.sha256,
                "source_name": doc.source_name,
                "source_file": f"sources/{source_file_name(doc)}",
                "format": doc.format,
                "title": meta.title,
                "agency": meta.agency,
                "agency_type": meta.agency_type,
                "agency_key": doc.agency_key,
                "district": meta.district,
                "province": meta.province,
                "fiscal_year_be": meta.fiscal_year_be,
                "fiscal_year_ce": meta.fiscal_year_ce,
                "page_count": doc.page_count,
                "table_count": len(doc.tables),
                "measure_count": len(doc.measures),
                "min_quality": min(qualities) if qualities else None,
                "needs_ocr": int(doc.needs_ocr),
                "ocr": int(any(p.ocr for p in doc.pages)),
                "notes": "\n".join(doc.notes) or None,
                "extractor_version": EXTRACTOR_VERSION,
                "ingested_at": ingested_at or datetime.now(UTC).isoformat(timespec="seconds"),
            }
        )

    def _insert_pages(self, document_id: int, doc: Document) -> None:
        rows = [
            {
                "id": document_id * PAGE_ID_STRIDE + page.number,
                "document_id": document_id,
                "number": page.number,
                "text": page.text,
                "raw_text": page.raw_text,
                "quality": page.quality,
                "raw_quality": page.raw_quality,
                "needs_ocr": int(page.needs_ocr),
                "ocr": int(page.ocr),
            }
            for page in doc.pages
        ]
        self.db["pages"].insert_all(rows)
        self.conn.executemany(
            "INSERT INTO pages_fts (rowid, search_text) VALUES (?, ?)",
            [(row["id"], search_text(row["text"])) for row in rows],
        )

    def _insert_tables(self, document_id: int, tables: list[LogicalTable]) -> None:
        rows = []
        for table in tables:
            body = [[cell.text for cell in row] for row in table.rows]
            rows.append(
                {
                    "id": document_id * TABLE_ID_STRIDE + table.index,
                    "document_id": document_id,
                    "idx": table.index,
                    "pages": _json(table.pages),
                    "header": _json(table.header),
                    "rows": _json(body),
                    "row_count": len(body),
                    "is_measures": int(table.is_measures),
                }
            )
        self.db["tables"].insert_all(rows)
        self.conn.executemany(
            "INSERT INTO tables_fts (rowid, search_text) VALUES (?, ?)",
            [(row["id"], _table_search_text(row["header"], row["rows"])) for row in rows],
        )

    def _insert_measures(self, document_id: int, doc: Document) -> None:
        meta = doc.meta
        if not doc.measures:
            return  # no measure to point at the agency's place
        place = search_text(place_search_text(doc))
        place_id = self._search_text_id("place_texts", place, len(doc.measures))
        rows, search_rows, links = [], [], []
        for measure in doc.measures:
            measure_id = document_id * MEASURE_ID_STRIDE + measure.seq
            units = _unique(canonical_unit(name) for name in measure.responsible)
            indicator = classify_indicator(measure.title, measure.methods, measure.section)
            period_start, period_end = (
                parse_period(measure.period, meta.fiscal_year_be)
                if measure.period
                else (None, None)
            )
            content = search_text(measure_content_text(measure))
            rows.append(
                (
                    measure_id, document_id, measure.seq, measure.section, measure.title,
                    _json(measure.methods),
                    _json(measure.responsible), measure.period, _json(measure.results),
                    _json(measure.outcomes), _json(measure.extra), _json(measure.pages),
                    min(measure.pages) if measure.pages else None,
                    max(measure.pages) if measure.pages else None,
                    _json(units), meta.agency, meta.agency_type, doc.agency_key, meta.district,
                    meta.province, meta.fiscal_year_be, indicator.code if indicator else None,
                    period_start.isoformat() if period_start else None,
                    period_end.isoformat() if period_end else None,
                    measure_text_hash(measure, doc),
                    self._search_text_id("measure_texts", content), place_id,
                )
            )  # fmt: skip
            search_rows.append((measure_id, joined_search_text(content, place)))
            links += [
                (measure_id, printed, canonical_unit(printed)) for printed in measure.responsible
            ]
        self.conn.executemany(
            f"INSERT INTO measures ({', '.join(MEASURE_COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(MEASURE_COLUMNS))})",
            rows,
        )
        self.conn.executemany(
            "INSERT INTO measures_fts (rowid, search_text) VALUES (?, ?)", search_rows
        )
        self.conn.executemany(
            "INSERT OR IGNORE INTO units (name) VALUES (?)", [(name,) for _, _, name in links]
        )
        self.conn.executemany(
            "INSERT OR IGNORE INTO measures_units (measures_id, units_id, printed) "
            "SELECT ?, id, ? FROM units WHERE name = ?",
            links,
        )

    def _search_text_id(self, table: str, text: str, measures: int = 1) -> int:
        """The id of this normalised text in ``table`` (``measure_texts``/``place_texts``), counting
        ``measures`` more measures; a text seen for the first time is added to its FTS index."""
        text_id, counted = self.conn.execute(
            f"INSERT INTO {table} (digest, measures) VALUES (?, ?) ON CONFLICT (digest) "
            "DO UPDATE SET measures = measures + excluded.measures RETURNING id, measures",
            [text_digest(text), measures],
        ).fetchone()
        if counted == measures:
            self.conn.execute(
                f"INSERT INTO {table}_fts (rowid, search_text) VALUES (?, ?)", [text_id, text]
            )
        return text_id

    def _rebuild_search_if_stale(self) -> None:
        """An archive indexed by another ``search_text`` (its stored search_norm_version differs)
        gets every full-text index rebuilt from the stored text, so old rows match new queries."""
        stored = self.conn.execute(
            "SELECT value FROM archive_info WHERE key = 'search_norm_version'"
        ).fetchone()
        if stored[0] == str(SEARCH_NORM_VERSION):
            return
        conn = self.conn
        for table in ("pages_fts", "tables_fts", "measures_fts"):
            conn.execute(f"DELETE FROM {table}")
        conn.executemany(
            "INSERT INTO pages_fts (rowid, search_text) VALUES (?, ?)",
            [(id_, search_text(text)) for id_, text in conn.execute("SELECT id, text FROM pages")],
        )
        conn.executemany(
            "INSERT INTO tables_fts (rowid, search_text) VALUES (?, ?)",
            [
                (id_, _table_search_text(header, rows))
                for id_, header, rows in conn.execute("SELECT id, header, rows FROM tables")
            ],
        )
        # distinct texts are re-made from the measures (their ids and counts change with them)
        conn.execute("UPDATE measures SET text_id = NULL, place_id = NULL")
        for table in ("measure_texts", "place_texts"):
            conn.execute(f"DELETE FROM {table}")
            conn.execute(f"INSERT INTO {table}_fts ({table}_fts) VALUES ('delete-all')")
        for table in ("measure_text_rankings", "measure_text_trigrams"):
            conn.execute(f"DELETE FROM {table}")  # made by ``extract publish`` from the old texts
        self._index_measures_without_text_ids(measures_fts=True)
        conn.execute(
            "UPDATE archive_info SET value = ? WHERE key = 'search_norm_version'",
            [str(SEARCH_NORM_VERSION)],
        )

    def _index_measures_without_text_ids(self, *, measures_fts: bool = False) -> None:
        """Measures without text ids get them: an archive made before measures were searched by
        distinct text, or one whose search index is rebuilt (``measures_fts``: their rows of
        ``measures_fts`` too)."""
        for row in self.conn.execute(
            f"SELECT id, {', '.join(SEARCHED_COLUMNS)} FROM measures WHERE text_id IS NULL"
        ).fetchall():
            content, place = stored_search_texts(row[1:])
            self.conn.execute(
                "UPDATE measures SET text_id = ?, place_id = ? WHERE id = ?",
                [
                    self._search_text_id("measure_texts", content),
                    self._search_text_id("place_texts", place),
                    row[0],
                ],
            )
            if measures_fts:
                self.conn.execute(
                    "INSERT INTO measures_fts (rowid, search_text) VALUES (?, ?)",
                    [row[0], joined_search_text(content, place)],
                )


MEASURE_COLUMNS = (
    "id", "document_id", "seq", "section", "title", "methods", "responsible", "period", "results",
    "outcomes", "extra", "pages", "page_from", "page_to", "units", "agency", "agency_type",
    "agency_key", "district", "province", "fiscal_year_be", "indicator", "period_start",
    "period_end", "text_hash", "text_id", "place_id",
)  # fmt: skip
_THAI_FIRST, _THAI_LAST = "\u0e01", "\u0e5b"


# the stored columns a measure's own text is made of (``stored_content_text``)
CONTENT_COLUMNS = ("title", "methods", "responsible", "period", "results", "outcomes", "extra")


def stored_content_text(row: Sequence[str | None]) -> str:
    """``measure_content_text`` of a stored measure: ``row`` holds its ``CONTENT_COLUMNS``."""
    title, methods, responsible, period, results, outcomes, extra = row
    measure = Measure(
        seq=0, title=title or "", methods=json.loads(methods or "[]"),
        responsible=json.loads(responsible or "[]"), period=period or "",
        results=json.loads(results or "[]"), outcomes=json.loads(outcomes or "[]"),
        extra=json.loads(extra or "{}"), pages=[],
    )  # fmt: skip
    return measure_content_text(measure)


# the stored columns a measure is searched by: its own text's, then its agency's place
SEARCHED_COLUMNS = (*CONTENT_COLUMNS, "agency", "district", "province")


def stored_search_texts(row: Sequence[str | None]) -> tuple[str, str]:
    """The normalised texts a stored measure is searched by, its own and its place's, as they
    were indexed: ``row`` holds its ``SEARCHED_COLUMNS``."""
    content_columns = len(CONTENT_COLUMNS)
    place = _place_text(row[content_columns:])
    return search_text(stored_content_text(row[:content_columns])), search_text(place)


def measure_content_text(measure: Measure) -> str:
    """A measure's own cells, the part of its searchable text that agencies copy word for word."""
    parts = [
        measure.title,
        *measure.methods,
        *measure.responsible,
        measure.period,
        *measure.results,
        *measure.outcomes,
        *measure.extra.values(),
    ]
    return "\n".join(part for part in parts if part)


def place_search_text(doc: Document) -> str:
    """The agency's names, searchable with each of its measures."""
    meta = doc.meta
    return _place_text((meta.agency, meta.district, meta.province))


def _place_text(names: Sequence[str | None]) -> str:
    return "\n".join(name for name in names if name)


def joined_search_text(content: str, place: str) -> str:
    """``search_text`` of a measure's cells and its place joined by a newline, from the two
    normalised halves: the newline goes as ``search_text`` drops it (between two Thai characters)
    or as one space, so the result equals ``search_text(measure_search_text(…))``."""
    if not content or not place:
        return content or place
    thai_gap = _THAI_FIRST <= content[-1] <= _THAI_LAST and _THAI_FIRST <= place[0] <= _THAI_LAST
    return content + ("" if thai_gap else " ") + place


def text_digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


def measure_search_text(measure: Measure, doc: Document) -> str:
    """Everything a measure is searched by: its cells and its agency, district and province."""
    return "\n".join(p for p in (measure_content_text(measure), place_search_text(doc)) if p)


def measure_text_hash(measure: Measure, doc: Document) -> str | None:
    """Fingerprint of a measure's wording (title and steps) without its agency's own names, so the
    same measure copied between agencies hashes alike."""
    own_names = [doc.meta.agency, doc.meta.district or "", doc.meta.province or ""]
    if doc.agency_key:
        own_names += doc.agency_key.split("|")  # type|place|district|province
    return text_fingerprint([measure.title, *measure.methods], ignore=own_names)


def source_file_name(doc: Document) -> str:
    extension = {"text": "txt"}.get(doc.format, doc.format)
    return f"{doc.sha256}.{extension}"


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _table_search_text(header_json: str, rows_json: str) -> str:
    """The normalised text a stored table is searched by: its header and every cell."""
    return search_text("\n".join(json.loads(header_json) + _flat(rows_json)))


def _flat(rows_json: str) -> list[str]:
    return [cell for row in json.loads(rows_json) for cell in row]


def _unique(values: Iterator[str] | list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _use_wal(conn: sqlite3.Connection, timeout_s: float) -> None:
    """Switch the file to WAL, retrying while another process holds it.

    Changing the journal mode needs an exclusive lock, and SQLite answers "database is locked"
    at once instead of waiting on the busy timeout when two processes open a new archive together.
    """
    deadline = time.monotonic() + timeout_s
    while conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        try:
            conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _add_missing_columns(conn: sqlite3.Connection) -> None:
    """Bring an archive made by an older version up to the schema: columns added since are added
    (empty for the documents already there; re-ingesting those bytes is a no-op by design)."""
    reference = sqlite3.connect(":memory:")
    for statement in _statements(SCHEMA):
        if statement.upper().startswith("CREATE TABLE"):
            reference.execute(statement)
    tables = reference.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    for (table,) in tables:
        have = {row[1] for row in conn.execute(f"PRAGMA table_info([{table}])")}
        for _, name, kind, notnull, default, _ in reference.execute(
            f"PRAGMA table_info([{table}])"
        ):
            if name not in have:
                clause = f" NOT NULL DEFAULT {default}" if notnull and default is not None else ""
                conn.execute(f"ALTER TABLE [{table}] ADD COLUMN [{name}] {kind}{clause}")
    reference.close()


def _statements(script: str) -> list[str]:
    return [statement.strip() for statement in script.split(";") if statement.strip()]
