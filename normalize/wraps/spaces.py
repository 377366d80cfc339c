"""Wraps turned into spaces (text dumps, HTML): each Thai–Thai space of a column decided."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from normalize.wraps.layout import ColumnLayout, LineStatus
from normalize.wraps.rules import (
    JunctionDecision,
    decide_junction,
    hyphen_cut,
    keep_because,
    remove_because,
)
from normalize.wraps.stats import WrapStats
from normalize.wraps.words import (
    SPACES,
    first_thai_word,
    is_thai,
    item_tags,
    last_thai_word,
    single_thai_word,
    word_lists,
)

# Word classes (ORCHID tags) whose words an author lists with spaces (ข้าว อ้อย มันสำปะหลัง).
_ITEM_TAGS = frozenset({"NCMN"})


def _item_run(segments: Sequence[str], gap: int) -> str | None:
    """The gap (between ``segments[gap]`` and the next) lies inside a run of space-separated
    items: two single-word segments in a row touch it, and they and the words on either side of
    them are nouns (… ข้อมูลข่าวสาร ความเคลื่อนไหว กิจกรรม โครงการ…, ได้แก่ ข้าว อ้อย มันสำปะหลัง).
    An author lists items that way; a wrap inside such a run took one of those spaces."""
    for first in (gap + 1, gap - 1, gap):  # the pair after the gap, before it, or around it
        if first < 1 or first + 2 >= len(segments):
            continue
        pair = segments[first : first + 2]
        if not all(single_thai_word(segment) for segment in pair):
            continue
        items = (last_thai_word(segments[first - 1]), *pair, first_thai_word(segments[first + 2]))
        if not all(items) or any(word in word_lists().function_words for word in items):
            continue
        tags = set(item_tags(items))
        if len(tags) == 1 and tags <= _ITEM_TAGS:
            return f"inside a run of items: {' '.join(items)}"
    return None


@dataclass(frozen=True)
class GapDecision:
    """One run of spaces in a paragraph, where the layout puts it, and what was done with it."""

    start: int
    end: int
    line: LineStatus
    decision: JunctionDecision


def explain_wrap_spaces(
    paragraphs: Sequence[str],
    stats: WrapStats | None = None,
    *,
    width_hints: Sequence[Sequence[str]] = (),
) -> list[list[GapDecision]]:
    """Every Thai–Thai space and Latin hyphen wrap of one column's paragraphs, decided with its
    reason; left to right, each seeing the text before it as already repaired.

    The repaired column is looked at again until nothing more goes, so that repairing repaired
    text changes nothing (on real columns the second look finds nothing; it settles odd inputs)."""
    explained = _explain_once(paragraphs, stats, width_hints)
    while True:
        repaired = [_without_removed(t, d) for t, d in zip(paragraphs, explained, strict=True)]
        again = _explain_once(repaired, stats, width_hints)
        if not any(not gap.decision.keep for decisions in again for gap in decisions):
            return explained
        for text, decisions, later in zip(paragraphs, explained, again, strict=True):
            _merge_second_look(text, decisions, later)


def _merge_second_look(text: str, decisions: list[GapDecision], later: list[GapDecision]) -> None:
    """Removals found in the repaired text, entered at their places in the original ``text``."""
    kept = [True] * len(text)  # which characters of ``text`` the repaired text still has
    for gap in decisions:
        if not gap.decision.keep:
            kept[gap.start : gap.end] = [False] * (gap.end - gap.start)
    original = [index for index, still in enumerate(kept) if still]
    by_start = {gap.start: number for number, gap in enumerate(decisions)}
    for gap in later:
        if gap.decision.keep:
            continue
        start = original[gap.start]
        decision = GapDecision(
            start,
            start + gap.end - gap.start,
            gap.line,
            remove_because(f"on a second look: {gap.decision.reason}"),
        )
        if start in by_start:
            decisions[by_start[start]] = decision
        else:
            decisions.append(decision)
    decisions.sort(key=lambda gap: gap.start)


def _explain_once(
    paragraphs: Sequence[str], stats: WrapStats | None, hints: Sequence[Sequence[str]]
) -> list[list[GapDecision]]:
    layout = ColumnLayout.of(paragraphs, hints)
    if not layout.measured:
        stats = None  # a column whose wraps are not located keeps the pairs it writes spaced
    explained = []
    for index, (text, paragraph) in enumerate(zip(paragraphs, layout.paragraphs, strict=True)):
        decisions = []
        repaired, position = [], 0
        statuses = layout.line_statuses(index)
        segments = [text[segment.start : segment.end] for segment in paragraph.segments]
        for number, ((start, end), line) in enumerate(zip(paragraph.gaps(), statuses, strict=True)):
            if not SPACES.fullmatch(text[start:end]):
                continue
            repaired.append(text[position:start])
            position = start
            decision = _decide_gap("".join(repaired), text[end:], line, stats)
            if decision is not None and not (decision.keep or decision.strong):
                items = _item_run(segments, number)
                decision = keep_because(items) if items else decision
            if decision is not None:
                decisions.append(GapDecision(start, end, line, decision))
                if not decision.keep:
                    position = end
        explained.append(decisions)
    return explained


def _decide_gap(
    left: str, right: str, line: LineStatus, stats: WrapStats | None
) -> JunctionDecision | None:
    cut = hyphen_cut(left, right) if line != "mid" else None
    if cut:
        return remove_because(cut)
    if not (left and right and is_thai(left[-1]) and is_thai(right[0])):
        return None  # not a space this module decides
    line_end = {"mid": False, "end": True, "unsure": None, "spread": True}[line]
    return decide_junction(left, right, line_end=line_end, stats=stats, spacing_habits=True)


def repair_wrap_spaces(
    paragraphs: Sequence[str],
    stats: WrapStats | None = None,
    *,
    width_hints: Sequence[Sequence[str]] = (),
) -> list[str]:
    """Paragraphs whose line wraps were turned into spaces (text dumps, HTML): all the paragraphs
    laid out in ONE column of ONE table page (so they share a line width, which you may estimate
    from them), returned with every Thai–Thai space decided keep/remove (and Latin hyphen wraps
    joined). Never changes anything else.

    ``width_hints``: the paragraphs of the same column on other pages of the table, nearest page
    first, probably set in the same width; used only where this column's own evidence allows."""
    explained = explain_wrap_spaces(paragraphs, stats, width_hints=width_hints)
    return [
        _without_removed(text, decisions)
        for text, decisions in zip(paragraphs, explained, strict=True)
    ]


def _without_removed(text: str, decisions: Iterable[GapDecision]) -> str:
    pieces, position = [], 0
    for gap in decisions:
        if not gap.decision.keep:
            pieces.append(text[position : gap.start])
            position = gap.end
    pieces.append(text[position:])
    return "".join(pieces)
