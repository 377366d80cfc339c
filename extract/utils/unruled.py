"""Tables drawn without rules: columns found from the white gutters that run down a block of
lines, rows from where the first column starts a new entry.

Only used on pages without ruled tables. A block qualifies when at least ``MIN_ROWS`` of its lines
are split by a gutter, no line crosses one (prose runs across the whole width, so a paragraph
never qualifies) and at least two rows are told apart.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from extract.utils.geometry import BBox
from extract.utils.text import Glyph, Line

# A gap this wide (in em) inside a line can separate two columns: word spaces are ~0.3 em, and a
# web table's usual cell padding (4 pt a side) leaves about 0.53 em between columns at 15 pt.
GUTTER_EM = 0.45
# Lines of a block further apart than this (in em, top to top) end the block: more than the
# white between two rows (cell padding), or below a header row of centred labels.
MAX_LINE_STEP_EM = 3.5
# Lines split by a gutter needed to call a block a table.
MIN_ROWS = 3
# Extra space above a line (in em, beyond the usual line step) that ends the row before it when
# the line starts a new entry in the first column; twice this ends a row anyway.
ROW_GAP_EM = 0.4


@dataclass
class UnruledTable:
    bbox: BBox
    gutters: list[tuple[float, float]]  # white x-intervals between columns, left to right
    rows: list[list[list[Glyph]]]  # rows → cells → glyphs
    # Carried from the page before: the text of its first row per column, which a page that
    # repeats the header spells out again at the top.
    header: list[str] | None = None

    @property
    def column_edges(self) -> list[float]:
        middles = [(a + b) / 2 for a, b in self.gutters]
        return [self.bbox[0], *middles, self.bbox[2]]


def _segments(line: Line) -> list[tuple[float, float]]:
    """x-spans of a line's text, split where the gap reaches ``GUTTER_EM``."""
    spans: list[list[float]] = []
    for glyph in line.glyphs:
        if not glyph.text.strip():
            continue
        if spans and glyph.x0 - spans[-1][1] < GUTTER_EM * glyph.size:
            spans[-1][1] = max(spans[-1][1], glyph.x1)
        else:
            spans.append([glyph.x0, glyph.x1])
    return [(a, b) for a, b in spans]


def _gutters(lines: Sequence[Line], size: float) -> list[tuple[float, float]]:
    """White x-intervals at least ``GUTTER_EM`` wide crossing every line, inside the block."""
    spans = sorted(span for line in lines for span in _segments(line))
    gutters = []
    right = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - right >= GUTTER_EM * size:
            gutters.append((right, x0))
        right = max(right, x1)
    return gutters


def _runs(lines: Sequence[Line]) -> list[list[Line]]:
    """Runs of lines close together, top to bottom."""
    runs: list[list[Line]] = []
    for line in lines:
        if runs and line.top - runs[-1][-1].top <= MAX_LINE_STEP_EM * line.size:
            runs[-1].append(line)
        else:
            runs.append([line])
    return runs


def _fits(line: Line, gutters: Sequence[tuple[float, float]], left: float, right: float) -> bool:
    """True when no part of the line's text crosses a gutter or leaves the block's width."""
    return all(
        x0 >= left - 1 and x1 <= right + 1 and not any(x0 < b and x1 > a for a, b in gutters)
        for x0, x1 in _segments(line)
    )


def _table_block(run: list[Line]) -> tuple[list[Line], list[tuple[float, float]]] | None:
    """The lines of ``run`` that form a table, and its gutters; None when there is none.

    The core runs from the first to the last line split by a gutter; lines below it that fit
    the columns join it (a cell's last lines), and so do lines above it that fit and leave the
    first column empty (a row continued from the page before). A caption or title above, which
    starts at the left or crosses a gutter, stays out.
    """
    split = [i for i, line in enumerate(run) if len(_segments(line)) > 1]
    if len(split) < MIN_ROWS:
        return None
    core = run[split[0] : split[-1] + 1]
    gutters = _gutters(core, max(line.size for line in core))
    if not gutters:
        return None
    left, right = min(line.x0 for line in core), max(line.x1 for line in core)
    start, end = split[0], split[-1] + 1
    while end < len(run) and _fits(run[end], gutters, left, right):
        end += 1
    while (
        start > 0
        and _fits(run[start - 1], gutters, left, right)
        and run[start - 1].x0 > gutters[0][0]
    ):
        start -= 1
    return run[start:end], gutters


def _column_of(x: float, gutters: Sequence[tuple[float, float]]) -> int:
    return sum(1 for a, b in gutters if x >= (a + b) / 2)


def column_line_step(block: Sequence[Line], gutters: Sequence[tuple[float, float]]) -> float | None:
    """Median distance between consecutive lines of one column (top to top): the line pitch.

    Taken column by column because the lines of neighbouring cells need not align: labels
    centred in a header row stagger, so the block's own line-to-line steps run short.
    """
    steps = []
    for column in range(len(gutters) + 1):
        tops = [
            line.top
            for line in block
            if any(_column_of(g.centre, gutters) == column for g in line.glyphs if g.text.strip())
        ]
        steps += [b - a for a, b in pairwise(tops)]
    return statistics.median(steps) if steps else None


