"""Reader for Excel workbooks (.xlsx): the tables agencies type in a spreadsheet.

Each visible sheet is a page; hidden rows and columns are left out. The table starts at its
header row (the first naming two known columns) and runs to its last row of two filled cells or
under a cell merged down; the rows above it (title, agency line, an "as of" date) and below it
(notes, a signature) are text lines. In the table merged cells are spans (expanded as in HTML and
Word), and each line of a cell (Alt+Enter) is a paragraph of its own, as Excel stores no wrap: a
line there is one the author ended. Numbers and dates read as Excel shows them ("35,000",
"87.50%", "15,000.50 บาท", "15 มีนาคม 2568"); text stays as typed, Thai digits included.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time
from decimal import Decimal

from extract.backend import UnreadableDocument
from extract.model import ExtractedDocument, TextBlock
from extract.utils.colour import markup_fill
from extract.utils.flow import PAGE_BREAK, FlowItem, flow_document, flow_text
from extract.utils.grid import SourceCell, expand_spans, grid_table
from normalize.dates import thai_date_text
from normalize.headers import map_header
from normalize.numerals import arabic_to_thai_digits

MAX_SHEET_CELLS = 200_000  # cells holding a value: far more than any report
# "[$-D07041E]", "[$-D000041E]": a Thai locale whose "D0" asks for Thai digits
_THAI_DIGIT_LOCALE = re.compile(r"\[\$-D[0-9A-F]*41E\]", re.IGNORECASE)
_FORMAT_BRACKETS = re.compile(r"\[[^\]]*\]")  # colours, locales, conditions
# a formula cell whose result is not stored: no <v>, or an empty one
_UNSTORED_FORMULA = re.compile(rb"<f\b[^>]*(?:/>|>[^<]*</f>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>")


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
    document = flow_document("xlsx", flow)
    unstored = _formulas_without_values(data)
    if unstored:
        # files written by a program rather than by Excel store no results: say what reads blank
        document.notes.append(f"{unstored} formula cell(s) with no stored result read as blank")
    return document


def _formulas_without_values(data: bytes) -> int:
    """Formula cells of the workbook's sheets that store no result (``<f>…</f>`` and no value)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        sheets = [name for name in package.namelist() if name.startswith("xl/worksheets/sheet")]
        return sum(len(_UNSTORED_FORMULA.findall(package.read(name))) for name in sheets)


def _sheet_flow(sheet) -> Iterator[FlowItem]:
    """The sheet's text lines and its table, in reading order. The table starts at its header
    (the first row naming two known columns; else the first row filling two cells) and runs to
    the last row that fills two cells or lies under a cell merged down from inside the table (a
    measure's step rows under its merged title). Hidden rows and columns are not read."""
    rows = _sheet_rows(sheet)
    if not rows:
        return
    texts = [[_lines_text(cell) for cell in cells] for _, cells in rows]
    filled = [sum(1 for text in row if text) for row in texts]
    start = next(
        (i for i, row in enumerate(texts) if sum(1 for c in map_header(row) if c) >= 2),
        next((i for i, count in enumerate(filled) if count >= 2), None),
    )
    if start is None:
        yield from (_row_text(cells) for i, (_, cells) in enumerate(rows) if filled[i])
        return
    first_row = rows[start][0]
    merged_down = {
        number
        for merged in sheet.merged_cells.ranges
        if merged.min_row >= first_row
        for number in range(merged.min_row + 1, merged.max_row + 1)
    }
    end = max(
        i
        for i, (number, _) in enumerate(rows)
        if i >= start and (filled[i] >= 2 or number in merged_down)
    )
    yield from (_row_text(cells) for i, (_, cells) in enumerate(rows[:start]) if filled[i])
    yield grid_table(
        expand_spans(
            [[cell for cell in cells if cell is not None] for _, cells in rows[start : end + 1]]
        )
    )
    yield from (_row_text(cells) for i, (_, cells) in enumerate(rows) if i > end and filled[i])


def _lines_text(cell: SourceCell | None) -> str:
    return "\n".join(line for block in cell.blocks for line in block.lines) if cell else ""


def _row_text(row: list[SourceCell | None]) -> str:
    return flow_text([text for text in map(_lines_text, row) if text])


def _sheet_rows(sheet) -> list[tuple[int, list[SourceCell | None]]]:
    """The sheet's visible rows (with their row numbers), trimmed to the visible columns that
    hold anything: a cell per position, None under a merged cell (its top-left cell spans it).

    Only cells holding a value count: Excel keeps a formatted empty cell (a border drawn down a
    thousand rows) as a cell too."""
    # openpyxl's own store of the sheet's cells: walking the used range instead would visit the
    # million formatted empty cells a sheet may keep
    values = {
        position: text for position, cell in sheet._cells.items() if (text := _cell_text(cell))
    }
    if len(values) > MAX_SHEET_CELLS:
        raise UnreadableDocument(f"sheet '{sheet.title}' holds too many cells to be a report")
    hidden_rows = {number for number, row in sheet.row_dimensions.items() if row.hidden}
    hidden_columns = {
        number
        for column in sheet.column_dimensions.values()
        if column.hidden and column.min
        for number in range(column.min, (column.max or column.min) + 1)
    }
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    # openpyxl keeps a merged cell's style on its top-left cell only: a bar shaded across months
    shaded_by: dict[tuple[int, int], tuple[int, int]] = {}
    for merged in sheet.merged_cells.ranges:
        for position in _positions(merged):
            shaded_by[position] = (merged.min_row, merged.min_col)
        if (merged.min_row, merged.min_col) not in values:
            continue  # an empty merged cell adds nothing to read
        spans[merged.min_row, merged.min_col] = (merged.max_col, merged.max_row)
        covered |= set(_positions(merged)) - {(merged.min_row, merged.min_col)}
    used_rows = {r for r, _ in values} | {r for r, _ in covered}
    if not used_rows:
        return []
    columns = sorted({c for _, c in values} - hidden_columns)
    rows = []
    for r in range(min(used_rows), max(used_rows) + 1):
        if r in hidden_rows:
            continue
        row: list[SourceCell | None] = []
        for c in columns:
            if (r, c) in covered:
                row.append(None)
                continue
            last_column, last_row = spans.get((r, c), (c, r))
            colspan = sum(1 for kept in columns if c <= kept <= last_column)
            rowspan = sum(1 for kept in range(r, last_row + 1) if kept not in hidden_rows)
            lines = values.get((r, c), "").split("\n")
            blocks = [TextBlock(lines=[line.strip()]) for line in lines if line.strip()]
            fill = _fill(sheet._cells.get(shaded_by.get((r, c), (r, c))))
            row.append(SourceCell(blocks=blocks, colspan=colspan, rowspan=rowspan, fill=fill))
        rows.append((r, row))
    return rows


