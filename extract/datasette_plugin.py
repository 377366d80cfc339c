"""Datasette plugin: Thai search as people type it, readable cells, and links to the source files.

- Search: the archive's FTS5 ``trigram`` indexes hold ``normalize.search.search_text`` of the text.
  This plugin replaces Datasette's ``escape_fts`` SQL function with ``thai_fts_query`` (the query
  language is in ``normalize.search_query``), so the ordinary search box finds ``๒๕๖๘`` as ``2568``
  and a Thai word inside running text. Measures are searched through their distinct texts
  (``extract.measure_search``: the search clause, and facet counts from memory on published
  archives), which keeps a search of a million measures fast. It also registers SQL functions for
  canned queries:
  ``thai_fts_query(q)``, ``ranked_fts_query(q)`` (``extract.ranked_search``), ``thai_snippet(q, text, …)``, ``search_text(text)``, ``text_letters(text)``,
  ``agency_matches(agency_key, agency, name)``, ``year_be(year)``.
- Cells: JSON list columns (steps, results, units…) render as escaped lists, snippets with
  ``<mark>``, and page numbers and source files as links to the original file served under
  ``/sources/`` (``#page=N`` for PDFs). Everything is escaped first; JSON and CSV keep raw values.
"""

from __future__ import annotations

import codecs
import functools
import json
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlencode

from datasette import hookimpl
from markupsafe import Markup, escape

from extract.measure_search import (
    MeasureArrayFacet,
    MeasureColumnFacet,
    measure_search_filters,
    serve_measures_from_memory,
)
from extract.ranked_search import ranked_fts_query, stored_trigrams
from extract.sniff import html_encoding
from extract.sorted_paging import install as install_sorted_paging
from normalize.agencies import agency_matches
from normalize.dates import parse_year_query
from normalize.fingerprint import fingerprint_letters
from normalize.numerals import THAI_DIGITS, thai_to_arabic_digits
from normalize.search import search_text
from normalize.search_query import MARK_END, MARK_START, match_snippet, thai_fts_query

SOURCES_PATH = "/sources/"  # where ``extract serve`` mounts the content-addressed source files
# Source files are third-party content served from the archive's origin: none may be sniffed into
# another type, and a markup file (an HTML report) is sandboxed, so it cannot run scripts or load
# anything there. Other types are not sandboxed, so browsers' PDF viewers keep working.
NO_SNIFF = (b"x-content-type-options", b"nosniff")
SANDBOX = (
    b"content-security-policy",
    b"sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'",
)
MARKUP_TYPES = (
    b"text/html",
    b"application/xhtml+xml",
    b"image/svg+xml",
    b"text/xml",
    b"application/xml",
)
UTF8_BOM = b"\xef\xbb\xbf"
# Small page touches: lists inside cells, <mark>, and the long column glossary folded away.
PAGE_SCRIPT = """
(function () {
  var style = document.createElement('style');
  style.textContent = 'td ol.cell-list, td ul.cell-list {margin: 0; padding-left: 1.3em}' +
    ' td .cell-list li {margin: 0 0 .2em}' +
    ' mark {background: #ffe066; padding: 0 .1em}' +
    ' table.cell-table {border-collapse: collapse} table.cell-table td {border: 1px solid #ccc;' +
    ' vertical-align: top; font-size: .85em}' +
    // Datasette breaks facet values anywhere, which splits Thai marks from their letters
    ' ul.tight-bullets li {word-break: normal; overflow-wrap: anywhere}';
  document.head.appendChild(style);
  var glossary = document.querySelector('dl.column-descriptions');
  if (glossary) {
    var details = document.createElement('details');
    var summary = document.createElement('summary');
    summary.textContent = 'คำอธิบายคอลัมน์ · Column descriptions';
    glossary.parentNode.insertBefore(details, glossary);
    details.appendChild(summary);
    details.appendChild(glossary);
  }
})();
"""
# columns holding a JSON list of strings, and the HTML list each renders as
JSON_LIST_COLUMNS = {
    "methods": "ol",
    "results": "ul",
    "outcomes": "ul",
    "responsible": "ul",
    "units": "ul",
    "header": "ol",
}
# tables of this archive whose JSON list columns are rendered; None = a canned or ad-hoc query
ARCHIVE_TABLES = {"measures", "measures_flat", "tables", None}
PAGE_LINK_COLUMNS = {("measures", "page_from"), ("measures", "page_to"), ("pages", "number")}


def thai_snippet(query: str | None, *texts: object) -> str:
    """SQL ``thai_snippet(:q, title, methods, …)``: the first match of the query in the texts as
    printed, marked with ⦃…⦄ (rendered as <mark>). JSON list columns may be passed as they are."""
    return match_snippet(query, texts)


