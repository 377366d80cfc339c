"""PDF reader: pdfplumber for geometry, our own Thai-correct text, tables stitched across pages.

Per page: chars → glyph clusters with their Thai marks attached (``extract.utils.text``); visible
rules → table grids, with closing rules added where a page end cut a row open
(``extract.utils.geometry``); each cell's lines kept with their widths for the wrap repair. After
the last page, a table that runs on from one page to the next (same columns, nothing between but
page furniture, or its running number continuing ๖ → ๗) becomes one ``RawTable``.

Pages are read one at a time and their caches dropped, so memory stays flat on long documents.
The text is raw: Thai code-point damage (sara am, PUA glyphs) is left for ``extract.repair``.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.table import (
    cells_to_tables,
    edges_to_intersections,
    intersections_to_cells,
    merge_edges,
)
from pdfplumber.utils.exceptions import PdfminerException

from extract.backend import UnreadableDocument
from extract.model import Cell, ExtractedDocument, Page, RawRow, RawTable, TextBlock
from extract.utils.geometry import (
    SNAP_TOLERANCE,
    BBox,
    CellGrid,
    closing_edges,
    cluster_values,
    contains,
    ruling_edges,
    runs_along,
    same_columns,
    same_gutters,
)
from extract.utils.text import (
    Glyph,
    Line,
    dedupe_chars,
    glyphs_from_chars,
    group_lines,
    split_paragraphs,
    usual_line_step,
)
from extract.utils.unruled import UnruledTable, find_unruled_tables
from normalize.numerals import parse_int

# Lines taken as the title when page 1 has no table to stop at.
TITLE_LINES_WITHOUT_TABLE = 3
# Share of the page height at the top and bottom where running headers and footers sit.
FURNITURE_BAND = 0.07
# Cell padding is measured, but never taken as more than this (points).
MAX_CELL_PADDING = 8.0

_PAGE_NUMBER = re.compile(
    r"^[-–—(\s]*(?:หน้า|หน้าที่|page)?\s*[0-9๐-๙]+(?:\s*(?:/|จาก|of)\s*[0-9๐-๙]+)?[-–—)\s]*$",
    re.IGNORECASE,
)
_RUNNING_NUMBER = re.compile(r"^\(?([0-9๐-๙]{1,4})[.)]?$")


@dataclass
class PageTable:
    """One table as found on one page, with what stitching needs to know about its place."""

    page: int
    bbox: BBox
    rows: list[RawRow]
    column_edges: list[float]
    gutters: list[tuple[float, float]] | None = None  # white column gaps of an unruled table
    cut_top: bool = False  # its top was open: its first row continues a row from the page before
    cut_bottom: bool = False  # its bottom was open: the page end cut its last row
    first_on_page: bool = False
    last_on_page: bool = False
    clear_above: bool = False  # nothing above it on its page but running headers
    clear_below: bool = False  # nothing below it on its page but footers


@dataclass
class PageReading:
    page: Page
    tables: list[PageTable]
    lines_above_first_table: list[str] | None  # None when the page has no table


def read(data: bytes, source_name: str) -> ExtractedDocument:
    """Read a PDF into pages of raw text and tables of raw cells, tables stitched across pages."""
    _check_signature(data)
    pages: list[Page] = []
    page_tables: list[PageTable] = []
    title_lines: list[str] | None = None
    notes: list[str] = []
    with _open(data) as pdf:
        for reading in _read_pages(pdf, notes):
            pages.append(reading.page)
            page_tables.extend(reading.tables)
            if reading.page.number == 1:
                title_lines = reading.lines_above_first_table
                if title_lines is None:
                    title_lines = _first_lines(reading.page.raw_text)
    if not pages:
        raise UnreadableDocument("damaged PDF: it has no pages")
    damaged = [note for note in notes if note.startswith("damaged page")]
    if len(damaged) == len(pages):
        raise UnreadableDocument(f"damaged PDF: no page could be parsed ({damaged[0]})")
    tables = stitch_tables(page_tables)
    if not tables:
        notes.append("no table found")
    return ExtractedDocument(
        format="pdf",
        title_lines=title_lines or [],
        pages=pages,
        tables=tables,
        page_count=len(pages),
        notes=notes,
    )


# --- opening -------------------------------------------------------------------------------

_SIGNATURES = [
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (perhaps a Word or Excel file)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file"),
    (b"{\\rtf", "an RTF document"),
]


def _check_signature(data: bytes) -> None:
    if not data:
        raise UnreadableDocument("empty file")
    if b"%PDF-" in data[:1024]:
        return
    for magic, kind in _SIGNATURES:
        if data.startswith(magic):
            raise UnreadableDocument(f"not a PDF: the file is {kind}")
    head = data[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        raise UnreadableDocument("not a PDF: the file is an HTML page")
    raise UnreadableDocument("not a PDF: no %PDF header")


def _open(data: bytes) -> pdfplumber.PDF:
    try:
        return pdfplumber.open(io.BytesIO(data))  # pdfminer tries the empty password itself
    except PdfminerException as error:
        cause = error.args[0] if error.args else error
        if isinstance(cause, PDFPasswordIncorrect):
            raise UnreadableDocument("encrypted PDF (needs a password)") from error
        if isinstance(cause, PDFEncryptionError):
            raise UnreadableDocument(f"encrypted PDF of an unsupported kind ({cause})") from error
        raise UnreadableDocument(f"damaged PDF: {_reason(cause)}") from error
    except Exception as error:  # pdfminer raises many kinds on broken files
        raise UnreadableDocument(f"damaged PDF: {_reason(error)}") from error


def _reason(error: object) -> str:
    text = str(error).strip() or type(error).__name__
    return text[:120]


def _read_pages(pdf: pdfplumber.PDF, notes: list[str]) -> Iterator[PageReading]:
    try:
        page_list = pdf.pages
    except Exception as error:
        raise UnreadableDocument(f"damaged PDF: {_reason(error)}") from error
    for page in page_list:
        try:
            objects = _page_objects(page)
        except Exception as error:  # a broken content stream: keep the other pages
            if MemoryError in (type(error), type(error.__context__)):  # a limit, not damage
                raise MemoryError from error
            notes.append(f"damaged page {page.page_number}: {_reason(error)}")
            yield PageReading(Page(page.page_number, ""), [], None)
            continue
        finally:
            page.close()  # drop pdfplumber's per-page caches: memory stays flat
        yield read_page(page.page_number, page.bbox, *objects)


def _page_objects(page: pdfplumber.page.Page) -> tuple[list[dict], list[dict]]:
    """The page's chars (stream order) and its visible rules, parsed once."""
    chars = page.chars
    edges = ruling_edges(page.lines, page.rects, page.curves)
    return chars, edges


