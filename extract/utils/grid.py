"""Tables with merged cells → rectangular rows of cells (shared by the HTML and Word readers).

A source cell may span columns and rows (HTML ``colspan``/``rowspan``, Word ``gridSpan``/``vMerge``).
Expanded into a grid:
- a cell spanning rows is copied into each of them (a responsible unit spanning three measures
  belongs to each measure; a title spanning the rows of its steps makes those rows continuations);
- a body cell spanning columns keeps its text in its first column only (a note across two columns
  is one value, not two);
- a group header spanning columns over a row of sub-headers is combined with each of them into one
  header row ("ผลการดำเนินการ" over "สรุปผล" / "ผลลัพธ์"), wherever the pair is printed again; a
  sub-header may be a group over a third row ("พ.ศ. ๒๕๖๗" over its months);
- leading rows holding one cell of text (across the table) are the table's title, not rows.
Spans come from untrusted markup: they are clamped, and columns that only continue a span from the
left everywhere (``colspan="1000"``) are dropped.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from extract.model import Cell, TextBlock
from normalize.headers import canonical_column

MAX_COLUMNS = 200  # no report has more; bounds the grid a hostile colspan could ask for
# a sub-header row holds short labels, not body text
MAX_HEADER_LABEL = 60


@dataclass(eq=False)  # compared by identity: the same source cell copied into several slots
class SourceCell:
    blocks: list[TextBlock] = field(default_factory=list)
    colspan: int = 1
    rowspan: int = 1  # 0: down to the last row (HTML)
    fill: str | None = None  # its shading (``extract.utils.colour``)

    @property
    def text(self) -> str:
        return " ".join(line.strip() for b in self.blocks for line in b.lines if line.strip())


@dataclass(frozen=True)
class Slot:
    """One grid position and the source cell covering it."""

    cell: SourceCell
    row: int  # where the source cell starts
    column: int


Grid = list[list[Slot | None]]  # None: a ragged row left the position without a cell


@dataclass
class GridTable:
    """A source table as rows of cells, with the title rows found above its header."""

    rows: list[list[Cell]]
    title_lines: list[str]


def expand_spans(rows: list[list[SourceCell]]) -> Grid:
    """Place every source cell on a rectangular grid, in the positions its spans cover."""
    placed: dict[tuple[int, int], Slot] = {}
    count = len(rows)
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in placed:
                c += 1
            if c >= MAX_COLUMNS:
                break
            colspan = max(1, min(cell.colspan, MAX_COLUMNS - c))
            rowspan = count - r if cell.rowspan <= 0 else min(cell.rowspan, count - r)
            slot = Slot(cell, r, c)
            for dr in range(rowspan):
                for dc in range(colspan):
                    placed.setdefault((r + dr, c + dc), slot)
            c += colspan
    width = max((c + 1 for _, c in placed), default=0)
    grid: Grid = [[placed.get((r, c)) for c in range(width)] for r in range(count)]
    return _drop_span_only_columns(grid)


def _drop_span_only_columns(grid: Grid) -> Grid:
    """Columns where no cell starts: every position continues a span from the column on its left."""
    width = len(grid[0]) if grid else 0
    keep = [
        c
        for c in range(width)
        if c == 0 or any(row[c] is not None and row[c].column == c for row in grid)
    ]
    return [[row[c] for c in keep] for row in grid]


def grid_table(grid: Grid) -> GridTable:
    """Rows of cells from a grid: title rows taken off, a header in rows combined into one."""
    title_lines: list[str] = []
    previous: SourceCell | None = None
    while len(grid) > 1 and (title := _title_cell(grid[0])) is not None:
        if title is not previous:  # a title cell two rows high is read once
            title_lines += [line for b in title.blocks for line in b.lines if line.strip()]
        previous = title
        grid = grid[1:]
    rows: list[list[Cell]] = []
    header: list[str] | None = None  # the labels of a header in two rows or more
    index = 0
    while index < len(grid):
        depth = _header_depth(grid, index)
        combined = _combined_header(grid[index : index + depth]) if depth >= 2 else None
        # the header in rows, at the top or printed again further down (after a page break in a
        # Word table), becomes one row: table assembly tells the repeat by its text
        if combined is not None and (index == 0 or _labels(combined) == header):
            header = header or _labels(combined)
            rows.append(combined)
            index += depth
        else:
            rows.append(_body_row(grid[index]))
            index += 1
    return GridTable(rows=rows, title_lines=title_lines)


def _header_depth(grid: Grid, index: int) -> int:
    """How many rows from ``index`` make one header: each a group header over the next
    ("ระยะเวลาดำเนินการ" over "พ.ศ. ๒๕๖๗ | พ.ศ. ๒๕๖๘", each over its months); 1 when none is."""
    depth = 1
    while index + depth < len(grid) and _is_group_header(
        grid[index + depth - 1], grid[index + depth]
    ):
        depth += 1
    return depth


def _labels(cells: list[Cell]) -> list[str]:
    return [line for cell in cells for block in cell.blocks for line in block.lines]


def _title_cell(row: list[Slot | None]) -> SourceCell | None:
    """The one cell holding text in a row of a table two columns wide or more: a title printed
    in the table (spanning the whole table, or with its span miscounted)."""
    filled = {id(slot.cell): slot.cell for slot in row if slot is not None and slot.cell.text}
    return next(iter(filled.values())) if len(row) >= 2 and len(filled) == 1 else None


def _spans_columns(slot: Slot | None, row: list[Slot | None]) -> bool:
    return slot is not None and sum(1 for other in row if other is slot) >= 2


def _is_group_header(top: list[Slot | None], below: list[Slot | None]) -> bool:
    """A header in two rows: a group cell (itself perhaps two rows high) over sub-header cells;
    every other cell of the top row runs down through the second row."""
    groups = 0
    for upper, lower in zip(top, below, strict=True):
        if upper is None or lower is None or not _is_label(upper.cell.text):
            return False
        if lower is upper:
            continue  # a header cell two rows high
        if not _spans_columns(upper, top):
            return False
        if not _is_label(lower.cell.text):
            return False
        groups += 1
    return groups >= 2


def _is_label(text: str) -> bool:
    return 0 < len(text) <= MAX_HEADER_LABEL


def combined_label(group: str, sub: str) -> str:
    """The header of a column under a group header: the sub-header when it names a measure column
    by itself ("ผลลัพธ์"), else the sub-header qualified by its group ("ผลการดำเนินการ สรุปผล")."""
    if not group or group == sub or canonical_column(sub) is not None:
        return sub
    return f"{group} {sub}"


def _combined_header(rows: list[list[Slot | None]]) -> list[Cell]:
    """One header row from a header in rows: each column's label under the groups above it."""
    cells = []
    for column in zip(*rows, strict=True):
        text = ""
        for above, slot in zip((None, *column), column, strict=False):
            assert slot is not None  # checked by _is_group_header
            if slot is not above:  # a cell two rows high is read once
                text = combined_label(text, slot.cell.text)
        cells.append(Cell(blocks=[TextBlock(lines=[text])]))
    return cells


def _body_row(row: list[Slot | None]) -> list[Cell]:
    """A copy of the source cell in each position it starts a column in; a column span leaves the
    positions on its right empty, shaded as the span is. A cell across the whole row is marked
    so."""
    across = len(row) >= 2 and row[0] is not None and all(slot is row[0] for slot in row)
    return [
        Cell()
        if slot is None
        else Cell(blocks=copy.deepcopy(slot.cell.blocks), spans_row=across, fill=slot.cell.fill)
        if slot.column == c
        else Cell(fill=slot.cell.fill)
        for c, slot in enumerate(row)
    ]
