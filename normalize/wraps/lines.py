"""Wraps kept as line breaks (PDF): each junction of a cell's visual lines decided as a
paragraph break, a join without a space or a join with one."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal

from normalize.wraps.layout import first_breakable
from normalize.wraps.rules import (
    decide_junction,
    glued_function_word,
    hyphen_cut,
    phrase_boundary,
    unit_after_number,
    written_space,
)
from normalize.wraps.stats import WrapStats
from normalize.wraps.words import (
    ABBREVIATION,
    JUNCTION_CONTEXT,
    LIST_MARKER,
    MAI_YAMOK,
    NO_BREAK_SPACE,
    NUMBER,
    PAIYANNOI,
    RIGHT_THAI_RUN,
    RUN_CONTEXT,
    THAI_LETTERS,
    is_thai,
    is_thai_letter,
    last_thai_word,
    newmm_words,
    space_width,
    text_width,
    word_lists,
)

_COUNT_AND_UNIT = re.compile(f"{NUMBER}+(?:[,.]{NUMBER}+)* [{THAI_LETTERS}]+")

_MEASURED_TOLERANCE = 0.01  # relative error of a measured PDF line against the width table
_SPREAD_TOLERANCE = 0.03  # a line this much wider than its text was spread by justification
_MIN_CALIBRATION_EM = 3.0  # lines shorter than this measure the font too roughly


LIST_MARKER_BREAK = "list marker"  # the reason of a break before a line opening a list item
STEP_LABEL_BREAK = "a step label opens the line"


@dataclass(frozen=True)
class LineJunction:
    """How two consecutive visual lines of a cell are joined, and why."""

    kind: Literal["break", "space", "join"]  # paragraph break / join with a space / without
    reason: str
    evidence: tuple[tuple[str, float], ...] | None = None  # see ``JunctionDecision``

    @property
    def joiner(self) -> str:
        """What goes between the two lines where they are joined: a space, or nothing."""
        return " " if self.kind == "space" else ""


def explain_line_junctions(
    lines: Sequence[str],
    *,
    line_widths: Sequence[float] | None = None,
    width: float | None = None,
    font_size: float | None = None,
    stats: WrapStats | None = None,
    line_indents: Sequence[float] | None = None,
) -> list[LineJunction]:
    """One decision per pair of consecutive lines (see ``join_wrapped_lines``).

    A line opening with a list marker, or with a step's label and number ("ขั้นตอนที่ ๒"), starts
    a paragraph. Otherwise the room left at the end of a line tells the three apart: the next
    line's first word would have fitted after a space (a forced break), would have fitted only
    without one (so the wrap took the author's space), or did not fit (a wrap: the language
    decides). A line that still ends in a space (LibreOffice PDFs keep the space a wrap took)
    shows the author's space; in a document whose lines do that (``stats.keeps_line_end_spaces``),
    a wrap without one cut a Thai run. Pass the lines unstripped. ``line_indents``: where each
    line starts right of the cell's left edge, in points, for a block set flush left with an
    indent (a list item's hanging indent): such a line had that much less room."""
    texts = [line.strip() for line in lines]
    spaced_ends = [line != line.rstrip(" ") for line in lines]  # the PDF kept the space there
    run_cuts = stats is not None and stats.keeps_line_end_spaces
    scale = _layout_scale(texts, line_widths, font_size)
    if line_widths is not None:
        full = width if width is not None else max(line_widths, default=0.0)
        measured = _natural_widths(texts, line_widths, scale, full * (1 - _MEASURED_TOLERANCE))
    else:
        measured = [text_width(t) * scale for t in texts]
    if width is not None and (line_widths is not None or font_size):
        column = width
    else:
        column = max(measured, default=0.0)  # the widest line comes closest to the cell's width
    indents = line_indents if line_indents is not None else [0.0] * len(texts)
    limits = [(column - indent) * (1 - _MEASURED_TOLERANCE) for indent in indents]
    junctions = []
    paragraph = texts[0] if texts else ""
    for number, (previous_width, line, spaced_end) in enumerate(
        zip(measured, texts[1:], spaced_ends, strict=False), start=1
    ):
        if not paragraph or not line:
            junction = LineJunction("break", "empty line")
        elif _starts_with_list_marker(line):
            junction = LineJunction("break", LIST_MARKER_BREAK)
        elif _opens_labelled_step(paragraph, line):
            junction = LineJunction("break", STEP_LABEL_BREAK)
        else:
            room = limits[number - 1] - previous_width
            going_on = _word_going_on(texts, measured, limits, number, scale)
            word = text_width(first_breakable(going_on)) * scale
            space = space_width() * scale
            room_for_space = space <= room
            if word + space <= room:
                junction = LineJunction("break", "the next word would have fitted: a forced break")
            elif run_cuts and not spaced_end and room_for_space and _written_apart(paragraph, line):
                # a wrap would have kept the space Thai writes here: the line ended a paragraph
                junction = LineJunction(
                    "break", "no space kept where one is written: a paragraph end"
                )
            elif run_cuts and not spaced_end and is_thai(paragraph[-1]) and is_thai(line[0]):
                junction = _run_cut(paragraph, line, room_for_space=room_for_space)
            else:
                junction = _wrap_junction(
                    paragraph, _read_on(texts, number), stats, at_space=spaced_end or word <= room
                )
        junctions.append(junction)
        if junction.kind == "break":
            paragraph = line
        else:
            paragraph += junction.joiner + line
    return junctions


def _written_apart(left: str, right: str) -> bool:
    """Thai writing spaces these two sides: a number and a Thai word ("… ร้อยละ ๑๐๐" |
    "ตรวจสอบ…", "… 58 คน" is no number at the end), or ๆ or ฯ before a word."""
    last, first = left[-1], right[0]
    number = (last.isdigit() and is_thai_letter(first)) or (
        is_thai_letter(last) and first.isdigit()
    )
    return number or (last in (MAI_YAMOK, PAIYANNOI) and is_thai_letter(first))


def _word_going_on(
    lines: Sequence[str],
    widths: Sequence[float],
    limits: Sequence[float],
    start: int,
    scale: float,
) -> str:
    """The first segment of line ``start``, taken on into the next line when the line is that one
    segment and is too full for the next line's first letter: a renderer broke a word too wide
    for a whole line there (งบประมา|ณ), so the word it could not break is the joined one.

    A number opening the line goes with the word after it: a word processor keeps a count with
    its unit ("๒ ฉบับ", measured in LibreOffice: "๒" alone would have fitted on the line)."""
    line = lines[start]
    first = line.split(" ", 1)[0]
    counted = _COUNT_AND_UNIT.match(line)
    if counted:
        return counted.group()
    following = lines[start + 1] if start + 1 < len(lines) else ""
    if first != line or not following or not (is_thai(line[-1]) and is_thai(following[0])):
        return first
    if widths[start] + text_width(following[0]) * scale <= limits[start]:
        return first
    return first + following.split(" ", 1)[0]


def _read_on(lines: Sequence[str], start: int) -> str:
    """The text from line ``start`` on, its lines joined as most wraps are (no space), as far as
    the language rules look: they read past a short line ("… จริยธรรม และ" / "พนักงาน…"). A line
    that opens with what Thai sets off by a space (a dotted abbreviation, a number, a Latin word)
    is read after one, so it is not glued into a false word ("มาณ" + "พ.ศ." is no "มาณพ.")."""
    text = ""
    for line in lines[start:]:
        set_off = text and line and (not is_thai(line[0]) or ABBREVIATION.match(line))
        text += (" " if set_off else "") + line
        if len(text) >= JUNCTION_CONTEXT:
            break
    return text


def _layout_scale(
    lines: Sequence[str], line_widths: Sequence[float] | None, font_size: float | None
) -> float:
    """Layout units per em of the width table: measured on the lines themselves when their widths
    are known (the real font may run wider or narrower than the table), else the font size, else
    1 (everything in table em)."""
    if line_widths is not None:
        measurable = [
            (measured, text)
            for measured, text in zip(line_widths, lines, strict=True)
            if text_width(text) >= _MIN_CALIBRATION_EM
        ]
        # a line without a space cannot be stretched by justification: its width is natural
        unstretched = [(measured, text) for measured, text in measurable if " " not in text]
        ratios = sorted(measured / text_width(text) for measured, text in unstretched or measurable)
        if ratios:
            return ratios[len(ratios) // 2]
    return font_size or 1.0


def _natural_widths(
    lines: Sequence[str], line_widths: Sequence[float], scale: float, full: float
) -> list[float]:
    """The measured widths, but a line that justification spread (as wide as the column,
    ``full`` or more, and wider than its text by more than the width table's error) gets the
    width its text has unspread: the layout tests ask what fitted before the renderer spread the
    line. A line short of the column was not spread, however its font measures against the
    table. A list item's first line is left as measured: the gap after its marker is a tab
    stop, not a spread space."""
    return [
        natural
        if _spreadable(text) and measured >= full and measured > natural * (1 + _SPREAD_TOLERANCE)
        else measured
        for text, measured in zip(lines, line_widths, strict=True)
        for natural in (text_width(text) * scale,)
    ]


def _spreadable(line: str) -> bool:
    return " " in line and not _starts_with_list_marker(line)


def _starts_with_list_marker(line: str) -> bool:
    """The line's first token is a list marker, set off by any space (Word's list tab: NBSPs)."""
    return bool(line.strip()) and bool(LIST_MARKER.match(line.split(maxsplit=1)[0]))


@cache
def _step_label() -> re.Pattern[str]:
    labels = "|".join(map(re.escape, word_lists().step_labels))
    return re.compile(f"^(?:{labels}) ?{NUMBER}")


def _opens_labelled_step(paragraph: str, line: str) -> bool:
    """``line`` opens with a step's label and number ("ขั้นตอนที่ ๒ …") and the paragraph before
    it does not end in a word awaiting its complement ("… ตาม" | "ขั้นตอนที่ ๓"): a new paragraph,
    whatever room the line before left (writers label steps in paragraphs of their own)."""
    if not _step_label().match(line):
        return False
    last = last_thai_word(paragraph)  # "" when no Thai word ends the paragraph
    return not (last in word_lists().needs_complement or glued_function_word(last))


def _wrap_junction(
    left: str, right: str, stats: WrapStats | None, *, at_space: bool = False
) -> LineJunction:
    """Two pieces of one paragraph joined across a wrap (a line end or a page cut); ``at_space``
    when the layout shows the wrap took the author's space."""
    cut = hyphen_cut(left, right)
    if cut:
        return LineJunction("join", cut)
    if is_thai(left[-1]) and is_thai(right[0]):
        decision = decide_junction(left, right, line_end=not at_space, stats=stats)
        return LineJunction(
            "space" if decision.keep else "join", decision.reason, decision.evidence
        )
    return LineJunction("space", "not between two Thai characters")


def _run_cut(left: str, right: str, *, room_for_space: bool) -> LineJunction:
    """A wrap where the PDF kept no space, in a document whose lines keep the space a wrap takes:
    the wrap cut a Thai run, unless Thai writing puts a space there anyway (ๆ, around a number
    phrase…). Only a line with room left for the space proves it was not there: a writer drops a
    space that would overflow a full line ("… 214 ครั้ง" | "ถูกต้อง…" at 61.05 of 61.9 pt), so
    there a number phrase still keeps it ("… 12 โครงการ" | "ก่อสร้าง" had room: joined)."""
    written = written_space(left, right)
    if written:
        return LineJunction("space", written.reason)
    if room_for_space:
        return LineJunction("join", "no space kept at a line end with room for one")
    right_run = RIGHT_THAI_RUN.match(right)
    right_words = newmm_words(right_run.group()[:RUN_CONTEXT]) if right_run else ()
    phrase = right_words and (
        unit_after_number(left, right_words) or phrase_boundary(left, right, right_words)
    )
    if phrase:
        return LineJunction("space", phrase)
    return LineJunction("join", "no space kept at the line end: the wrap cut a Thai run")


def join_wrapped_lines(
    lines: Sequence[str],
    *,
    line_widths: Sequence[float] | None = None,
    width: float | None = None,
    font_size: float | None = None,
    stats: WrapStats | None = None,
    line_indents: Sequence[float] | None = None,
) -> list[str]:
    """Visual lines of one cell as a PDF laid them out (line_widths and the cell's inner width in
    points, font size in points, when known) → paragraphs: each line junction decided as paragraph
    break / join without space / join with space. A break where the next line's first word would
    have fitted on the line is a forced break (a paragraph end); a break at the far right of a full
    line is a wrap. ``line_indents``: see ``explain_line_junctions``."""
    texts = [line.strip() for line in lines]
    junctions = explain_line_junctions(
        lines,
        line_widths=line_widths,
        width=width,
        font_size=font_size,
        stats=stats,
        line_indents=line_indents,
    )
    paragraphs = texts[:1]
    for line, junction in zip(texts[1:], junctions, strict=True):
        if junction.kind == "break":
            paragraphs.append(line)
        else:
            paragraphs[-1] += junction.joiner + line
    return [paragraph.replace(NO_BREAK_SPACE, " ") for paragraph in paragraphs if paragraph]


def join_across_wrap(left: str, right: str, stats: WrapStats | None = None) -> str:
    """Two pieces of one paragraph that a wrap set apart, joined: a paragraph cut by a page end
    ("๓. จัดให้มีช่องทางการ" + "สอบถามข้อมูลต่าง ๆ …"), a title set over two lines."""
    left, right = left.rstrip(), right.lstrip()
    if not left or not right:
        return left + right
    junction = _wrap_junction(left, right, stats)
    return left + junction.joiner + right
