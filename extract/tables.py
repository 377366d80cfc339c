"""Table assembly, shared by every reader: header mapping, repeated headers, split rows.

Works on repaired cells (``Cell.paragraphs``). A row that continues the previous one — its first
cell empty, or its title repeating the previous title (compared without spaces, as each page wraps it
differently) — is merged into it cell by cell. Across a page cut, a paragraph the page end split
("๓. จัดให้มีช่องทางการ" + "สอบถามข้อมูลต่าง ๆ …") is joined again: from the PDF's line layout
where the reader measured the lines (as any wrap of the cell), else by the language.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from extract.model import Cell, LogicalTable, RawRow, RawTable
from extract.utils.grid import MAX_HEADER_LABEL, combined_label
from normalize.amounts import parse_amount
from normalize.dates import calendar_year_ending, month_named
from normalize.headers import (
    NOTE_ROW_WORDS,
    SECTION_HEADING_WORDS,
    TOTAL_ROW_WORDS,
    canonical_column,
    header_key,
    is_measures_header,
    map_header,
    without_continued_mark,
)
from normalize.indicators import named_indicator
from normalize.lists import bullet_marker, is_tick_mark, is_unticked, step_marker
from normalize.wraps import LineJunction, WrapStats, explain_line_junctions, join_across_wrap


def assemble_tables(
    raw_tables: list[RawTable], stats: WrapStats | None = None
) -> list[LogicalTable]:
    tables = [assemble_table(raw, index, stats) for index, raw in enumerate(raw_tables, start=1)]
    return [table for table in tables if table.rows or table.header]


def assemble_table(raw: RawTable, index: int, stats: WrapStats | None = None) -> LogicalTable:
    rows = [row for row in raw.rows if not all(cell_is_blank(cell) for cell in row.cells)]
    header_cells: list[str] = []
    header_rows = find_header_rows(rows)
    if header_rows:
        header_cells = combined_header(header_rows)
        rows = drop_repeated_headers(rows[len(header_rows) :], header_rows)
    rows = copy_merged_cells_down(rows)
    columns = map_header(header_cells) if header_cells else []
    measures_layout = bool(header_cells) and is_measures_header(header_cells)
    key_column = _key_column(columns) if measures_layout else 0
    merged, row_pages = merge_continuation_rows(rows, key_column, measures_layout, stats)
    return LogicalTable(
        index=index,
        pages=list(raw.pages),
        header=header_cells,
        rows=merged,
        row_pages=row_pages,
        columns=columns if measures_layout else [None] * len(header_cells),
        heading=raw.heading,
    )


def copy_merged_cells_down(rows: list[RawRow]) -> list[RawRow]:
    """Body rows with each cell merged down from the row above given that cell's text: a
    responsible unit merged over three measures belongs to each of them; a title merged over the
    rows of its steps makes those rows continuations.

    A merged cell cut by a page end is printed again, blank, at the top of the next page: a blank
    cell there that is merged down goes on with the cell above it on the page before, when that
    one was merged too, or its row was cut."""
    filled: list[RawRow] = []
    for index, row in enumerate(rows):
        cells = list(row.cells)
        if filled:
            above = filled[-1]
            below = rows[index + 1] if index + 1 < len(rows) else None
            for column, cell in enumerate(cells[: len(above.cells)]):
                if cell.merged_from_above or (
                    row.page != above.page
                    and cell_is_blank(cell)
                    and _merged_down(below, row.page, column)
                    and (row.continued or _merged_region(rows, index - 1, column))
                ):
                    cells[column] = replace(_copy(above.cells[column]), merged_from_above=True)
        filled.append(replace(row, cells=cells))
    return filled


def _merged_down(row: RawRow | None, page: int, column: int) -> bool:
    """``row`` is on ``page`` and its cell in ``column`` is merged down from the row above."""
    return (
        row is not None
        and row.page == page
        and column < len(row.cells)
        and row.cells[column].merged_from_above
    )


def _merged_region(rows: list[RawRow], index: int, column: int) -> bool:
    """The cell of ``rows[index]`` in ``column`` is part of a cell merged over several rows."""
    row = rows[index]
    below = rows[index + 1] if index + 1 < len(rows) else None
    return (column < len(row.cells) and row.cells[column].merged_from_above) or _merged_down(
        below, row.page, column
    )


def cell_text(cell: Cell) -> str:
    """Repaired text of a cell, paragraphs on separate lines."""
    return cell.text if cell.paragraphs is not None else cell.raw_text


def cell_is_blank(cell: Cell) -> bool:
    return not cell_text(cell).strip()


MAX_HEADER_ROWS = 3  # a group over sub-groups over labels: years over their months


def find_header_rows(rows: list[RawRow]) -> list[RawRow]:
    """The table's header rows at its top: none; one; or two or three, group labels over their
    sub-headers (``header_paths``), where the group may be a caption spanning the whole table
    ("งบประมาณที่ได้รับการจัดสรร (หน่วย : บาท)" over three labelled columns)."""
    if not rows:
        return []
    below = rows[1] if len(rows) > 1 else None
    if looks_like_header(rows[0], below):
        depth = next(
            (n for n in range(MAX_HEADER_ROWS, 1, -1) if len(rows) >= n and _nested(rows[:n])), 1
        )
        return rows[:depth]
    if (
        below is not None
        and _is_caption(rows[0])
        and looks_like_header(below, rows[2] if len(rows) > 2 else None)
        and _nested(rows[:2])
    ):
        return rows[:2]
    return []


def _nested(rows: list[RawRow]) -> bool:
    return (
        header_paths([[cell_text(cell).strip() for cell in row.cells] for row in rows]) is not None
    )


def looks_like_header(row: RawRow, below: RawRow | None = None) -> bool:
    """A measures header, or a row of short labels (every cell filled, no figure) that names a
    known column or stands over a figure in the row ``below`` (a number-only cell)."""
    texts = [cell_text(cell).strip() for cell in row.cells]
    if is_measures_header(texts):
        return True
    filled = [t for t in texts if t]
    if not (
        len(filled) == len(texts) >= 2
        and all(len(t) <= 40 for t in filled)
        and not any(_is_figure(t) for t in filled)
    ):
        return False
    over_figures = below is not None and any(_is_figure(cell_text(c)) for c in below.cells)
    return over_figures or any(column is not None for column in map_header(texts))


def _is_figure(text: str) -> bool:
    """A number-only cell ("๘๗๓,๗๖๐.00", "12.5")."""
    return header_key(text).replace(",", "").replace(".", "").isdigit()


def _is_caption(row: RawRow) -> bool:
    """Only the row's first cell holds text: a caption read from a cell spanning the table."""
    texts = [cell_text(cell).strip() for cell in row.cells]
    return len(texts) >= 2 and bool(texts[0]) and not any(texts[1:])