# --- one page ------------------------------------------------------------------------------


def read_page(number: int, page_bbox: BBox, chars: list[dict], edges: list[dict]) -> PageReading:
    """One page from its chars (content-stream order) and visible rules: text, tables, title."""
    glyphs = [
        g for g in glyphs_from_chars(dedupe_chars(chars)) if contains(page_bbox, g.centre, g.mid)
    ]
    grids = find_table_grids(edges)
    in_table: list[list[Glyph]] = [[] for _ in grids]
    outside: list[Glyph] = []
    for glyph in glyphs:
        x, y = glyph.centre, glyph.mid
        for index, grid in enumerate(grids):
            if grid.cell_at(x, y) is not None:
                in_table[index].append(glyph)
                break
        else:
            outside.append(glyph)
    free_lines = group_lines(outside)
    tables = [
        _page_table(number, grid, table_glyphs)
        for grid, table_glyphs in zip(grids, in_table, strict=True)
    ]
    if not tables:  # no rules on the page: look for columns set apart by white gutters
        unruled = find_unruled_tables(free_lines)
        taken = {id(g) for table in unruled for row in table.rows for cell in row for g in cell}
        free_lines = [line for line in free_lines if id(line.glyphs[0]) not in taken]
        tables = [_unruled_page_table(number, table) for table in unruled]
    _mark_positions(tables, free_lines, page_bbox)
    page = Page(number=number, raw_text=_page_text(tables, free_lines))
    above = None
    if tables:
        above = [
            line.text
            for line in free_lines
            if line.bottom <= tables[0].bbox[1] + 1 and not _PAGE_NUMBER.match(line.text)
        ]
    return PageReading(page, tables, above)


