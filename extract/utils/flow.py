"""A document read as a flow — text lines, tables and page breaks in reading order — into an
``ExtractedDocument``. Shared by the readers of formats that have no page geometry (HTML, Word).

- Pages: the lines and table cells between page breaks (HTML has none: one page).
- Tables: each table read; a table that directly follows another of the same width, with no text
  between, continues it when it repeats its header or has none (a table Word split at a page).
- Title lines: the text blocks (a block's lines joined by newlines) above the report's table (the
  first measures table, else the first table) from the report's title on, the table's own title
  rows last; the page's ``<title>`` after them, or first when only it names the report. Without a
  table: the opening blocks, up to the first of running text.
"""

from __future__ import annotations

from dataclasses import dataclass

from extract.model import Cell, ExtractedDocument, Format, Page, RawRow, RawTable
from extract.utils.grid import GridTable
from normalize.agencies import DOCUMENT_WORDS
from normalize.headers import header_key, heading_above, is_measures_header


class PageBreak:
    """An explicit page break in the flow."""


PAGE_BREAK = PageBreak()
FlowItem = str | GridTable | PageBreak

MAX_TITLE_LINES = 8  # as many as the metadata parser reads
HEADER_SEARCH_ROWS = 4  # rows of a table looked at for its header
MAX_HEADING_CHARS = 120  # a longer line is running text, not a title line


def flow_text(lines: list[str]) -> str:
    """One block of text in the flow: its lines (set apart by ``<br>``, a Word line break)
    joined by newlines, so a title broken over two lines stays one title line for the metadata."""
    return "\n".join(lines)


@dataclass
class _PlacedTable:
    table: GridTable
    page: int
    lines_above: list[str]  # text lines since the previous table
    follows_table: bool  # nothing but page breaks since the previous table


def flow_document(fmt: Format, flow: list[FlowItem], page_title: str = "") -> ExtractedDocument:
    pages_lines: list[list[str]] = [[]]
    placed: list[_PlacedTable] = []
    since_table: list[str] = []
    for item in flow:
        if isinstance(item, PageBreak):
            pages_lines.append([])
        elif isinstance(item, str):
            pages_lines[-1].append(item)
            since_table.append(item)
        else:
            pages_lines[-1] += item.title_lines + [
                line for row in item.rows for cell in row for line in _cell_lines(cell)
            ]
            follows = bool(placed) and not since_table
            placed.append(_PlacedTable(item, len(pages_lines), since_table, follows))
            since_table = []
    while len(pages_lines) > 1 and not pages_lines[-1]:
        pages_lines.pop()  # a break at the very end opens no page
    pages = [
        Page(number=number, raw_text="\n".join(lines))
        for number, lines in enumerate(pages_lines, start=1)
    ]
    return ExtractedDocument(
        format=fmt,
        title_lines=_title_lines(placed, since_table, page_title),
        pages=pages,
        tables=_join_split_tables(placed),
        page_count=len(pages),
    )


def _cell_lines(cell: Cell) -> list[str]:
    return [line for block in cell.blocks for line in block.lines]


def _row_texts(row: list[Cell]) -> list[str]:
    return [" ".join(_cell_lines(cell)) for cell in row]


def _has_measures_header(table: GridTable) -> bool:
    return any(is_measures_header(_row_texts(row)) for row in table.rows[:HEADER_SEARCH_ROWS])


def _join_split_tables(placed: list[_PlacedTable]) -> list[RawTable]:
    tables: list[RawTable] = []
    header: list[str] | None = None  # key of the last table's measures header
    for entry in placed:
        rows = [RawRow(cells=row, page=entry.page) for row in entry.table.rows]
        if not rows:
            continue
        first = [header_key(text) for text in _row_texts(entry.table.rows[0])]
        previous = tables[-1] if tables else None
        is_header = is_measures_header(_row_texts(entry.table.rows[0]))
        if (
            previous is not None
            and header is not None
            and entry.follows_table
            and not entry.table.title_lines
            and len(previous.rows[0].cells) == len(rows[0].cells)
            and (first == header or not is_header)
        ):
            previous.rows += rows
            if entry.page not in previous.pages:
                previous.pages.append(entry.page)
            continue
        heading = heading_above([*entry.lines_above, *entry.table.title_lines])
        tables.append(RawTable(rows=rows, pages=[entry.page], heading=heading))
        header = first if is_header else None
    return tables


def _title_lines(placed: list[_PlacedTable], trailing: list[str], page_title: str) -> list[str]:
    if placed:
        index = next((i for i, p in enumerate(placed) if _has_measures_header(p.table)), 0)
        lines = _report_title_lines(placed[: index + 1])
    else:
        lines = _opening_lines(trailing)
    lines = lines[:MAX_TITLE_LINES]
    if page_title and page_title not in lines:
        only_title = page_title.startswith(DOCUMENT_WORDS) and not any(
            line.startswith(DOCUMENT_WORDS) for line in lines
        )
        lines = [page_title, *lines] if only_title else [*lines, page_title]
    return lines[:MAX_TITLE_LINES]


def _report_title_lines(placed: list[_PlacedTable]) -> list[str]:
    """From the report title on: the first title line in the text just above the report table
    (its own title rows included), else the first one above an earlier table."""
    report = placed[-1]
    nearest = [*report.lines_above, *report.table.title_lines]
    starts = [i for i, line in enumerate(nearest) if line.startswith(DOCUMENT_WORDS)]
    if starts:
        return nearest[starts[0] :]
    above = [
        line for entry in placed[:-1] for line in [*entry.lines_above, *entry.table.title_lines]
    ]
    starts = [i for i, line in enumerate(above) if line.startswith(DOCUMENT_WORDS)]
    if starts:
        return [*above[starts[0] :], *nearest][:MAX_TITLE_LINES]
    return nearest[-MAX_TITLE_LINES:]


def _opening_lines(lines: list[str]) -> list[str]:
    opening: list[str] = []
    for line in lines:
        if max(map(len, line.split("\n"))) > MAX_HEADING_CHARS and opening:
            break
        opening.append(line)
    return opening