def is_header_row(row: RawRow, first: bool) -> bool:
    """A header row: the measures header wherever it repeats, or a generic table's first row."""
    texts = [cell_text(cell) for cell in row.cells]
    return is_measures_header(texts) or (first and looks_like_header(row))


def header_paths(rows: list[list[str]]) -> list[tuple[str, ...]] | None:
    """Each column's labels from the top, when the rows (of cell texts) make one header in rows;
    None when they do not.

    A group label is printed in the first column it spans, blanks in the others, over its
    sub-headers in the row below (or further down, under a label two rows high); a sub-header may
    be a group itself ("ระยะเวลาดำเนินการ" over "พ.ศ. ๒๕๖๗ | พ.ศ. ๒๕๖๘", each over its months); a
    label two rows high leaves blanks under it. They are not a header when a label below the top
    row is long or stands under no group, a column has no label, or no group in the last row
    spans two sub-headers or more."""
    width = len(rows[0])
    if any(len(row) != width for row in rows) or any(
        len(text) > MAX_HEADER_LABEL for row in rows[1:] for text in row
    ):
        return None
    paths: list[tuple[str, ...]] = [()] * width
    starts = list(range(width))  # the first column of the span each column's path comes from
    for level, row in enumerate(rows):
        above, span_starts = paths, starts
        paths, starts = [], []
        subs: dict[int, int] = {}  # sub-headers in this row under each span above
        for column, text in enumerate(row):
            owner = span_starts[column]
            if text:
                # a sub-header under a span opened by another column: the span's first column
                # holds its first sub-header in this same row
                if level and (not above[column] or (owner != column and not row[owner])):
                    return None
                paths.append((*above[column], text))
                starts.append(column)
                subs[owner] = subs.get(owner, 0) + 1
            elif above[column] and owner == column:  # a label two rows high, or blank at the top
                paths.append(above[column])
                starts.append(column)
            elif column:  # a column the label on its left spans
                paths.append(paths[-1])
                starts.append(starts[-1])
            else:
                paths.append(())
                starts.append(0)
    if len(rows) > 1 and max(subs.values(), default=0) < 2:
        return None
    # every column labelled in its own cells: none left blank under a group in the last row
    return paths if all(paths) and starts == list(range(width)) else None