def find_table_grids(edges: list[dict]) -> list[CellGrid]:
    """Cell grids of the ruled tables on a page, top to bottom, open ends closed.

    pdfplumber's own steps (rules → intersections → cells → tables), fed with our edges: only
    visible rules, plus the closing rules of rows cut by a page end.
    """
    tol = SNAP_TOLERANCE
    closing = closing_edges(edges)
    merged = merge_edges(edges + closing, tol, tol, tol, tol)
    intersections = edges_to_intersections(merged, tol, tol)
    tables = cells_to_tables(intersections_to_cells(intersections))
    grids = [CellGrid.of(cells) for cells in tables if len(cells) >= 2]
    for grid in grids:
        grid.cut_top = any(runs_along(rule, grid.bbox, "top") for rule in closing)
        grid.cut_bottom = any(runs_along(rule, grid.bbox, "bottom") for rule in closing)
    return sorted(grids, key=lambda grid: (grid.tops[0], grid.xs[0]))


def _page_table(number: int, grid: CellGrid, glyphs: list[Glyph]) -> PageTable:
    per_cell: list[list[Glyph]] = [[] for _ in grid.cells]
    for glyph in glyphs:
        index = grid.cell_at(glyph.centre, glyph.mid)
        if index is not None:
            per_cell[index].append(glyph)
    cell_lines = [group_lines(cell_glyphs) for cell_glyphs in per_cell]
    line_step = usual_line_step(cell_lines)
    padding = _cell_padding(grid.cells, cell_lines)
    cells = [
        _cell(bbox, lines, line_step, padding)
        for bbox, lines in zip(grid.cells, cell_lines, strict=True)
    ]
    by_origin = {(bbox[1], bbox[0]): cell for bbox, cell in zip(grid.cells, cells, strict=True)}
    rows = [
        RawRow(cells=[by_origin.get((top, x)) or Cell() for x in grid.xs], page=number)
        for top in grid.tops
    ]
    return PageTable(
        page=number,
        bbox=grid.bbox,
        rows=rows,
        column_edges=[round(x, 2) for x in cluster_values([*grid.xs, grid.bbox[2]])],
        cut_top=grid.cut_top,
        cut_bottom=grid.cut_bottom,
    )


def _unruled_page_table(number: int, table: UnruledTable) -> PageTable:
    lefts = [table.bbox[0], *(b for _, b in table.gutters)]
    rights = [*(a for a, _ in table.gutters), table.bbox[2]]
    cell_lines = [[group_lines(glyphs) for glyphs in row] for row in table.rows]
    line_step = usual_line_step(lines for row in cell_lines for lines in row)
    rows = [
        RawRow(
            cells=[
                _cell((left, table.bbox[1], right, table.bbox[3]), lines, line_step, 0.0)
                for left, right, lines in zip(lefts, rights, row, strict=True)
            ],
            page=number,
        )
        for row in cell_lines
    ]
    return PageTable(
        page=number,
        bbox=table.bbox,
        rows=rows,
        column_edges=[round(x, 2) for x in table.column_edges],
        gutters=table.gutters,
    )


def _cell_padding(cells: Sequence[BBox], cell_lines: Sequence[list[Line]]) -> float:
    """Inner left padding of the table's cells: the smallest gap between a rule and its text."""
    gaps = [
        line.x0 - bbox[0]
        for bbox, lines in zip(cells, cell_lines, strict=True)
        for line in lines
        if line.x0 >= bbox[0]
    ]
    return min(min(gaps, default=0.0), MAX_CELL_PADDING)


def _cell(bbox: BBox, lines: list[Line], line_step: float | None, padding: float) -> Cell:
    width = round(bbox[2] - bbox[0] - 2 * padding, 2)
    blocks = [
        TextBlock(
            lines=[line.text for line in paragraph.lines],
            line_widths=[round(line.width, 2) for line in paragraph.lines],
            font_size=paragraph.font_size,
        )
        for paragraph in split_paragraphs(lines, line_step)
    ]
    return Cell(blocks=blocks, width=width)


def _is_furniture(line: Line, page_bbox: BBox) -> bool:
    """Page numbers, and anything in the running header or footer band."""
    height = page_bbox[3] - page_bbox[1]
    band = FURNITURE_BAND * height
    in_band = line.bottom <= page_bbox[1] + band or line.top >= page_bbox[3] - band
    return in_band or bool(_PAGE_NUMBER.match(line.text))


