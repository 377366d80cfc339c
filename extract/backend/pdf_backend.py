"""PDF reader: pdfplumber for geometry, our own Thai-correct text, tables stitched across pages.

Per page: chars → glyph clusters with their Thai marks attached (``extract.utils.text``); visible
rules → table grids, with closing rules added where a page end cut a row open
(``extract.utils.geometry``); each cell's lines kept with their widths for the wrap repair. After
the last page, a table that runs on from one page to the next (same columns, nothing between but
page furniture, or its running number continuing ๖ → ๗) becomes one ``RawTable``.

A page that carries a table on without the rules or white gaps to find its columns by (horizontal
rules only; a lone column of text under a repeated header) is read in the columns of the table the
page before ended with. A page of thousands of drawn shapes (a map, a hatch) is not searched for
rules at all.

Pages are read one at a time, straight from pdfminer's layout, and their caches dropped, so memory
stays flat on long documents.
The text is raw: Thai code-point damage (sara am, PUA glyphs) is left for ``extract.repair``.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

import pdfplumber
from pdfminer.layout import LTChar, LTContainer, LTCurve, LTImage
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
from extract.tables import MAX_HEADER_ROWS, is_ticked
from extract.utils.columns import reading_blocks
from extract.utils.geometry import (
    COLUMN_TOLERANCE,
    MIN_EDGE_LENGTH,
    SNAP_TOLERANCE,
    BBox,
    CellGrid,
    closing_edges,
    cluster_values,
    contains,
    edge,
    fill_under,
    filled_areas,
    loose_lines,
    overlap_area,
    ruling_edges,
    runs_along,
    same_columns,
    same_gutters,
)
from extract.utils.glyph_text import GlyphTextResourceManager
from extract.utils.text import (
    Glyph,
    Line,
    dedupe_chars,
    glyphs_from_chars,
    group_lines,
    make_line,
    split_paragraphs,
    usual_line_step,
)
from extract.utils.unruled import UnruledTable, find_unruled_tables
from normalize.agencies import DOCUMENT_WORDS
from normalize.headers import heading_above
from normalize.lists import step_marker
from normalize.numerals import parse_int
from normalize.wraps import LIST_MARKER_BREAK, explain_line_junctions

DEFAULT_FONT_SIZE = 12.0  # points, for a row whose cells give none
# Points within which two lines start at the same place, or a line sits centred in its cell.
INDENT_TOLERANCE = 1.5
# Lines of page 1 read for the title, agency and fiscal year when it has no table to stop at: a
# cover or a memo's heading (title, fiscal year, section, office, parent office) fits in them.
TITLE_LINES_WITHOUT_TABLE = 8
# A gap this wide (in em) between two pieces of a heading line sets them in separate boxes.
HEADING_GAP_EM = 2.0
# A heading line wraps on to a line at most this many ems lower (top to top).
HEADING_STEP_EM = 1.8
# Share of the page height at the top and bottom where running headers and footers sit.
FURNITURE_BAND = 0.07
# Text this far (in em) above or below a table's rules can still be the rest of its cut row.
MAX_ROW_GAP_EM = 1.5
# Glyphs closer than this (in em) on both sides of a column edge are one run of text across it
# (a word space is ~0.25 em; text in neighbouring cells is at least two paddings apart).
RUN_ON_GAP_EM = 0.3
# Cell padding is measured, but never taken as more than this (points).
MAX_CELL_PADDING = 8.0
# A page drawing more shapes than this holds a map, chart or hatching, not a ruled table (a full
# page of ruled cells draws a few hundred): its rules are not looked for, which would take
# seconds and hundreds of MB, and its text is read as free lines.
MAX_RULE_SHAPES = 5000
# A page this much covered by images, with fewer glyphs of text than this, is a scan (perhaps
# stamped or numbered in type): its content is in the image, for OCR.
SCAN_IMAGE_COVER, SCAN_MAX_GLYPHS = 0.5, 200
# A cell whose first line lies this far (share of the em) below its row's top line opens a paragraph.
PARAGRAPH_OPENING_EM = 0.35

# "- 3 -", "หน้า ๒", "2/5": a bare number of four digits is a year ("พ.ศ." / "๒๕๖๘" of a title
# wrapped before its year), not a page number
_PAGE_NUMBER = re.compile(
    r"^[-–—(\s]*(?:(?:หน้า|หน้าที่|page)\s*[0-9๐-๙]+|[0-9๐-๙]{1,3})"
    r"(?:\s*(?:/|จาก|of)\s*[0-9๐-๙]+)?[-–—)\s]*$",
    re.IGNORECASE,
)
_RUNNING_NUMBER = re.compile(r"^\(?([0-9๐-๙]{1,4})[.)]?$")
_DIGITS = re.compile(r"[0-9๐-๙]+")


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
    heading: str | None = None  # the section heading printed right above it (``heading_above``)


@dataclass
class PageReading:
    page: Page
    tables: list[PageTable]
    free_lines: list[Line]  # the page's lines outside its tables
    # what the page prints in its running header and footer bands (``_furniture_key`` of each
    # piece of text there): what page 1 and a later page both print there is running text
    furniture: frozenset[str] = frozenset()


def page_title_lines(reading: PageReading, running: frozenset[str] = frozenset()) -> list[str]:
    """The lines that give the document's title and metadata: the heading above the page's first
    table, else the first lines of the page (see ``_first_lines``); each entry's lines (a title
    set over several) joined by newlines. ``running``: the running header and footer text of the
    document (``_furniture_key``), read after the page's own heading: a header naming the agency
    in short ("อบต.บ่อแก้ว") above the title block fills in only what the heading leaves out."""
    top = reading.tables[0].bbox[1] + 1 if reading.tables else math.inf
    heading = heading_entries(
        [
            piece
            for line in reading.free_lines
            if line.bottom <= top
            for piece in line_pieces(line)
            if not _PAGE_NUMBER.match(piece.text)
        ]
    )
    heading.sort(key=lambda entry: all(_furniture_key(line.text) in running for line in entry))
    entries = heading if reading.tables else _first_lines(heading)
    return ["\n".join(line.text for line in entry) for entry in entries]


def read(data: bytes, source_name: str) -> ExtractedDocument:
    """Read a PDF into pages of raw text and tables of raw cells, tables stitched across pages."""
    _check_signature(data)
    pages: list[Page] = []
    page_tables: list[PageTable] = []
    first: PageReading | None = None
    repeated: set[str] = set()  # running text of the pages after the first
    notes: list[str] = []
    with _open(data) as pdf:
        for reading in _read_pages(pdf, notes):
            pages.append(reading.page)
            page_tables.extend(reading.tables)
            if first is None:
                first = reading
            else:
                repeated |= reading.furniture
    titles = page_title_lines(first, first.furniture & repeated) if first else []
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
        title_lines=titles,
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
        pdf = pdfplumber.open(io.BytesIO(data))  # pdfminer tries the empty password itself
    except PdfminerException as error:
        cause = error.args[0] if error.args else error
        if isinstance(cause, PDFPasswordIncorrect):
            raise UnreadableDocument("encrypted PDF (needs a password)") from error
        if isinstance(cause, PDFEncryptionError):
            raise UnreadableDocument(f"encrypted PDF of an unsupported kind ({cause})") from error
        raise UnreadableDocument(f"damaged PDF: {_reason(cause)}") from error
    except Exception as error:  # pdfminer raises many kinds on broken files
        raise UnreadableDocument(f"damaged PDF: {_reason(error)}") from error
    pdf.rsrcmgr = GlyphTextResourceManager()  # glyph text checked against the embedded fonts
    return pdf


def _reason(error: object) -> str:
    text = str(error).strip() or type(error).__name__
    return text[:120]


def _read_pages(pdf: pdfplumber.PDF, notes: list[str]) -> Iterator[PageReading]:
    try:
        page_list = pdf.pages
    except Exception as error:
        raise UnreadableDocument(f"damaged PDF: {_reason(error)}") from error
    carried: PageTable | None = None  # the table the page before ran to its end with
    for page in page_list:
        try:
            chars, shapes, images = page_objects(page)
        except Exception as error:  # a broken content stream: keep the other pages
            if MemoryError in (type(error), type(error.__context__)):  # a limit, not damage
                raise MemoryError from error
            notes.append(f"damaged page {page.page_number}: {_reason(error)}")
            yield PageReading(Page(page.page_number, ""), [], [])
            carried = None
            continue
        finally:
            page.close()  # drop pdfplumber's per-page caches: memory stays flat
        if shapes is None:
            notes.append(
                f"page {page.page_number}: more than {MAX_RULE_SHAPES:,} drawn shapes, "
                "read as text without looking for ruled tables"
            )
        edges = ruling_edges(shapes) if shapes else []
        fills = filled_areas(shapes) if shapes else []
        reading = read_page(page.page_number, page.bbox, chars, edges, carried=carried, fills=fills)
        reading.page.scanned = is_scan(page.bbox, images, chars)
        yield reading
        carried = _running_to_page_end(reading.tables)


def page_objects(
    page: pdfplumber.page.Page,
) -> tuple[list[dict], list[dict] | None, list[BBox]]:
    """The page's chars (content-stream order), drawn shapes (lines, rects, curves) and image
    boxes, in pdfplumber's coordinates, parsed once; shapes None when there are more than
    ``MAX_RULE_SHAPES``.

    Read straight from pdfminer's layout: pdfplumber's ``page.objects`` resolves every attribute
    of every object (colour spaces, marked content, …), a third of the parse time, for fields no
    one here reads.
    """
    height = page.height
    mb_x0, mb_top = page.mediabox[0], page.mediabox[1]
    chars: list[dict] = []
    shapes: list[dict] = []
    images: list[BBox] = []
    count = 0
    pending = [iter(page.layout._objs)]
    while pending:
        obj = next(pending[-1], None)
        if obj is None:
            pending.pop()
        elif isinstance(obj, LTChar):
            chars.append(
                {
                    "object_type": "char",
                    "text": obj.get_text(),
                    "fontname": obj.fontname,
                    "size": obj.size,
                    "x0": obj.x0 + mb_x0,
                    "x1": obj.x1 + mb_x0,
                    "top": height - obj.y1 + mb_top,
                    "bottom": height - obj.y0 + mb_top,
                    "baseline": _baseline(obj, height, mb_top),
                    "vertical": _vertical(obj),
                }
            )
        elif isinstance(obj, LTCurve):
            count += 1
            if count <= MAX_RULE_SHAPES:
                shapes.append(_shape(obj, height, mb_x0, mb_top))
        elif isinstance(obj, LTImage):
            images.append(
                (obj.x0 + mb_x0, height - obj.y1 + mb_top, obj.x1 + mb_x0, height - obj.y0 + mb_top)
            )
        elif isinstance(obj, LTContainer):  # a form XObject (LTFigure): its objects in turn
            pending.append(iter(obj._objs))
    return chars, (shapes if count <= MAX_RULE_SHAPES else None), images


def is_scan(page_bbox: BBox, images: Sequence[BBox], chars: Sequence[dict]) -> bool:
    """Images cover at least ``SCAN_IMAGE_COVER`` of the page and it sets fewer than
    ``SCAN_MAX_GLYPHS`` glyphs of text (a receipt stamp, a page number typed on a scan)."""
    area = overlap_area(page_bbox, page_bbox)
    covered = sum(overlap_area(page_bbox, image) for image in images)
    glyphs = sum(1 for char in chars if char["text"].strip())
    return area > 0 and covered / area >= SCAN_IMAGE_COVER and glyphs < SCAN_MAX_GLYPHS


def _baseline(char: LTChar, height: float, mb_top: float) -> float | None:
    """The y a char was set on (top-down), for upright text; None for rotated text."""
    a, b, c, d, _, y = char.matrix
    return height - y + mb_top if b == 0 and c == 0 and a > 0 and d > 0 else None


def _vertical(char: LTChar) -> int:
    """+1 for a char turned a quarter left (its text runs up the page: Word's "bottom to top" cell
    direction, Excel's rotated header), -1 turned right (runs down); 0 otherwise."""
    a, b, c, d, _, _ = char.matrix
    if abs(a) > 1e-6 or abs(d) > 1e-6:
        return 0
    return 1 if b > 0 > c else -1 if c > 0 > b else 0


def _shape(obj: LTCurve, height: float, mb_x0: float, mb_top: float) -> dict:
    """A line, rect or curve with what the rule finder reads (see ``geometry.ruling_edges``)."""
    kind = type(obj).__name__[2:].lower()  # LTLine → line, LTRect → rect, LTCurve → curve
    return {
        "object_type": kind if kind in ("line", "rect") else "curve",
        "x0": obj.x0 + mb_x0,
        "x1": obj.x1 + mb_x0,
        "top": height - obj.y1 + mb_top,
        "bottom": height - obj.y0 + mb_top,
        "stroke": obj.stroke,
        "fill": obj.fill,
        "evenodd": obj.evenodd,
        "stroking_color": obj.stroking_color,
        "non_stroking_color": obj.non_stroking_color,
        "pts": [(mb_x0 + x, mb_top + height - y) for x, y in obj.pts],
    }


def _running_to_page_end(tables: Sequence[PageTable]) -> PageTable | None:
    """A page's last table when it runs to the page end: the next page may carry it on."""
    if tables and (tables[-1].cut_bottom or tables[-1].clear_below):
        return tables[-1]
    return None


# --- one page ------------------------------------------------------------------------------


def read_page(
    number: int,
    page_bbox: BBox,
    chars: list[dict],
    edges: list[dict],
    *,
    carried: PageTable | None = None,
    fills: Sequence[tuple[BBox, str | None]] = (),
) -> PageReading:
    """One page from its chars (content-stream order) and visible rules: text, tables, title.

    ``carried``: the table the page before ran to its end with. A page carrying a ruled one on
    with horizontal rules only (no vertical rule to make cells of) is read in its columns; so is
    a page carrying an unruled one on with white gaps of its own (see ``find_unruled_tables``).
    ``fills``: the page's filled areas (``filled_areas``), which shade the cells they cover.
    Lines drawn over a table (``loose_lines``) make no rows: they cross the cells they run through.
    """
    glyphs = [
        g for g in glyphs_from_chars(dedupe_chars(chars)) if contains(page_bbox, g.centre, g.mid)
    ]
    drawn_over = loose_lines(edges)
    drawn = {id(line) for line in drawn_over}
    edges = [e for e in edges if id(e) not in drawn]
    grids = find_table_grids(edges)
    carried_columns = carried.column_edges if carried and carried.gutters is None else None
    if not grids and carried_columns:
        extent = carried_extent(edges, carried_columns, group_lines(glyphs))
        if extent is not None:
            top, bottom = extent
            grids = find_table_grids(
                edges + [edge("v", x, x, top, bottom) for x in carried_columns]
            )
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
        _page_table(number, grid, table_glyphs, fills, drawn_over)
        for grid, table_glyphs in zip(grids, in_table, strict=True)
    ]
    if not tables:  # no rules on the page: look for columns set apart by white gutters
        unruled = find_unruled_tables(free_lines, _unruled(carried))
        taken = {id(g) for table in unruled for row in table.rows for cell in row for g in cell}
        free_lines = [line for line in free_lines if id(line.glyphs[0]) not in taken]
        tables = [_unruled_page_table(number, table) for table in unruled]
    _mark_positions(tables, free_lines, page_bbox)
    page = Page(number=number, raw_text=_page_text(tables, free_lines))
    furniture = frozenset(
        _furniture_key(piece.text)
        for line in free_lines
        if _in_furniture_band(line, page_bbox)
        for piece in line_pieces(line)
    )
    return PageReading(page, tables, free_lines, furniture)