def combined_header(rows: list[RawRow]) -> list[str]:
    """The header's labels; under a group header, each sub-header as ``combined_label`` makes it
    with the groups above it."""
    texts = [[cell_text(cell) for cell in row.cells] for row in rows]
    if len(rows) == 1:
        return texts[0]
    paths = header_paths([[text.strip() for text in row] for row in texts])
    assert paths is not None  # found by find_header_rows
    combined = []
    for path in paths:
        label = ""
        for text in path:
            label = combined_label(label, text)
        combined.append(label)
    return combined


def drop_repeated_headers(rows: list[RawRow], header: list[RawRow]) -> list[RawRow]:
    """Rows equal to a header row (every page repeats them, wrapped differently) are dropped."""
    keys = {_row_key(row) for row in header}
    return [row for row in rows if _row_key(row) not in keys]


def _row_key(row: RawRow) -> str:
    return "\t".join(header_key(cell_text(cell)) for cell in row.cells)


def _key_column(columns: list[str | None]) -> int:
    for wanted in ("number", "title"):
        if wanted in columns:
            return columns.index(wanted)
    return 0


def merge_continuation_rows(
    rows: list[RawRow], key_column: int, measures_layout: bool, stats: WrapStats | None = None
) -> tuple[list[list[Cell]], list[list[int]]]:
    """Rows merged with the rows that continue them; returns the rows and the pages each touches."""
    merged: list[list[Cell]] = []
    pages: list[list[int]] = []
    previous: RawRow | None = None
    for row in rows:
        if (
            merged
            and previous is not None
            and _continues(row, previous, key_column, measures_layout)
        ):
            across_pages = row.page != previous.page
            for target, cell in zip(merged[-1], row.cells, strict=False):
                merge_cells(target, cell, across_pages, stats)
            if row.page not in pages[-1]:
                pages[-1].append(row.page)
        else:
            merged.append([_copy(cell) for cell in row.cells])
            pages.append([row.page])
        previous = row
    return merged, pages


def _continues(row: RawRow, previous: RawRow, key_column: int, measures_layout: bool) -> bool:
    if any(is_note_row(r.cells) or section_heading(r.cells) for r in (row, previous)):
        return False  # a note or a section heading across the table stands alone
    if row.continued:
        return True
    if key_column >= len(row.cells):
        return False
    key = row.cells[key_column]
    if cell_is_blank(key):
        # in a generic table a blank first cell only means "continued" on a new page
        return measures_layout or row.page != previous.page
    if not measures_layout:
        return False
    title, marked = without_continued_mark(cell_text(key))
    if marked and not title.strip():
        return True  # "(ต่อ)" alone: the measure above runs on
    return _repeat_key(key) == _repeat_key(previous.cells[key_column])


def _repeat_key(cell: Cell) -> str:
    """A cell's text compared with the text it may repeat: no spaces (each page wraps it apart), no
    continued mark ("อบรมคุณธรรม (ต่อ)" repeats "อบรมคุณธรรม")."""
    return header_key(without_continued_mark(cell_text(cell))[0])


