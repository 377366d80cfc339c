"""Reader for tab-separated text dumps of a report's table pages.

Layout: title lines (no tabs), then per table page a block of tab-separated rows (the page's header
row, then body rows) separated by blank lines. Cells hold HTML fragments (``<p>``, ``<ul><li>``,
entities) or plain text. Each block is one table page; consecutive pages with the same header are
one table, as the report printed them.
"""

from __future__ import annotations

from extract.backend import UnreadableDocument
from extract.model import Cell, ExtractedDocument, Page, RawRow, RawTable
from extract.utils.html import fragment_blocks
from normalize.headers import header_key, is_measures_header


def read(data: bytes, source_name: str) -> ExtractedDocument:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableDocument(f"not UTF-8 text (byte {error.start})") from None
    title_lines, page_blocks = _split_pages(text.splitlines())
    if not page_blocks:
        raise UnreadableDocument("no tab-separated table rows found")

    pages: list[Page] = []
    tables: list[RawTable] = []
    previous_header: str | None = None
    for number, lines in enumerate(page_blocks, start=1):
        rows = [
            RawRow(cells=[_cell(value) for value in line.split("\t")], page=number)
            for line in lines
        ]
        width = max(len(row.cells) for row in rows)
        for row in rows:  # ragged rows: pad so every row has every column
            row.cells += [Cell() for _ in range(width - len(row.cells))]
        pages.append(Page(number=number, raw_text=_page_text(rows)))
        first = [cell.raw_text for cell in rows[0].cells]
        header = header_key("".join(first)) if is_measures_header(first) else None
        continues = tables and (header is None or header == previous_header)
        if continues and len(tables[-1].rows[0].cells) == width:
            tables[-1].rows.extend(rows)
            tables[-1].pages.append(number)
        else:
            tables.append(RawTable(rows=rows, pages=[number]))
        previous_header = header or previous_header
    return ExtractedDocument(
        format="text",
        title_lines=title_lines,
        pages=pages,
        tables=tables,
        page_count=len(pages),
    )


def _split_pages(lines: list[str]) -> tuple[list[str], list[list[str]]]:
    """Title lines before the first table row; then blocks of tab rows separated by blank lines."""
    title_lines: list[str] = []
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if "\t" in line:
            current.append(line)
            continue
        if current:
            blocks.append(current)
            current = []
        if line.strip() and not blocks:
            title_lines.append(line.strip())
    if current:
        blocks.append(current)
    return title_lines, blocks


def _cell(value: str) -> Cell:
    return Cell(blocks=fragment_blocks(value) if value.strip() else [])


def _page_text(rows: list[RawRow]) -> str:
    """The page's text as read: one line per block, cells in row order."""
    return "\n".join(block.raw_text for row in rows for cell in row.cells for block in cell.blocks)