def line_pieces(line: Line) -> list[Line]:
    """A line cut where its text leaves a gap of ``HEADING_GAP_EM`` or more: text boxes side by
    side (a slide's title beside its vision statement, a page number set right of a heading)."""
    inked = [glyph for glyph in line.glyphs if glyph.text.strip()]
    if not inked:
        return [line]
    pieces: list[list[Glyph]] = [[inked[0]]]
    for previous, glyph in pairwise(inked):
        if glyph.x0 - previous.x1 >= HEADING_GAP_EM * line.size:
            pieces.append([])
        pieces[-1].append(glyph)
    return [line] if len(pieces) == 1 else [make_line(piece) for piece in pieces]


def heading_entries(lines: Sequence[Line]) -> list[list[Line]]:
    """The lines of a heading (top to bottom) in entries, each a line with the lines that wrap on
    from it: a long title set over two lines is one entry. A line wraps on to the next line
    below it in the same size, at most ``HEADING_STEP_EM`` lower, on the same centre or left
    edge; lines beside them (a printed web page's menu, between a title's two lines) are
    skipped over and stay entries of their own."""
    entries: list[list[Line]] = []
    taken: set[int] = set()
    for index, line in enumerate(lines):
        if index in taken:
            continue
        entry = [line]
        for below in range(index + 1, len(lines)):
            candidate, last = lines[below], entry[-1]
            if candidate.top - last.top > HEADING_STEP_EM * last.size:
                break
            if below not in taken and _wraps_on(last, candidate):
                entry.append(candidate)
                taken.add(below)
        entries.append(entry)
    return entries