@dataclass(frozen=True)
class TickGroup:
    """Columns side by side under one group header whose cells only tick them ("✓", "/"): a
    status ("ผลการดำเนินการ" over "ดำเนินการแล้ว | อยู่ระหว่างดำเนินการ | ยังไม่ดำเนินการ") or a month
    chart ("ระยะเวลา" over "ต.ค. | พ.ย. | …"). A row's value is the labels of the columns it ticks."""

    label: str  # the group header: "ผลการดำเนินการ"
    column: str | None  # the canonical column it names, None when it names none
    indices: tuple[int, ...]  # its columns in the table
    labels: tuple[str, ...]  # each column's own header: "ดำเนินการแล้ว"

    def ticked(self, cells: list[Cell]) -> list[str]:
        return [
            label
            for index, label in zip(self.indices, self.labels, strict=True)
            if index < len(cells) and is_ticked(cells[index], cells)
        ]


def is_ticked(cell: Cell, row: list[Cell]) -> bool:
    """A tick mark in the cell ("✓", "/"); or a chart's bar: the cell shaded in a colour its row's
    first cell is not (a row shaded whole, as in a striped table, ticks nothing), or a line drawn
    across it."""
    shaded = cell.fill is not None and cell.fill != row[0].fill
    return is_tick_mark(cell_text(cell)) or shaded or cell.crossed


def tick_groups(table: LogicalTable) -> list[TickGroup]:
    """The table's tick groups: two or more adjacent columns, each headed "<group> <own label>"
    (as ``combined_header`` names a sub-header under its group), whose body cells are all tick
    marks, blanks or dashes, some of them ticked (``is_ticked``)."""
    columns = [_column_texts(table.rows, index) for index in range(len(table.header))]
    marks_only = [all(is_tick_mark(t) or is_unticked(t) for t in texts) for texts in columns]
    groups: list[TickGroup] = []
    start = 0
    while start < len(table.header) - 1:
        group = _group_label(table.header[start], table.header[start + 1])
        end = start
        while end < len(table.header) and marks_only[end] and table.header[end].startswith(group):
            end += 1
        ticked = any(
            is_ticked(row[i], row) for row in table.rows for i in range(start, min(end, len(row)))
        )
        if group and end - start >= 2 and ticked:
            labels = tuple(label[len(group) :].strip() for label in table.header[start:end])
            column = canonical_column(group)
            months = [month_named(label) for label in labels]
            if column in (None, "period") and None not in months:
                column = "period"  # months under a year ("พ.ศ. ๒๕๖๗") or a plan's name
                year = calendar_year_ending(group)  # "ระยะเวลาดำเนินการ พ.ศ. ๒๕๖๗" over its months
                # months in calendar order fall in the year over them; a run from ต.ค. on past
                # ธ.ค. is a fiscal year's, which a calendar year does not date month by month
                if year and months == sorted(months):
                    labels = tuple(f"{label} {year}" for label in labels)
            groups.append(TickGroup(group, column, tuple(range(start, end)), labels))
            start = end
        else:
            start += 1
    return groups


def _column_texts(rows: list[list[Cell]], index: int) -> list[str]:
    return [cell_text(row[index]) for row in rows if index < len(row)]


def _group_label(left: str, right: str) -> str:
    """The words two header labels open with alike: "ระยะเวลา ต.ค." and "ระยะเวลา พ.ย." →
    "ระยะเวลา"."""
    pairs = enumerate(zip(left, right, strict=False))
    shared = next((at for at, (a, b) in pairs if a != b), min(len(left), len(right)))
    words_end = left.rfind(" ", 0, shared + 1)
    return left[:words_end].strip() if words_end > 0 else ""


def is_note_row(cells: list[Cell]) -> bool:
    """A row of the table that is no record: one cell across the whole row (a note or section
    heading printed in the table), a note ("หมายเหตุ : …") or a total ("รวมทั้งสิ้น" beside its
    figures or amounts only: "150,000.00 บาท")."""
    if any(cell.spans_row for cell in cells):
        return True
    texts = [text for text in (cell_text(cell).strip() for cell in cells) if text]
    if not texts:
        return False
    if texts[0].startswith(NOTE_ROW_WORDS):
        return True
    figures = [_is_figure(text) or parse_amount(text) is not None for text in texts[1:]]
    return texts[0].startswith(TOTAL_ROW_WORDS) and bool(figures) and all(figures)