def _mark_positions(tables: list[PageTable], free_lines: list[Line], page_bbox: BBox) -> None:
    if not tables:
        return
    tables[0].first_on_page = True
    tables[-1].last_on_page = True
    content = [line for line in free_lines if not _is_furniture(line, page_bbox)]
    tables[0].clear_above = not any(line.bottom <= tables[0].bbox[1] + 1 for line in content)
    tables[-1].clear_below = not any(line.top >= tables[-1].bbox[3] - 1 for line in content)


def _page_text(tables: list[PageTable], free_lines: list[Line]) -> str:
    """The page's text in reading order: free lines and tables (row by row, cell by cell)."""
    items: list[tuple[float, list[str]]] = [(line.top, [line.text]) for line in free_lines]
    for table in tables:
        table_lines = [
            line
            for row in table.rows
            for cell in row.cells
            for b in cell.blocks
            for line in b.lines
        ]
        items.append((table.bbox[1], table_lines))
    items.sort(key=lambda item: item[0])
    return "\n".join(text for _, lines in items for text in lines)


def _first_lines(text: str) -> list[str]:
    lines = [line for line in text.splitlines() if line.strip() and not _PAGE_NUMBER.match(line)]
    return lines[:TITLE_LINES_WITHOUT_TABLE]


# --- stitching across pages ----------------------------------------------------------------


def _running_number(row: RawRow) -> int | None:
    if not row.cells:
        return None
    match = _RUNNING_NUMBER.match(row.cells[0].raw_text.strip())
    return parse_int(match.group(1)) if match else None


def numbering(previous: PageTable, following: PageTable) -> str:
    """ "continues" (๖ → ๗), "restarts" (… → ๑) or "unknown", from the first column."""
    last = next((n for row in reversed(previous.rows) if (n := _running_number(row))), None)
    first = next((n for row in following.rows if (n := _running_number(row))), None)
    if last is None or first is None:
        return "unknown"
    if first == last + 1:
        return "continues"
    return "restarts" if first <= last else "unknown"


def continues_on(previous: PageTable, following: PageTable) -> bool:
    """True when ``following`` (next page) is the rest of the table ``previous`` ends."""
    if following.page != previous.page + 1 or not (
        previous.last_on_page and following.first_on_page
    ):
        return False
    if previous.gutters is not None and following.gutters is not None:
        if not same_gutters(previous.gutters, following.gutters):
            return False
    elif not same_columns(previous.column_edges, following.column_edges):
        return False
    order = numbering(previous, following)
    if order == "restarts":
        return False
    runs_to_page_end = previous.clear_below or previous.cut_bottom
    runs_from_page_top = following.clear_above or following.cut_top
    return (runs_to_page_end and runs_from_page_top) or order == "continues"


def _same_text(a: RawRow, b: RawRow) -> bool:
    def squeezed(row: RawRow) -> list[str]:
        return ["".join(cell.raw_text.split()) for cell in row.cells]

    return squeezed(a) == squeezed(b)


def mark_continued_row(table: RawTable, previous: PageTable, following: PageTable) -> None:
    """Flag the row of ``following`` that carries on the row the page end cut, if one was cut.

    Skips a header row printed again at the top of the page (same text as the table's first row).
    """
    if not (previous.cut_bottom or following.cut_top):
        return
    header = table.rows[0]
    for row in following.rows:
        if not _same_text(row, header):
            row.continued = True
            return


def stitch_tables(page_tables: Sequence[PageTable]) -> list[RawTable]:
    """Join tables continued across pages into one ``RawTable`` each, in document order."""
    tables: list[RawTable] = []
    last_piece: PageTable | None = None
    for piece in page_tables:
        if last_piece is not None and continues_on(last_piece, piece):
            table = tables[-1]
            mark_continued_row(table, last_piece, piece)
            table.rows.extend(piece.rows)
            table.pages.append(piece.page)
        else:
            tables.append(
                RawTable(rows=list(piece.rows), pages=[piece.page], column_edges=piece.column_edges)
            )
        last_piece = piece
    return tables