def _wraps_on(line: Line, below: Line) -> bool:
    em = line.size
    return (
        abs(below.size - line.size) <= 0.1 * em
        and below.top - line.top >= 0.5 * em  # a line below, not a box beside it
        and (abs(below.x0 - line.x0) <= 0.5 * em or abs(below.centre - line.centre) <= em)
    )


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


def carried_extent(
    edges: Sequence[dict], columns: Sequence[float], lines: Sequence[Line]
) -> tuple[float, float] | None:
    """Top and bottom of a table carried on from the page before with horizontal rules only,
    in the columns it had there; None when no horizontal rule spans those columns or nothing
    lies between or beside them.

    From the first to the last such rule, and on past them over lines of text that sit in the
    columns right above or below (the rest of a row cut by a page end, open at the cut: the
    closing rule is added as on a fully ruled page). Text that crosses a column edge (prose
    after the table) is not the table's.
    """
    tol = COLUMN_TOLERANCE
    across = [
        e["top"]
        for e in edges
        if e["orientation"] == "h" and e["x0"] <= columns[0] + tol and e["x1"] >= columns[-1] - tol
    ]
    if not across:
        return None
    top, bottom = min(across), max(across)
    for line in sorted((ln for ln in lines if ln.top >= bottom), key=lambda ln: ln.top):
        if line.top - bottom > MAX_ROW_GAP_EM * line.size or not _in_columns(line, columns):
            break
        bottom = line.bottom + 1
    for line in sorted((ln for ln in lines if ln.bottom <= top), key=lambda ln: -ln.bottom):
        if top - line.bottom > MAX_ROW_GAP_EM * line.size or not _in_columns(line, columns):
            break
        top = line.top - 1
    return (top, bottom) if bottom - top > MIN_EDGE_LENGTH else None


