"""Reader for Excel workbooks (.xlsx): the tables agencies type in a spreadsheet.

Each visible sheet is a page. Its rows above the table that hold one filled cell (the report's
title, the agency line) are text lines; so are such rows below it (notes, a signature). The rows
between are one table: merged cells are spans (expanded as in HTML and Word), and each line of a
cell (Alt+Enter) is a paragraph of its own, as Excel stores no wrap: a line there is one the author
ended. Numbers read as Excel shows them in their format's grouping and decimals ("35,000",
"87.50"); text stays as typed, Thai digits included.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time
from decimal import Decimal

from extract.backend import UnreadableDocument
from extract.model import ExtractedDocument, TextBlock
from extract.utils.flow import PAGE_BREAK, FlowItem, flow_document, flow_text
from extract.utils.grid import SourceCell, expand_spans, grid_table

MAX_SHEET_CELLS = 200_000  # far more than any report; bounds what a hostile used range can ask


def read(data: bytes, source_name: str) -> ExtractedDocument:
    from openpyxl import load_workbook  # imported here: only workbooks need it

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=False, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as error:
        raise UnreadableDocument(f"damaged Excel workbook ({error})") from None
    flow: list[FlowItem] = []
    for sheet in workbook.worksheets:
        if sheet.sheet_state != "visible":
            continue
        if flow:
            flow.append(PAGE_BREAK)
        flow += list(_sheet_flow(sheet))
    return flow_document("xlsx", flow)


def _sheet_flow(sheet) -> Iterator[FlowItem]:
    """The sheet's text lines and its table, in reading order: the table runs from the first to
    the last row that fills two cells or more, or lies under a cell merged down (a measure's
    step rows under its merged title)."""
    rows = _sheet_rows(sheet)
    merged_down = {
        row - 1  # 0-based
        for merged in sheet.merged_cells.ranges
        for row in range(merged.min_row + 1, merged.max_row + 1)
    }
    table_rows = [
        index
        for index, row in enumerate(rows)
        if index in merged_down or sum(1 for cell in row if cell is not None and cell.blocks) >= 2
    ]
    if not table_rows:
        yield from (_row_text(row) for row in rows if any(cell and cell.blocks for cell in row))
        return
    first, last = table_rows[0], table_rows[-1]
    yield from (_row_text(row) for row in rows[:first] if any(c and c.blocks for c in row))
    yield grid_table(expand_spans([[cell for cell in row if cell is not None] for row in
                                   rows[first : last + 1]]))  # fmt: skip
    yield from (_row_text(row) for row in rows[last + 1 :] if any(c and c.blocks for c in row))


def _row_text(row: list[SourceCell | None]) -> str:
    return flow_text(
        [line for cell in row if cell for block in cell.blocks for line in block.lines]
    )


def _sheet_rows(sheet) -> list[list[SourceCell | None]]:
    """The sheet's rows, trimmed to the columns that hold anything: a cell per position, None
    under a merged cell (its top-left cell spans it)."""
    if (sheet.max_row or 0) * (sheet.max_column or 0) > MAX_SHEET_CELLS:
        raise UnreadableDocument(f"sheet '{sheet.title}' is too large to be a report")
    covered: set[tuple[int, int]] = set()
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for merged in sheet.merged_cells.ranges:
        spans[merged.min_row, merged.min_col] = (
            merged.max_col - merged.min_col + 1,
            merged.max_row - merged.min_row + 1,
        )
        covered |= {
            (r, c)
            for r in range(merged.min_row, merged.max_row + 1)
            for c in range(merged.min_col, merged.max_col + 1)
        } - {(merged.min_row, merged.min_col)}
    used = [
        c
        for c in range(1, (sheet.max_column or 0) + 1)
        if any(
            _cell_text(sheet.cell(r, c)) or (r, c) in spans
            for r in range(1, (sheet.max_row or 0) + 1)
        )
    ]
    rows = []
    for r in range(1, (sheet.max_row or 0) + 1):
        row: list[SourceCell | None] = []
        for c in used:
            if (r, c) in covered:
                row.append(None)
                continue
            colspan, rowspan = spans.get((r, c), (1, 1))
            # a span over columns the sheet leaves empty counts only the columns kept
            colspan = sum(1 for kept in used if c <= kept < c + colspan)
            lines = _cell_text(sheet.cell(r, c)).split("\n")
            blocks = [TextBlock(lines=[line.strip()]) for line in lines if line.strip()]
            row.append(SourceCell(blocks=blocks, colspan=colspan, rowspan=rowspan))
        rows.append(row)
    return rows


def _cell_text(cell) -> str:
    """The cell's value as Excel shows it (see the module notes)."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float, Decimal)):
        return _number_text(value, cell.number_format or "General")
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n")


def _number_text(value: int | float | Decimal, number_format: str) -> str:
    """A number in its format's grouping and decimals; as Excel's General shows it otherwise."""
    shown = number_format.split(";")[0]
    if not any(char in shown for char in "0#"):  # General, or a text format
        return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    decimals = sum(1 for char in shown.split(".", 1)[1] if char in "0#") if "." in shown else 0
    return f"{value:{',' if ',' in shown else ''}.{decimals}f}"