def section_heading(cells: list[Cell]) -> str | None:
    """The heading a row of a measures table prints over the measures below it, if it is one:
    a heading opening with a section word ("ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่", "มิติที่ ๒ …"), or a
    cell across the row naming one ITA indicator ("การใช้งบประมาณ"); in the first cell with the
    others blank (or a cell across the row), or in the second beside a running number or a blank.
    Its lines are joined as one line."""
    texts = [" ".join(cell_text(cell).split()) for cell in cells]
    filled = [column for column, text in enumerate(texts) if text]
    if not filled or filled[-1] > 1 or (len(filled) == 2 and not _is_figure(texts[0])):
        return None
    heading = texts[filled[-1]]
    if heading.startswith(SECTION_HEADING_WORDS):
        return heading
    across = cells[0].spans_row and not heading.startswith(NOTE_ROW_WORDS)
    return heading if across and named_indicator(heading) else None


def merge_cells(target: Cell, addition: Cell, across_pages: bool, stats: WrapStats | None) -> None:
    """Append a continuation cell to the cell it continues.

    A repeat of the text already there (title, unit, period printed again), or a cell merged down
    from the row before (its text is there already), adds nothing. Across a page
    cut, a first paragraph that opens no new step or bullet, nor starts lower than its row's top line
    (a paragraph gap), ends the paragraph the page cut, unless the lines either side of the cut
    show a paragraph end (``_page_cut``).
    """
    repeated = _repeat_key(addition)
    if addition.merged_from_above or not repeated or repeated == _repeat_key(target):
        return
    paragraphs = list(addition.paragraphs or [])
    kinds = list(addition.kinds or ["p"] * len(paragraphs))
    target.paragraphs = list(target.paragraphs or [])
    target.kinds = list(target.kinds or ["p"] * len(target.paragraphs))
    if (
        across_pages
        and target.paragraphs
        and paragraphs
        and kinds[0] == "p"
        and not addition.opens_paragraph
        and not step_marker(paragraphs[0])
        and not bullet_marker(paragraphs[0])
    ):
        cut = _page_cut(target, addition, stats)
        if cut is None:
            target.paragraphs[-1] = join_across_wrap(target.paragraphs[-1], paragraphs[0], stats)
            paragraphs, kinds = paragraphs[1:], kinds[1:]
        elif cut.kind != "break":
            joined = target.paragraphs[-1].rstrip() + cut.joiner + paragraphs[0].lstrip()
            target.paragraphs[-1] = joined
            paragraphs, kinds = paragraphs[1:], kinds[1:]
    target.paragraphs += paragraphs
    target.kinds += kinds
    target.blocks = target.blocks + addition.blocks


def _page_cut(target: Cell, addition: Cell, stats: WrapStats | None) -> LineJunction | None:
    """The junction of the last line above a page cut and the first line below it, decided as
    any line junction of a PDF cell (the room left on the line, a line-end space the renderer
    kept), when the reader measured both lines; else None (the language alone decides)."""
    above = next((block for block in reversed(target.blocks) if block.lines), None)
    below = next((block for block in addition.blocks if block.lines), None)
    if above is None or below is None or above.line_widths is None or below.line_widths is None:
        return None
    indents = [
        *(above.line_indents or [0.0] * len(above.lines)),
        *(below.line_indents or [0.0] * len(below.lines)),
    ]
    junctions = explain_line_junctions(
        [*above.lines, *below.lines],
        line_widths=[*above.line_widths, *below.line_widths],
        width=target.width,
        font_size=above.font_size,
        stats=stats,
        line_indents=indents,  # a block without indents is flush left: zeros
    )
    return junctions[len(above.lines) - 1]


def _copy(cell: Cell) -> Cell:
    """The cell with lists of its own, so merging into it leaves the row read unchanged."""
    return replace(
        cell,
        blocks=list(cell.blocks),
        paragraphs=list(cell.paragraphs) if cell.paragraphs is not None else None,
        kinds=list(cell.kinds) if cell.kinds is not None else None,
    )