def _carried_block(
    run: list[Line], gutters: Sequence[tuple[float, float]], left: float, right: float
) -> list[Line] | None:
    """The lines of ``run``, from the first that fits the columns of the table the page before
    ended with, on while they fit; None when no line does. A line fits when none of its text
    spans a whole gutter (the gutters were measured on the other page's lines: text here may
    reach into them, a wider cell's as far as the next column's text) or leaves the table's
    width."""
    fitting = [
        all(
            x0 >= left - GUTTER_EM * line.size
            and x1 <= right + GUTTER_EM * line.size
            and not any(x0 < a and x1 > b for a, b in gutters)
            for x0, x1 in _segments(line)
        )
        for line in run
    ]
    if True not in fitting:
        return None
    start = fitting.index(True)
    end = fitting.index(False, start) if False in fitting[start:] else len(run)
    return run[start:end]


def _letters(text: str) -> Counter[str]:
    return Counter(char for char in text if not char.isspace())


def _spells(row: Sequence[Sequence[Glyph]], header: Sequence[str], *, part: bool = False) -> bool:
    """True when each cell of ``row`` holds the letters of its header cell (``part``: some of
    them, the lines read so far), and the header labels two columns at least. Letters are
    compared as a multiset: the order of marks and line breaks may differ between pages."""
    if len(row) != len(header) or sum(1 for text in header if text.strip()) < 2:
        return False
    held_letters = (_letters("".join(g.text for g in cell)) for cell in row)
    cells = zip(held_letters, map(_letters, header), strict=True)
    return all(held <= label if part else held == label for held, label in cells)


def find_unruled_tables(
    lines: Sequence[Line], carried: UnruledTable | None = None
) -> list[UnruledTable]:
    """Unruled tables among ``lines`` (top to bottom), each with its rows of cell glyphs.

    ``carried``: an unruled table the page before ended with. The page's first block of lines
    that fits its columns carries it on, in those columns, even when its own white gaps differ
    (a header of centred labels, a lone column of text) or it is a single row.
    """
    tables = []
    for index, run in enumerate(_runs(lines)):
        found = None
        if index == 0 and carried is not None:
            block = _carried_block(run, carried.gutters, carried.bbox[0], carried.bbox[2])
            found = (block, carried.gutters) if block else None
        found = found or _table_block(run)
        if found is None:
            continue
        block, gutters = found
        continuing = gutters is carried.gutters if carried is not None else False
        size = max(line.size for line in block)
        step = column_line_step(block, gutters) or size
        rows: list[list[list[Glyph]]] = []
        header = carried.header if continuing and carried is not None else None
        header_done = False
        header_rows = 0  # 1 once the header repeated at the top is a row of its own
        previous: Line | None = None
        first_column_bottom: float | None = None  # of the current row's last first-column line
        for line in block:
            columns = {_column_of(g.centre, gutters) for g in line.glyphs if g.text.strip()}
            gap = line.top - previous.top if previous else 0.0
            if not rows:
                starts_row = True
            elif 0 in columns and first_column_bottom is None and len(rows) == 1 + header_rows:
                # the rest of a row from the page before (its first column left there): the
                # first entry in the first column starts the next row
                starts_row = continuing and not (header and _spells(rows[-1], header, part=True))
            elif 0 in columns and first_column_bottom is not None:
                # the first column starts a new entry: more white above it than between lines
                white = line.top - first_column_bottom
                starts_row = white > step - line.size + ROW_GAP_EM * line.size
            elif 0 in columns:
                starts_row = gap > step + ROW_GAP_EM * line.size
            else:  # a gap wider than any inside a cell (a row continued from the page before)
                starts_row = gap > step + 2 * ROW_GAP_EM * line.size
            if starts_row or header_done:
                rows.append([[] for _ in range(len(gutters) + 1)])
                first_column_bottom = None
            for glyph in line.glyphs:
                rows[-1][_column_of(glyph.centre, gutters)].append(glyph)
            # The header repeated at the top ends there, however close the next line: a row
            # continued from the page before leaves the first column empty and would join it.
            header_done = len(rows) == 1 and header is not None and _spells(rows[0], header)
            header_rows = header_rows or int(header_done)
            if 0 in columns:
                first_column_bottom = line.bottom
            previous = line
        if len(rows) < 2 and not continuing:
            continue  # lines alone cannot tell rows from wrapped text: leave it as text
        left, right = min(line.x0 for line in block), max(line.x1 for line in block)
        if continuing:  # the columns of the page before, whichever of them hold text here
            left, right = min(left, carried.bbox[0]), max(right, carried.bbox[2])
        top, bottom = min(line.top for line in block), max(line.bottom for line in block)
        tables.append(UnruledTable((left, top, right, bottom), gutters, rows))
    return tables