def _in_columns(line: Line, columns: Sequence[float]) -> bool:
    """True when the line's text lies inside the columns and runs across no column edge."""
    if line.x0 < columns[0] - COLUMN_TOLERANCE or line.x1 > columns[-1] + COLUMN_TOLERANCE:
        return False
    inked = [g for g in line.glyphs if g.text.strip()]
    return not any(
        a.centre < x < b.centre and b.x0 - a.x1 < RUN_ON_GAP_EM * a.size
        for a, b in pairwise(inked)
        for x in columns[1:-1]
    )


def _page_table(
    number: int,
    grid: CellGrid,
    glyphs: list[Glyph],
    fills: Sequence[tuple[BBox, str | None]],
    drawn_over: Sequence[dict],
) -> PageTable:
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
    for bbox, cell in zip(grid.cells, cells, strict=True):
        cell.fill = fill_under(bbox, fills)
        # a cell across the whole row (a heading or a note printed in the table), marked as the
        # HTML and Word readers mark theirs
        cell.spans_row = (
            len(grid.xs) >= 2
            and bbox[0] <= grid.xs[0] + COLUMN_TOLERANCE
            and bbox[2] >= grid.bbox[2] - COLUMN_TOLERANCE
        )
    by_origin = {
        (bbox[1], bbox[0]): (cell, lines)
        for bbox, cell, lines in zip(grid.cells, cells, cell_lines, strict=True)
    }
    rows = [
        _raw_row(
            number,
            [
                by_origin.get((top, x), (_covered_position(grid, cells, r, c), []))
                for c, x in enumerate(grid.xs)
            ],
        )
        for r, top in enumerate(grid.tops)
    ]
    for r, c in grid.crossed(drawn_over):
        if c < len(rows[r].cells):
            rows[r].cells[c].crossed = True
    return PageTable(
        page=number,
        bbox=grid.bbox,
        rows=rows,
        column_edges=[round(x, 2) for x in cluster_values([*grid.xs, grid.bbox[2]])],
        cut_top=grid.cut_top,
        cut_bottom=grid.cut_bottom,
    )


