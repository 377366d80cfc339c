"""Repair stage: extraction damage undone, text otherwise kept as published.

- Thai code points (PUA glyphs, sara am, mark order, invisibles) on every line of every reader;
  the dictionary-checked sara-am restoration only on PDF text, where fonts lose the ring.
- Wrap spaces and line breaks inside table cells, decided per column of each table page (the
  cells of one column share a line width, which the wrap model uses).
- Page text scored for Thai health, raw text kept beside the repaired text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence

from extract.model import BlockKind, Cell, ExtractedDocument, RawTable, TextBlock
from extract.tables import is_header_row
from normalize.chars import repair_thai_chars, restore_sara_am
from normalize.quality import assess_thai_quality
from normalize.wraps import (
    NO_BREAK_SPACE,
    WrapStats,
    join_wrapped_lines,
    repair_wrap_spaces,
    stats_from_columns,
)


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
    doc.title_lines = ["\n".join(map(repair_line, entry.split("\n"))) for entry in doc.title_lines]
    for table in doc.tables:
        if table.heading:
            table.heading = repair_line(table.heading)
        for cell in _cells(table):
            for block in cell.blocks:
                kept = not _is_spaced(block)  # lines the layout tests will read
                block.lines = [
                    _keeping_glue(repair_line, line) if kept else repair_line(line)
                    for line in block.lines
                ]


def document_wrap_stats(doc: ExtractedDocument) -> WrapStats:
    """How the document itself writes word pairs (joined or spaced), for the wrap decisions: the
    blocks whose wraps became spaces by column (a space that may be a wrap is no evidence), the
    blocks that kept their lines as they are."""
    columns = [_spaced_lines(cells) for table in doc.tables for cells in _cells_by_page(table)]
    lines = [
        block.raw_text
        for table in doc.tables
        for cell in _cells(table)
        for block in cell.blocks
        if not _is_spaced(block)
    ]
    return stats_from_columns(columns, lines)


def repair_wraps(doc: ExtractedDocument, stats: WrapStats | None = None) -> None:
    """Every cell's paragraphs, wraps decided per column of each table page."""
    for table in doc.tables:
        groups = _cells_by_page_column(table)
        for key, column_cells in groups.items():
            repair_column_wraps(column_cells, stats, width_hints=_width_hints(groups, key))


def _width_hints(
    groups: dict[tuple[int, int, bool], list[Cell]], key: tuple[int, int, bool]
) -> list[list[str]]:
    """The same column's text on the other pages of the table, nearest page first, then its
    header cells: probably set in the same width (the wrap model checks that they agree)."""
    page, column, header = key
    others = sorted(
        (other for other in groups if other[1] == column and other[0] != page),
        key=lambda other: (other[2] != header, abs(other[0] - page), other[0]),
    )
    hints = [_spaced_lines(groups[other]) for other in others]
    return [hint for hint in hints if hint]


def _spaced_lines(cells: list[Cell]) -> list[str]:
    """The single-line blocks of cells: wraps already turned into spaces."""
    return [block.lines[0] for cell in cells for block in cell.blocks if _is_spaced(block)]


def _is_spaced(block: TextBlock) -> bool:
    """A block whose wraps became spaces (one line of unknown width), not line breaks."""
    return len(block.lines) == 1 and block.line_widths is None


def _keeping_glue(repair_line: Callable[[str], str], line: str) -> str:
    """A cell line repaired around its no-break spaces, kept for the layout tests of the wrap
    repair (no line broke there), which turns them into spaces."""
    return NO_BREAK_SPACE.join(repair_line(piece) for piece in line.split(NO_BREAK_SPACE))


def _line_repairer(fmt: str) -> Callable[[str], str]:
    if fmt == "pdf":
        return lambda line: restore_sara_am(repair_thai_chars(line))
    return repair_thai_chars


def _cells(table: RawTable) -> Iterator[Cell]:
    for row in table.rows:
        yield from row.cells


def _cells_by_page(table: RawTable) -> list[list[Cell]]:
    """The cells of each column on each page (header rows included: for statistics only)."""
    groups: dict[tuple[int, int], list[Cell]] = defaultdict(list)
    for row in table.rows:
        for column, cell in enumerate(row.cells):
            groups[(row.page, column)].append(cell)
    return list(groups.values())


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


def repair_column_wraps(
    cells: list[Cell],
    stats: WrapStats | None = None,
    *,
    width_hints: Sequence[Sequence[str]] = (),
) -> None:
    """Decide every wrap in the cells of one column on one page; fills ``paragraphs``/``kinds``.

    Blocks that kept their visual lines (PDF, HTML ``<br>``) have each line junction decided; blocks
    whose wraps already became spaces (text dumps, HTML) go through the column-wide space model together
    (``width_hints``: the column's text on other pages, see ``repair_wrap_spaces``).
    """
    spaced = _spaced_lines(cells)  # single-line blocks of the whole column, repaired in one call
    repaired_spaced = iter(
        repair_wrap_spaces(spaced, stats, width_hints=width_hints) if spaced else []
    )

    for cell in cells:
        paragraphs: list[str] = []
        kinds: list[BlockKind] = []
        for block in cell.blocks:
            if _is_spaced(block):
                texts = [next(repaired_spaced)]
            else:
                texts = join_wrapped_lines(
                    block.lines,
                    line_widths=block.line_widths,
                    line_indents=block.line_indents,
                    width=cell.width,
                    font_size=block.font_size,
                    stats=stats,
                )
            for index, text in enumerate(t for t in texts if t.strip()):
                paragraphs.append(text.strip())
                kinds.append(block.kind if index == 0 else "p")
        cell.paragraphs = paragraphs
        cell.kinds = kinds
