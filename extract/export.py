"""Exports read only the archive, so a download holds exactly what Datasette shows.

JSON follows ``shared/spec/export.schema.json`` (documents → measures, pages, tables); CSV is one row
per measure with list fields one item per line (``csv_list``), UTF-8 with a BOM so Excel opens
Thai correctly.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from extract.archive import check_archive, read_only_connection
from normalize.agencies import agency_matches

CSV_COLUMNS = [
    "source_name", "sha256", "format", "title_document", "agency", "agency_type", "district",
    "province", "fiscal_year_be", "fiscal_year_ce", "seq", "section", "title", "methods",
    "responsible", "period", "results", "outcomes", "pages", "extra", "period_start", "period_end",
    "units", "indicator",
]  # fmt: skip
_LIST_FIELDS = ("methods", "responsible", "results", "outcomes", "units")
# how every export starts: ingest leaves these files out of the folders it walks
_EXPORT_STARTS = (
    b'{\n  "documents": [',
    ("\ufeff" + ",".join(CSV_COLUMNS[: CSV_COLUMNS.index("seq") + 1])).encode("utf-8"),
)
EXPORT_HEAD_BYTES = max(map(len, _EXPORT_STARTS))


def is_export(head: bytes) -> bool:
    """Whether a file starting with ``head`` (its first ``EXPORT_HEAD_BYTES``) is an export."""
    return head.startswith(_EXPORT_STARTS)


def _connect(db_path: str | Path) -> sqlite3.Connection:
    """The archive, read-only; ``NotAnArchive`` for a file that is not one (or no file)."""
    check_archive(db_path)
    conn = read_only_connection(Path(db_path))
    conn.row_factory = sqlite3.Row
    return conn


def _documents(
    conn: sqlite3.Connection, year: int | None, agency: str | None
) -> Iterator[sqlite3.Row]:
    clauses, params = [], []
    if year is not None:
        clauses.append("fiscal_year_be = ?")
        params.append(year)
    if agency:
        # the agency_history canned query's match: short forms (อบต.), spaces, text taken literally
        conn.create_function("agency_matches", 3, agency_matches, deterministic=True)
        clauses.append("agency_matches(agency_key, agency, ?)")
        params.append(agency)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    yield from conn.execute(f"SELECT * FROM documents {where} ORDER BY id", params)


def export_documents(
    db_path: str | Path, *, year: int | None = None, agency: str | None = None
) -> dict[str, Any]:
    """The archive (or the documents of one fiscal year / agency) in the export schema."""
    with _connect(db_path) as conn:
        return {"documents": [_document(conn, doc) for doc in _documents(conn, year, agency)]}


def _document(conn: sqlite3.Connection, doc: sqlite3.Row) -> dict[str, Any]:
    measures = [
        _measure(row)
        for row in conn.execute(
            "SELECT * FROM measures WHERE document_id = ? ORDER BY seq", [doc["id"]]
        )
    ]
    pages = [
        {
            "number": row["number"],
            "text": row["text"],
            "quality": row["quality"],
            "ocr": bool(row["ocr"]),
        }
        for row in conn.execute(
            "SELECT number, text, quality, ocr FROM pages WHERE document_id = ? ORDER BY number",
            [doc["id"]],
        )
    ]
    tables = [
        {
            "index": row["idx"],
            "pages": json.loads(row["pages"]),
            "header": json.loads(row["header"]),
            "rows": json.loads(row["rows"]),
        }
        for row in conn.execute(
            "SELECT idx, pages, header, rows FROM tables WHERE document_id = ? ORDER BY idx",
            [doc["id"]],
        )
    ]
    return {
        "source_name": doc["source_name"],
        "sha256": doc["sha256"],
        "format": doc["format"],
        "ocr": bool(doc["ocr"]),
        "title": doc["title"] or "",
        "agency": doc["agency"] or "",
        "agency_type": doc["agency_type"],
        "district": doc["district"],
        "province": doc["province"],
        "fiscal_year_be": doc["fiscal_year_be"],
        "fiscal_year_ce": doc["fiscal_year_ce"],
        "page_count": doc["page_count"],
        "needs_ocr": bool(doc["needs_ocr"]),
        "measures": measures,
        "pages": pages,
        "tables": tables,
    }


def _measure(row: sqlite3.Row) -> dict[str, Any]:
    later = _later_columns(row)
    measure: dict[str, Any] = {
        "seq": row["seq"],
        "title": row["title"],
        "methods": json.loads(row["methods"]),
        "responsible": json.loads(row["responsible"]),
        "period": row["period"],
        "results": json.loads(row["results"]),
        "outcomes": json.loads(row["outcomes"]),
        "pages": json.loads(row["pages"]),
        # read from the text above: the period's days, the units' canonical names, ITA indicator
        "period_start": later["period_start"],
        "period_end": later["period_end"],
        "units": json.loads(later["units"] or "[]"),
        "indicator": later["indicator"],
    }
    extra = json.loads(row["extra"] or "{}")
    if extra:
        measure["extra"] = extra
    if later["section"]:  # a heading printed over the measure in its table
        measure["section"] = later["section"]
    return measure


# measure columns added after the first archives: an archive an older version wrote (exported
# as it is, or a published copy of it) reads them as empty
_LATER_COLUMNS = ("period_start", "period_end", "units", "indicator", "section")


def _later_columns(row: sqlite3.Row) -> dict[str, Any]:
    present = set(row.keys())
    return {name: row[name] if name in present else None for name in _LATER_COLUMNS}


def export_json(db_path: str | Path, **filters: Any) -> str:
    return json.dumps(export_documents(db_path, **filters), ensure_ascii=False, indent=2) + "\n"


def csv_list(items: list[str]) -> str:
    """A list as one CSV cell: one item per line, the further lines of an item (its sub-items:
    "ได้แก่" + "- …") indented by two spaces, so a line that starts unindented starts an item."""
    return "\n".join(item.replace("\n", "\n  ") for item in items)


def export_csv(db_path: str | Path, **filters: Any) -> str:
    """One row per measure; lists one item per line (``csv_list``); starts with a BOM for
    Excel."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for doc in export_documents(db_path, **filters)["documents"]:
        for measure in doc["measures"]:
            row = {key: doc[key] for key in CSV_COLUMNS if key in doc and key != "title"}
            row["title_document"] = doc["title"]
            row.update(
                {
                    key: measure[key]
                    for key in ("seq", "title", "period", "period_start", "period_end", "indicator")
                }
            )
            row["section"] = measure.get("section", "")
            row.update({key: csv_list(measure[key]) for key in _LIST_FIELDS})
            row["pages"] = ",".join(map(str, measure["pages"]))
            extra = measure.get("extra", {})
            row["extra"] = "\n".join(f"{key}: {value}" for key, value in extra.items())
            writer.writerow(row)
    return buffer.getvalue()