def _covered_position(grid: CellGrid, cells: list[Cell], row: int, col: int) -> Cell:
    """The empty cell of a position a merged cell covers, shaded as that cell is (a bar drawn
    as one cell across the months it spans shades each of them)."""
    index = grid.covering(row, col)
    fill = cells[index].fill if index is not None else None
    return Cell(merged_from_above=grid.merged_from_above(row, col), fill=fill)


def _unruled(table: PageTable | None) -> UnruledTable | None:
    """An unruled page table back in the shape the unruled finder gives (columns only)."""
    if table is None or table.gutters is None:
        return None
    header = [cell.raw_text for cell in table.rows[0].cells] if table.rows else None
    return UnruledTable(table.bbox, table.gutters, [], header)


def _unruled_page_table(number: int, table: UnruledTable) -> PageTable:
    lefts = [table.bbox[0], *(b for _, b in table.gutters)]
    rights = [*(a for a, _ in table.gutters), table.bbox[2]]
    cell_lines = [[group_lines(glyphs) for glyphs in row] for row in table.rows]
    line_step = usual_line_step(lines for row in cell_lines for lines in row)
    rows = [
        _raw_row(
            number,
            [
                (_cell((left, table.bbox[1], right, table.bbox[3]), lines, line_step, 0.0), lines)
                for left, right, lines in zip(lefts, rights, row, strict=True)
            ],
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


def _raw_row(number: int, placed: list[tuple[Cell, list[Line]]]) -> RawRow:
    """A table row of page ``number`` from its cells and the lines each was read from."""
    mark_paragraph_openings(placed)
    return RawRow(cells=[cell for cell, _ in placed], page=number)


def mark_paragraph_openings(row: Sequence[tuple[Cell, list[Line]]]) -> None:
    """Flag the cells of a row whose text starts a paragraph gap below the row's top line.

    In a row that carries on a row cut by the page end, a cell going on with a wrapped paragraph
    starts on the row's top line, and one whose first paragraph is new starts one paragraph gap
    lower (measured: WeasyPrint 14.1 vs 7.1 pt, LibreOffice 8.1 vs 3.1 pt).
    """
    firsts = [lines[0] for _, lines in row if lines]
    if len(firsts) < 2:
        return
    top = min(line.top for line in firsts)
    for cell, lines in row:
        if lines and lines[0].top - top > PARAGRAPH_OPENING_EM * lines[0].size:
            cell.opens_paragraph = True


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
            lines=[wrapped_line_text(line) for line in paragraph.lines],
            line_widths=[round(line.width, 2) for line in paragraph.lines],
            font_size=paragraph.font_size,
            line_indents=line_indents(paragraph.lines, bbox[0] + padding, bbox[2] - padding),
        )
        for paragraph in split_paragraphs(lines, line_step)
    ]
    return Cell(blocks=blocks, width=width)