def _positions(merged) -> list[tuple[int, int]]:
    return [
        (r, c)
        for r in range(merged.min_row, merged.max_row + 1)
        for c in range(merged.min_col, merged.max_col + 1)
    ]


# the theme's and the palette's colours that are white: background 1 (theme 0); palette 1, 9, and
# 65 (the system background)
_WHITE_THEME = 0
_WHITE_INDEXED = frozenset({1, 9, 65})


def _fill(cell) -> str | None:
    """A cell's solid fill (``extract.utils.colour`` key); a theme or palette colour as its
    number, which compares the same across the workbook."""
    fill = getattr(cell, "fill", None)
    if fill is None or getattr(fill, "patternType", None) != "solid":
        return None
    colour = fill.fgColor
    if colour.type == "rgb" and isinstance(colour.rgb, str):
        return markup_fill(colour.rgb[-6:])  # ARGB: alpha aside
    if colour.type == "theme" and not (colour.theme == _WHITE_THEME and not colour.tint):
        return f"theme {colour.theme} {colour.tint:g}"
    if colour.type == "indexed" and colour.indexed not in _WHITE_INDEXED:
        return f"indexed {colour.indexed}"
    return None


def _cell_text(cell) -> str:
    """The cell's value as Excel shows it (see the module notes)."""
    value = cell.value
    number_format = cell.number_format or "General"
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float, Decimal)):
        text = _number_text(value, number_format)
    elif isinstance(value, (datetime, date, time)):
        text = _date_text(value)
    else:
        return str(value).replace("\r\n", "\n").replace("\r", "\n")
    return arabic_to_thai_digits(text) if _THAI_DIGIT_LOCALE.search(number_format) else text


def _date_text(value: datetime | date | time) -> str:
    """A date as a Thai Excel shows it in its long form ("15 มีนาคม 2568", which the period parser
    reads); a time as hours and minutes."""
    if isinstance(value, time) or (
        isinstance(value, datetime) and value.date() == date(1899, 12, 30)  # a time alone
    ):
        return f"{value:%H:%M}"
    day = value.date() if isinstance(value, datetime) else value
    text = thai_date_text(day)
    if isinstance(value, datetime) and value.time() != time(0, 0):
        text += f" {value:%H:%M}"
    return text


def _number_text(value: int | float | Decimal, number_format: str) -> str:
    """A number as its format shows it: grouping, decimals, percent, thousands scaling, the
    text it quotes ("฿", "บาท", "ข้อ "), and the negative section's own sign (parentheses);
    General as Excel shows it, to ten significant digits."""
    sections = number_format.split(";")
    own_sign = value < 0 and len(sections) > 1
    section = _FORMAT_BRACKETS.sub("", sections[1] if own_sign else sections[0])
    prefix, digits, suffix = _split_format(section)
    if not digits:  # General, or a text format
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return f"{value:.10g}"
    shown = abs(value) if own_sign else value
    if "%" in prefix + suffix:
        shown *= 100
    shown /= 1000 ** (len(digits) - len(digits.rstrip(",")))  # "0.0," shows thousands
    integer, _, fraction = digits.rstrip(",").partition(".")
    decimals = sum(1 for char in fraction if char in "0#?")
    grouping = "," if "," in integer else ""
    return f"{prefix}{shown:{grouping}.{decimals}f}{suffix}"


def _split_format(section: str) -> tuple[str, str, str]:
    """A format section's text before its digit placeholders, the placeholders, the text after:
    quoted text and escaped characters are text; padding (``_x``) and fill (``*x``) are dropped."""
    parts: list[tuple[str, bool]] = []  # (text, is a placeholder)
    index = 0
    while index < len(section):
        char = section[index]
        if char == '"':
            end = section.find('"', index + 1)
            end = len(section) if end < 0 else end
            parts.append((section[index + 1 : end], False))
            index = end + 1
            continue
        if char in "\\_*":
            if char == "\\" and index + 1 < len(section):
                parts.append((section[index + 1], False))
            index += 2
            continue
        parts.append((char, char in "0#?,."))
        index += 1
    placed = [i for i, (_, placeholder) in enumerate(parts) if placeholder and parts[i][0] in "0#?"]
    if not placed:
        return "".join(text for text, _ in parts), "", ""
    first, last = placed[0], placed[-1]
    while last + 1 < len(parts) and parts[last + 1][0] == ",":  # thousands scaling commas
        last += 1
    return (
        "".join(text for text, _ in parts[:first]),
        "".join(text for text, _ in parts[first : last + 1]),
        "".join(text for text, _ in parts[last + 1 :]),
    )