def year_be(text: str | None) -> int | None:
    """SQL ``year_be(:year)``: a year parameter as people type it (2568, ๒๕๖๘, 68, 2025 CE) → its
    Buddhist-era year, as ``extract export --year`` reads it; None for no year."""
    return parse_year_query(text) if text else None


def text_letters(text: str | None) -> str:
    """SQL ``text_letters(title)``: letters only, normalised; compares wording across years."""
    return fingerprint_letters(text or "")


@hookimpl(trylast=True)  # after Datasette registers its own escape_fts, so ours wins
def prepare_connection(conn: sqlite3.Connection) -> None:
    conn.create_function("escape_fts", 1, thai_fts_query, deterministic=True)
    conn.create_function("thai_fts_query", 1, thai_fts_query, deterministic=True)
    # a published archive's trigrams, read once per connection (ranked search's 2-letter terms)
    ranked = functools.partial(ranked_fts_query, trigrams=stored_trigrams(conn))
    conn.create_function("ranked_fts_query", 1, ranked, deterministic=True)
    conn.create_function("thai_snippet", -1, thai_snippet, deterministic=True)
    conn.create_function("search_text", 1, search_text, deterministic=True)
    conn.create_function("text_letters", 1, text_letters, deterministic=True)
    conn.create_function("agency_matches", 3, agency_matches, deterministic=True)
    conn.create_function("year_be", 1, year_be, deterministic=True)


@hookimpl(trylast=True)  # after Datasette's own search filter: our search box settings win
def filters_from_request(request, database, table, datasette):
    return measure_search_filters(request, database, table, datasette)


@hookimpl
def register_facet_classes():
    return [MeasureColumnFacet, MeasureArrayFacet]


@hookimpl
def startup(datasette):
    install_sorted_paging()  # sorted tables page on without skipping or repeating rows
    return serve_measures_from_memory(datasette)


def source_href(source_file: str, fmt: str | None, page: int | None = None) -> str:
    """'sources/<sha256>.pdf', 'pdf', 3 → '/sources/<sha256>.pdf#page=3' (pages only for PDFs)."""
    href = "/" + source_file.lstrip("/")
    if fmt == "pdf" and page:
        href += f"#page={int(page)}"
    return href


def _link(datasette, href: str, text: str) -> Markup:
    return Markup('<a href="{}" rel="noopener">{}</a>').format(datasette.urls.path(href), text)


def _html_list(tag: str, items: list[Any]) -> Markup:
    inner = Markup("").join(Markup("<li>{}</li>").format(item) for item in items)
    return Markup('<{0} class="cell-list">{1}</{0}>').format(Markup(tag), inner)


def _html_rows(rows: list[Any]) -> Markup:
    body = Markup("").join(
        Markup("<tr>{}</tr>").format(
            Markup("").join(Markup("<td>{}</td>").format(cell) for cell in row)
        )
        for row in rows
        if isinstance(row, list)
    )
    return Markup('<table class="cell-table">{}</table>').format(body)


def _json_list(value: object) -> list[Any] | None:
    if not isinstance(value, str) or not value.startswith("["):
        return None
    try:
        items = json.loads(value)
    except ValueError:
        return None
    return items if isinstance(items, list) else None


def _row_value(row: Any, column: str) -> Any:
    try:
        value = row[column]
    except (IndexError, KeyError, TypeError):
        return None  # the column was left out with ?_col= / ?_nocol=
    if isinstance(value, dict):  # a foreign key expanded to {"value": …, "label": …}
        return value.get("value")
    return value


async def _page_link(datasette, database: str, document_id: int, page: int) -> Markup | None:
    result = await datasette.get_database(database).execute(
        "SELECT source_file, format FROM documents WHERE id = ?", [document_id]
    )
    found = result.first()
    if found is None or not found["source_file"]:
        return None
    href = source_href(found["source_file"], found["format"], page)
    return _link(datasette, href, escape(str(page)) + Markup(" ↗"))


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if column == "snippet" and isinstance(value, str):
        return Markup(str(escape(value)).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))
    if column == "source_url" and isinstance(value, str) and value.startswith(SOURCES_PATH):
        page = value.partition("#page=")[2]
        label = f"ต้นฉบับ · source, p. {page}" if page else "ต้นฉบับ · source"
        return _link(datasette, value, escape(label) + Markup(" ↗"))
    if column == "text_hash" and isinstance(value, str) and value:
        href = datasette.urls.table(database, "measures_flat") + "?text_hash=" + value
        return Markup('<a href="{}">{}</a>').format(href, value)
    if table == "documents" and column == "source_file" and isinstance(value, str) and value:
        return _link(datasette, source_href(value, None), escape(value.rpartition("/")[2]))
    if (table, column) in PAGE_LINK_COLUMNS and isinstance(value, int):
        document_id = _row_value(row, "document_id")
        if document_id is None:
            return None

        async def page_link() -> Markup | None:
            return await _page_link(datasette, database, document_id, value)

        return page_link()
    if table in ARCHIVE_TABLES and column in JSON_LIST_COLUMNS:
        items = _json_list(value)
        if items and all(isinstance(item, str) for item in items):
            return _html_list(JSON_LIST_COLUMNS[column], items)
    if table == "tables" and column == "rows":
        rows = _json_list(value)
        if rows:
            return _html_rows(rows)
    return None