def line_indents(lines: Sequence[Line], left: float, right: float) -> list[float] | None:
    """Where each line starts right of the cell's inner ``left`` edge, for a block set flush
    left (an indented first line, a list item's hanging indent, a sub-list's deeper one). None
    for a block set centred (each line as far from both edges) or flush right."""
    indents = [max(line.x0 - left, 0.0) for line in lines]
    if max(indents) > INDENT_TOLERANCE:
        gaps = [(line.x0 - left, right - line.x1) for line in lines]
        if all(abs(start - end) <= INDENT_TOLERANCE for start, end in gaps):
            return None  # centred
        if all(end <= INDENT_TOLERANCE for _, end in gaps):
            return None  # flush right
    return [round(indent, 2) for indent in indents]


def wrapped_line_text(line: Line) -> str:
    """The text of a cell line, with the space it ends on when the PDF has one there.

    Word processors (Word, LibreOffice) keep the space a line wrapped at as the line's last
    char, and write none where a line wraps between two Thai words without one: the wrap
    repair's best evidence of the author's spacing. (Browsers drop it.) A block's last line
    keeps it too: where a page end cut the row, the line goes on on the next page.
    """
    return line.text + " " if line.space_after else line.text


def _is_furniture(line: Line, page_bbox: BBox) -> bool:
    """Page numbers, and anything in the running header or footer band."""
    return _in_furniture_band(line, page_bbox) or bool(_PAGE_NUMBER.match(line.text))


def _in_furniture_band(line: Line, page_bbox: BBox) -> bool:
    band = FURNITURE_BAND * (page_bbox[3] - page_bbox[1])
    return line.bottom <= page_bbox[1] + band or line.top >= page_bbox[3] - band


def _furniture_key(text: str) -> str:
    """Running text compared page to page: without spaces, its numbers (page, date) as #."""
    return _DIGITS.sub("#", "".join(text.split()))


def _mark_positions(tables: list[PageTable], free_lines: list[Line], page_bbox: BBox) -> None:
    if not tables:
        return
    tables[0].first_on_page = True
    tables[-1].last_on_page = True
    content = [line for line in free_lines if not _is_furniture(line, page_bbox)]
    tables[0].clear_above = not any(line.bottom <= tables[0].bbox[1] + 1 for line in content)
    tables[-1].clear_below = not any(line.top >= tables[-1].bbox[3] - 1 for line in content)
    floor = page_bbox[1]  # the bottom of the table before, on this page
    for table in tables:
        between = [
            line for line in content if floor - 1 <= line.top and line.bottom <= table.bbox[1] + 1
        ]
        table.heading = heading_above(
            [line.text for line in sorted(between, key=lambda above: above.top)]
        )
        floor = table.bbox[3]


