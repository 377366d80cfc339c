"""Repair stage: extraction damage undone, text otherwise kept as published.

- Thai code points (PUA glyphs, sara am, mark order, invisibles) on every line of every reader;
  the dictionary-checked sara-am restoration only on PDF text, where fonts lose the ring.
- Wrap spaces and line breaks inside table cells, decided per column of each table page (the
  cells of one column share a line width, which the wrap model uses).
- Page text scored for Thai health, raw text kept beside the repaired text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator

from extract.model import BlockKind, Cell, ExtractedDocument, RawTable
from extract.tables import is_header_row
from normalize.chars import repair_thai_chars, restore_sara_am
from normalize.quality import assess_thai_quality
from normalize.wraps import WrapStats, join_wrapped_lines, repair_wrap_spaces


def repair_characters(doc: ExtractedDocument) -> None:
    """Thai code points of every page, title line and cell line, and each page's quality.

    OCR is decided on the repaired text (what users get); the raw text's score is kept as a record
    of the damage the PDF carried.
    """
    repair_line = _line_repairer(doc.format)
    for page in doc.pages:
        page.text = "\n".join(repair_line(line) for line in page.raw_text.split("\n"))
        if page.quality is None:
            page.quality = assess_thai_quality(page.text).score
            page.raw_quality = assess_thai_quality(page.raw_text).score
    doc.title_lines = [repair_line(line) for line in doc.title_lines]
    for table in doc.tables:
        for cell in _cells(table):
            for block in cell.blocks:
                block.lines = [repair_line(line) for line in block.lines]


def document_wrap_stats(doc: ExtractedDocument) -> WrapStats:
    """How the document itself writes word pairs (joined or spaced), for the wrap decisions."""
    return WrapStats.from_texts(cell.raw_text for table in doc.tables for cell in _cells(table))


def repair_wraps(doc: ExtractedDocument, stats: WrapStats | None = None) -> None:
    """Every cell's paragraphs, wraps decided per column of each table page."""
    for table in doc.tables:
        for column_cells in _cells_by_page_column(table).values():
            repair_column_wraps(column_cells, stats)


def _line_repairer(fmt: str) -> Callable[[str], str]:
    if fmt == "pdf":
        return lambda line: restore_sara_am(repair_thai_chars(line))
    return repair_thai_chars


def _cells(table: RawTable) -> Iterator[Cell]:
    for row in table.rows:
        yield from row.cells


def _cells_by_page_column(table: RawTable) -> dict[tuple[int, int, bool], list[Cell]]:
    """Cells grouped by the line width they share: one column on one page. Header rows form their
    own groups: a header wraps in its own way (bold, often narrower text) and would mislead the
    width estimate of the body, or be misled by it."""
    groups: dict[tuple[int, int, bool], list[Cell]] = defaultdict(list)
    for index, row in enumerate(table.rows):
        header = is_header_row(row, first=index == 0)
        for column, cell in enumerate(row.cells):
            groups[(row.page, column, header)].append(cell)
    return groups


def repair_column_wraps(cells: list[Cell], stats: WrapStats | None = None) -> None:
    """Decide every wrap in the cells of one column on one page; fills ``paragraphs``/``kinds``.

    Blocks that kept their visual lines (PDF, HTML ``<br>``) have each line junction decided; blocks
    whose wraps already became spaces (text dumps, HTML) go through the column-wide space model together.
    """
    spaced: list[str] = []  # single-line blocks of the whole column, repaired in one call
    for cell in cells:
        for block in cell.blocks:
            if len(block.lines) == 1 and block.line_widths is None:
                spaced.append(block.lines[0])
    repaired_spaced = iter(repair_wrap_spaces(spaced, stats) if spaced else [])

    for cell in cells:
        paragraphs: list[str] = []
        kinds: list[BlockKind] = []
        for block in cell.blocks:
            if len(block.lines) == 1 and block.line_widths is None:
                texts = [next(repaired_spaced)]
            else:
                texts = join_wrapped_lines(
                    block.lines,
                    line_widths=block.line_widths,
                    width=cell.width,
                    font_size=block.font_size,
                    stats=stats,
                )
            for index, text in enumerate(t for t in texts if t.strip()):
                paragraphs.append(text.strip())
                kinds.append(block.kind if index == 0 else "p")
        cell.paragraphs = paragraphs
        cell.kinds = kinds