@hookimpl
def extra_body_script() -> str:
    return PAGE_SCRIPT


def _source_response_headers(
    headers: list[tuple[bytes, bytes]], file: Path | None
) -> list[tuple[bytes, bytes]]:
    """Response headers for a source file: UTF-8 named for text dumps, an HTML page's encoding
    named as ingest read it (a TIS-620 page, or UTF-8 that declares none, would show as Latin-1
    junk), sandboxed, no sniffing."""
    result = []
    markup = False
    for name, value in headers:
        if bytes(name).lower() == b"content-type":
            if value == b"text/plain":  # text dumps are UTF-8: the reader accepts nothing else
                value = b"text/plain; charset=utf-8"
            elif value == b"text/html" and file is not None and file.is_file():
                value = b"text/html; charset=" + _http_charset(html_encoding(file.read_bytes()))
            markup = bytes(value).startswith(MARKUP_TYPES)
        result.append((name, value))
    return [*result, NO_SNIFF, *([SANDBOX] if markup else [])]


def _http_charset(codec: str) -> bytes:
    """The label browsers know for a Python codec (cp874 is windows-874)."""
    name = codecs.lookup(codec).name
    return {"cp874": "windows-874", "utf-8-sig": "utf-8"}.get(name, name).encode("ascii")


def _source_file(datasette, path: str) -> Path | None:
    """The file a ``/sources/…`` request serves, from the static mount ``extract serve`` set."""
    name = unquote(path[len(SOURCES_PATH) :])
    for mount, directory in datasette.static_mounts:
        if mount == SOURCES_PATH.strip("/") and "/" not in name and name not in ("", ".", ".."):
            return Path(directory) / name
    return None


def _is_csv_download(headers: list[tuple[bytes, bytes]]) -> bool:
    named = {bytes(name).lower(): bytes(value) for name, value in headers}
    return named.get(b"content-type", b"").startswith(b"text/csv") and named.get(
        b"content-disposition", b""
    ).startswith(b"attachment")


async def _number_filters_in_arabic(datasette, scope: dict) -> dict:
    """The request with Thai digits read as Arabic in its filters on number columns
    (``?fiscal_year_be=๒๕๖๘`` → ``2568``): SQLite finds no integer equal to the text '๒๕๖๘'.
    Filters on text columns keep their digits, as the text is archived as printed."""
    args = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    if not any(char in THAI_DIGITS for _, value in args for char in value):
        return scope
    database, _, table = scope.get("path", "").strip("/").partition("/")
    if database not in datasette.databases or not table or "/" in table:
        return scope
    table = table.rsplit(".", 1)[0] if table.endswith((".json", ".csv")) else table
    columns = await datasette.get_database(database).execute(
        "select name from pragma_table_info(?) where upper(type) in ('INTEGER', 'REAL')", [table]
    )
    numbers = {row["name"] for row in columns}
    args = [
        (key, thai_to_arabic_digits(value) if key.split("__")[0] in numbers else value)
        for key, value in args
    ]
    return {**scope, "query_string": urlencode(args).encode("ascii")}


@hookimpl
def asgi_wrapper(datasette):
    """Source files get safe headers; downloaded CSV starts with a UTF-8 BOM, so Excel opens Thai
    correctly (CSV shown in the browser or fetched without ``_dl`` stays as Datasette writes it);
    filters on number columns take Thai digits."""

    def wrap(app):
        async def archive_app(scope, receive, send):
            if scope.get("type") != "http":
                await app(scope, receive, send)
                return
            scope = await _number_filters_in_arabic(datasette, scope)
            path = scope.get("path", "")
            is_source = path.startswith(SOURCES_PATH)
            pending_bom = False

            async def send_patched(message):
                nonlocal pending_bom
                if message["type"] == "http.response.start":
                    headers = list(message.get("headers", []))
                    if is_source:
                        headers = _source_response_headers(headers, _source_file(datasette, path))
                    elif _is_csv_download(headers):
                        pending_bom = True
                        headers = [h for h in headers if bytes(h[0]).lower() != b"content-length"]
                    message = {**message, "headers": headers}
                elif message["type"] == "http.response.body" and pending_bom:
                    message = {**message, "body": UTF8_BOM + message.get("body", b"")}
                    pending_bom = False
                await send(message)

            await app(scope, receive, send_patched)

        return archive_app

    return wrap