def _page_text(tables: list[PageTable], free_lines: list[Line]) -> str:
    """The page's text in reading order: the free text block by block (a column read to its foot
    before the next, ``reading_blocks``), each table (row by row, cell by cell) before the first
    block below its top."""
    blocks = [group_lines(block) for block in reading_blocks(_glyphs_of(free_lines))]
    waiting = sorted(tables, key=lambda table: table.bbox[1])
    texts: list[str] = []
    for lines in blocks:
        while waiting and lines and waiting[0].bbox[1] < lines[0].top:
            texts.extend(_table_lines(waiting.pop(0)))
        texts.extend(line.text for line in lines)
    for table in waiting:
        texts.extend(_table_lines(table))
    return "\n".join(texts)


def _glyphs_of(lines: Sequence[Line]) -> list[Glyph]:
    return [glyph for line in lines for glyph in line.glyphs]


def _table_lines(table: PageTable) -> list[str]:
    return [
        line.rstrip(" ")  # a cell line keeps the space its wrap took: evidence, not text
        for row in table.rows
        for cell in row.cells
        for b in cell.blocks
        for line in b.lines
    ]


def _first_lines(heading: list[list[Line]]) -> list[list[Line]]:
    """The entries of a page without a table that give the document's title and metadata, at
    most ``TITLE_LINES_WITHOUT_TABLE`` lines: from the first naming a document and under it,
    not beside it (a web page printed to PDF opens with its site's menus, and may run one down
    the side), else from the top."""
    if not heading:
        return []
    named = next(
        (i for i, entry in enumerate(heading) if entry[0].text.startswith(DOCUMENT_WORDS)), None
    )
    start = named or 0
    left, right = min(line.x0 for line in heading[start]), max(line.x1 for line in heading[start])
    entries: list[list[Line]] = []
    room = TITLE_LINES_WITHOUT_TABLE
    for entry in heading[start:]:
        if named is not None and not any(line.x0 < right and line.x1 > left for line in entry):
            continue
        entries.append(entry[:room])
        room -= len(entries[-1])
        if room <= 0:
            break
    return entries


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


def mark_continued_row(
    table: RawTable, previous: PageTable, following: PageTable, body_bottom: float
) -> None:
    """Flag the row of ``following`` that carries on the row the page end cut, if one was cut.

    Skips the header rows printed again at the top of the page (the same text as one of the
    table's first rows: a header may take two). The text decides with the layout: an open border
    at the cut says the table goes on, not that a row does (browsers leave the border open where
    the page breaks between two rows), so a row whose cells open new paragraphs is a new row; a
    word processor that closes the border at the page end (Word, LibreOffice with rows allowed
    to break) leaves it all to the text: the table ran down to the page's last line and the
    row's cells read on as wraps.
    """
    headers = table.rows[:MAX_HEADER_ROWS]
    row = next(
        (row for row in following.rows if not any(_same_text(row, h) for h in headers)), None
    )
    if row is None or not previous.rows:
        return
    if _numbers_on(previous.rows, row):
        return  # ๖ above the cut, ๗ below: the row numbers say a new row begins
    if _pushed_over(table.rows[len(headers) :], row):
        row.continued = True
        return
    reading = _row_goes_on(previous.rows, row)
    if previous.cut_bottom or following.cut_top:
        row.continued = reading != "anew"
    else:
        row.continued = reading == "on" and _reaches(previous, body_bottom)


def _pushed_over(rows_above: Sequence[RawRow], row: RawRow) -> bool:
    """The row cut by the page end (the last above) opens a measure (its steps numbered from 1,
    or nothing but a chart's ticks) but leaves its title blank, and ``row`` prints one: the
    title was pushed whole onto the next page (widow and orphan control keeps a title of two
    lines together), so ``row`` carries the cut row on.

    The title column is the first that every other row above fills; rows across the table (a
    section heading, a note) are no evidence, and a cell merged down, or a row carried on from
    the page before, prints no title of its own."""
    rows = [r for r in rows_above if not any(cell.spans_row for cell in r.cells)]
    if len(rows) < 3 or len(rows[-1].cells) != len(row.cells):
        return False
    cut, others = rows[-1], rows[:-1]
    marked = [is_ticked(cell, cut.cells) for cell in cut.cells]
    chart_only = any(marked) and all(
        mark or cell.is_empty() for mark, cell in zip(marked, cut.cells, strict=True)
    )
    if cut.continued or not (chart_only or any(map(_opens_steps, cut.cells))):
        return False
    titled = (
        column
        for column in range(len(cut.cells))
        if all(column < len(r.cells) and not r.cells[column].is_empty() for r in others)
    )
    column = next(titled, None)
    if column is None:
        return False
    title = cut.cells[column]
    return title.is_empty() and not title.merged_from_above and not row.cells[column].is_empty()


