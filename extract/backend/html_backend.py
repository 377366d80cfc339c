"""Reader for HTML pages: agency web pages (CMS templates, tables pasted from Word, Word's own
"save as web page", old TIS-620 sites).

The page is decoded (byte-order mark, else UTF-8, else its declared charset, else windows-874),
parsed with lxml, and cleared of what a reader does not see (scripts, hidden elements, menus,
footers). Every remaining table that holds data is read as a grid of cells (spans expanded, a
two-row header combined, title rows above the header taken as title lines); tables that only lay
the page out (one around the real one, a one-column box) are read as text. HTML has one page.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag

from extract.model import ExtractedDocument
from extract.sniff import html_encoding
from extract.utils.flow import HEADER_SEARCH_ROWS, FlowItem, flow_document, flow_text
from extract.utils.grid import GridTable, SourceCell, expand_spans, grid_table
from extract.utils.html import (
    cell_fill,
    collapse_spaces,
    element_blocks,
    flow_blocks,
    limit_depth,
    remove_unseen,
)
from normalize.headers import is_measures_header

MAX_SPAN_DIGITS = 6  # a longer span value is garbage, not a count


def read(data: bytes, source_name: str) -> ExtractedDocument:
    text = data.decode(html_encoding(data), errors="replace")
    soup = BeautifulSoup(text, "lxml")
    page_title = collapse_spaces(soup.title.get_text()) if soup.title else ""
    root = soup.body or soup
    limit_depth(root)
    remove_unseen(root)
    tables = data_tables(root)
    flow: list[FlowItem] = []
    for item in flow_blocks(root, tables):
        if isinstance(item, Tag):
            flow.append(read_table(item))
        else:
            flow.append(flow_text(item.lines))
    return flow_document("html", flow, page_title)


def data_tables(root: Tag) -> list[Tag]:
    """Tables holding data, in page order: not the layout tables around them, not tables inside
    a data table's cells (those are read as the cell's text)."""
    found: list[Tag] = []
    inside: set[int] = set()
    for table in root.find_all("table"):
        if any(id(parent) in inside for parent in table.parents):
            continue
        if not is_layout_table(table):
            found.append(table)
            inside.add(id(table))
    return found


def is_layout_table(table: Tag) -> bool:
    """A table that only lays the page out: marked as presentation, one column wide, or holding
    other tables without a measures header of its own."""
    if (table.get("role") or "").lower() in ("presentation", "none"):
        return True
    rows = own_rows(table)
    if max((len(_cells(row)) for row in rows), default=0) <= 1:
        return True
    if table.find("table") is None:
        return False
    return not any(
        is_measures_header([collapse_spaces(cell.get_text(" ")) for cell in _cells(row)])
        for row in rows[:HEADER_SEARCH_ROWS]
    )


def own_rows(table: Tag) -> list[Tag]:
    """The table's rows (not those of tables nested in its cells): head, body, then foot."""
    rows = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
    section = {id(tr): tr.parent.name if tr.parent is not None else "" for tr in rows}
    order = {"thead": 0, "tfoot": 2}
    return sorted(rows, key=lambda tr: order.get(section[id(tr)], 1))  # stable: page order kept


def read_table(table: Tag) -> GridTable:
    rows = own_rows(table)
    if any(row.find_parent(["td", "th", "table"]) is not table for row in rows):
        _unnest_rows(table, rows)
    source_rows = [
        [
            SourceCell(
                blocks=element_blocks(cell),
                colspan=span_value(cell.get("colspan"), default=1),
                rowspan=span_value(cell.get("rowspan"), default=1),
                fill=cell_fill(cell),
            )
            for cell in _cells(row)
        ]
        for row in rows
    ]
    result = grid_table(expand_spans(source_rows))
    caption = table.find("caption")
    if caption is not None and caption.find_parent("table") is table:
        caption_lines = [line for block in element_blocks(caption) for line in block.lines]
        result.title_lines = caption_lines + result.title_lines
    return result


def _unnest_rows(table: Tag, rows: list[Tag]) -> None:
    """Rows lxml left inside a cell of their own table (after an unclosed ``<b>`` in the cell):
    taken out, as browsers do, so the cell does not read them as its text."""
    for row in rows:
        row.extract()
    for row in rows:
        table.append(row)


def span_value(value: object, default: int) -> int:
    """A span attribute as markup gives it: '2', '2;', ' 3px', '0', 'abc', '99999999'.

    Leading digits count, as browsers read them; none, or absurdly many, give the default. 0 stays
    0 (a rowspan down to the last row; the grid takes a colspan of 0 as 1).
    """
    text = str(value or "").strip()
    digits = ""
    for char in text:
        if not ("0" <= char <= "9"):
            break
        digits += char
    if not digits or len(digits) > MAX_SPAN_DIGITS:
        return default
    return int(digits)


def _cells(row: Tag) -> list[Tag]:
    return row.find_all(["td", "th"], recursive=False)
