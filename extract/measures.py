"""Measures from an assembled measures table: steps, bullets, units split; extra columns kept;
each measure under the section heading printed above it, if any."""

from __future__ import annotations

from extract.model import BlockKind, Cell, LogicalTable, Measure
from extract.tables import TickGroup, is_note_row, section_heading, tick_groups
from normalize.lists import bullet_marker, split_inline_bullets, split_inline_steps, step_marker
from normalize.units import split_units


def table_measures(table: LogicalTable, first_seq: int = 1) -> list[Measure]:
    """One ``Measure`` per merged row of a measures table, numbered from ``first_seq``; a
    section heading row (or the heading printed above the table) gives the measures below it
    their ``section``."""
    measures: list[Measure] = []
    section = table.heading
    groups = tick_groups(table)
    in_groups = {index for group in groups for index in group.indices}
    for cells, pages in zip(table.rows, table.row_pages, strict=True):
        heading = section_heading(cells)
        if heading:
            section = heading
            continue
        if is_note_row(cells):
            continue
        by_column = {
            column: cell
            for index, (column, cell) in enumerate(zip(table.columns, cells, strict=False))
            if column and index not in in_groups
        }
        extra = {
            header: cell.text
            for index, (header, column, cell) in enumerate(
                zip(table.header, table.columns, cells, strict=False)
            )
            if column is None and header and index not in in_groups
        }
        measure = Measure(
            seq=first_seq + len(measures),
            title=_joined(by_column.get("title")),
            methods=split_steps(_blocks(by_column.get("methods"))),
            # a unit named twice (in each row of a measure whose title spans them) is one unit
            responsible=list(dict.fromkeys(split_units(_joined(by_column.get("responsible"))))),
            period=_joined(by_column.get("period")),
            results=split_items(_blocks(by_column.get("results"))),
            outcomes=split_items(_blocks(by_column.get("outcomes"))),
            pages=sorted(pages),
            extra=extra,
            section=section,
        )
        printed_period = measure.period
        for group in groups:
            _add_ticked(measure, group, group.ticked(cells), printed_period)
        if _has_content(measure):
            measures.append(measure)
    return measures


def _add_ticked(measure: Measure, group: TickGroup, ticked: list[str], printed_period: str) -> None:
    """What a row ticks in a group, as the value of the column the group names: results or
    outcomes get the ticked labels as items ("ดำเนินการแล้ว"), a period the months ticked
    ("ต.ค., พ.ย., ธ.ค.", those of each year's group in turn); a group naming no such column, or
    months beside a period cell that printed one, go to ``extra`` under the group's header."""
    if group.column in ("results", "outcomes"):
        getattr(measure, group.column).extend(ticked)
    elif group.column == "period" and not printed_period:
        measure.period = ", ".join(filter(None, [measure.period, *ticked]))
    else:
        measure.extra[group.label] = ", ".join(ticked)


def _blocks(cell: Cell | None) -> list[tuple[BlockKind, str]]:
    if cell is None or not cell.paragraphs:
        return []
    kinds = cell.kinds or ["p"] * len(cell.paragraphs)
    return list(zip(kinds, cell.paragraphs, strict=True))


def _joined(cell: Cell | None) -> str:
    """A one-value cell (title, period, units): its paragraphs on one line."""
    return " ".join(text for _, text in _blocks(cell))


def split_steps(blocks: list[tuple[BlockKind, str]]) -> list[str]:
    """วิธีการดำเนินการ → one string per step, markers removed.

    A numbered paragraph (or an item of an auto-numbered list) opens a step; a paragraph holding
    several numbered steps is cut where the numbering continues; a bullet under a step stays inside
    it as a line "- …"; any other paragraph is a step of its own.
    """
    steps: list[str] = []
    next_number: int | None = None
    for kind, text in blocks:
        if kind == "step":
            steps.append(text)
            continue
        bullet = bullet_marker(text)
        if (bullet or kind == "li") and steps and not step_marker(text):
            steps[-1] += "\n- " + (bullet.text if bullet else text)
            continue
        for piece in split_inline_steps(text, next_number):
            if piece.number is not None:
                next_number = piece.number + 1
            steps.append(piece.text.strip())
    return [step for step in steps if step]


def split_items(blocks: list[tuple[BlockKind, str]]) -> list[str]:
    """สรุปผล / ผลลัพธ์ → one string per paragraph or bullet, bullet markers removed."""
    items: list[str] = []
    for kind, text in blocks:
        parts = split_inline_bullets(text)
        if kind == "li" and len(parts) == 1:
            bullet = bullet_marker(text)
            parts = [bullet.text if bullet else text]
        items.extend(part.strip() for part in parts if part.strip())
    return items


def _has_content(measure: Measure) -> bool:
    return bool(
        measure.title
        or measure.methods
        or measure.results
        or measure.outcomes
        or any(measure.extra.values())
    )