def _opens_steps(cell: Cell) -> bool:
    """The cell's text opens with step 1 ("๑. จัดทำ…", "1)")."""
    lines = cell.raw_text.lstrip().splitlines()
    marker = step_marker(lines[0]) if lines else None
    return marker is not None and marker.number == 1


def _numbers_on(rows_above: Sequence[RawRow], row: RawRow) -> bool:
    """``row``'s first cell holds, or opens with, the number after the last row number above
    the cut: "๗" under "๖", or a title "๗. …" under "๖. …"."""
    number = _row_number(row)
    last = next((n for r in reversed(rows_above) if (n := _row_number(r))), None)
    return number is not None and last is not None and number == last + 1


def _row_number(row: RawRow) -> int | None:
    """The number of a row: its first cell's running number, or the step number its text opens
    with."""
    if (number := _running_number(row)) is not None:
        return number
    marker = step_marker(row.cells[0].raw_text.lstrip()) if row.cells else None
    return marker.number if marker else None


def _reaches(piece: PageTable, body_bottom: float) -> bool:
    """The table piece ends on the page's last line: within two of its font sizes of the lowest
    any table of the document reaches."""
    sizes = [b.font_size for c in piece.rows[-1].cells for b in c.blocks if b.font_size]
    return piece.bbox[3] >= body_bottom - 2 * (max(sizes) if sizes else DEFAULT_FONT_SIZE)


CellReading = Literal["on", "paragraph", "restart"]


def _row_goes_on(rows_above: Sequence[RawRow], row: RawRow) -> Literal["on", "anew"] | None:
    """How ``row`` (at the top of a page) reads after the rows above the page end, cell by cell
    against the last text of each column: "anew" when a cell's numbering starts again, or when
    its cells open new paragraphs more often than they read on; "on" when more read on as wraps
    (a paragraph may end just at the page end, so one new paragraph does not make a new row);
    None when the text does not tell."""
    readings: list[CellReading] = []
    for column, below in enumerate(row.cells):
        above = next(
            (r.cells[column] for r in reversed(rows_above)
             if column < len(r.cells) and not r.cells[column].is_empty()),
            None,
        )  # fmt: skip
        reading = _cell_goes_on(above, below) if above is not None else None
        if reading is not None:
            readings.append(reading)
    on, paragraphs = readings.count("on"), readings.count("paragraph")
    if "restart" in readings or paragraphs > on:
        return "anew"
    return "on" if on else None


def _cell_goes_on(above: Cell, below: Cell) -> CellReading | None:
    """ "on" when the first line of ``below`` reads as a wrap of the last line of ``above`` (that
    line was full), "paragraph" when it opens one (the line had room for its first word),
    "restart" when it opens a step numbered no higher than the last step above; None when either
    is empty, or ``below`` opens a step whose number runs on (Word's numbering runs on from one
    measure to the next) or a bullet."""
    if above.is_empty() or below.is_empty():
        return None
    last, first = above.blocks[-1], below.blocks[0]
    if last.line_widths is None or first.line_widths is None:
        return None
    indents = None
    if last.line_indents is not None and first.line_indents is not None:
        indents = [*last.line_indents, first.line_indents[0]]
    junction = explain_line_junctions(
        [*last.lines, first.lines[0]],
        line_widths=[*last.line_widths, first.line_widths[0]],
        width=above.width,
        font_size=last.font_size,
        line_indents=indents,
    )[-1]
    if junction.kind != "break":
        return "on"
    if junction.reason != LIST_MARKER_BREAK:
        return "paragraph"
    opened = step_marker(first.lines[0])
    numbers = [m.number for line in above.raw_text.splitlines() if (m := step_marker(line))]
    if opened and opened.number is not None and numbers and opened.number <= numbers[-1]:
        return "restart"
    return None


def stitch_tables(page_tables: Sequence[PageTable]) -> list[RawTable]:
    """Join tables continued across pages into one ``RawTable`` each, in document order."""
    tables: list[RawTable] = []
    last_piece: PageTable | None = None
    body_bottom = max((piece.bbox[3] for piece in page_tables), default=0.0)
    for piece in page_tables:
        if last_piece is not None and continues_on(last_piece, piece):
            table = tables[-1]
            mark_continued_row(table, last_piece, piece, body_bottom)
            table.rows.extend(piece.rows)
            table.pages.append(piece.page)
        else:
            tables.append(
                RawTable(
                    rows=list(piece.rows),
                    pages=[piece.page],
                    column_edges=piece.column_edges,
                    heading=piece.heading,
                )
            )
        last_piece = piece
    return tables
