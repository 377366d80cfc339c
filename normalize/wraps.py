"""Line-wrap space repair: keep an author's space, drop a wrap artefact.

Thai writes words without spaces and uses a space between phrases, before ๆ, around Latin words and
numbers, and before list markers. When a table cell is re-flowed, each line wrap becomes a space
(text dumps, HTML exports) or a line break (PDF). Two kinds of evidence decide each one:

- **Layout.** The paragraphs of one column of one table page were set in one line width W. The
  text between two spaces (a segment) was never broken, so laying the segments out greedily in W
  with the font's advance widths (``data/thai_widths.json``, TH Sarabun metrics) tells which spaces
  can be line ends at all: a space whose next segment still fits on the line is the author's. W is
  estimated from the column itself (``estimate_line_width``).
- **Language.** At a line end, rules over newmm words (``decide_junction``, word lists in
  ``data/wrap_words.json``, pythainlp's bundled dictionary and TNC frequency list) decide whether
  the author also put a space there; ``WrapStats`` adds how the document itself writes a word pair.

Every removal carries a reason (``explain_wrap_spaces``) so it can be audited.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Literal

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")  # never download: only the bundled dictionary
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

# --- Thai character classes -------------------------------------------------------------------

_THAI = "\u0e01-\u0e5b"
_THAI_LETTERS = "\u0e01-\u0e4e"  # consonants, vowels, marks, ฯ, ๆ (not digits)
_THAI_DIGITS = "\u0e50-\u0e59"
# Following vowels and combining marks: they cannot start a syllable, so no space goes before them.
_FOLLOWING = frozenset("\u0e30\u0e31\u0e32\u0e33\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e45") | {
    chr(cp) for cp in range(0x0E47, 0x0E4F)
}
_LEADING = frozenset("เแโใไ")  # leading vowels: a syllable continues after them
_MAI_HAN_AKAT = "\u0e31"
_MAI_YAMOK = "ๆ"
_PAIYANNOI = "ฯ"

_LEFT_THAI_RUN = re.compile(f"[{_THAI_LETTERS}]+$")
_RIGHT_THAI_RUN = re.compile(f"^[{_THAI_LETTERS}]+")
_ABBREVIATION = re.compile(f"^(?:[{_THAI_LETTERS}]{{1,4}}\\.)+")  # อบต. ก.พ. (a dotted short run)
_SINGLE_LETTER = re.compile(f"^[\u0e01-\u0e2e](?![{_THAI}])")
_NUMBER = f"[0-9{_THAI_DIGITS}]"
_BEFORE_NUMBER = re.compile(f"^[{_THAI_LETTERS}]{{1,20}} +{_NUMBER}")
_UNIT_AFTER_NUMBER = re.compile(f"{_NUMBER} +([{_THAI_LETTERS}]{{1,8}})$")
_LIST_ITEM = re.compile(f"^[{_THAI_LETTERS}]{{1,15}} +([{_THAI_LETTERS}]+)")
_LIST_MARKER = re.compile(rf"^(?:[0-9{_THAI_DIGITS}]{{1,3}}[.)]|\([0-9{_THAI_DIGITS}]{{1,3}}\)|[-•–])$")
_LATIN_HYPHEN_WRAP = re.compile(r"(?<=[A-Za-z]-) +(?=[A-Za-z])")
_SPACES = re.compile(" +")
_SEGMENT = re.compile(r"\S+")


def _is_thai(char: str) -> bool:
    return "\u0e01" <= char <= "\u0e5b"


# --- data ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _WordLists:
    clause_openers: frozenset[str]
    needs_complement: frozenset[str]
    cannot_open: frozenset[str]
    function_words: frozenset[str]
    era_abbreviations: tuple[str, ...]
    standalone_keep: frozenset[str]
    number_introducers: frozenset[str]
    units: frozenset[str]
    unit_continuations: frozenset[str]
    list_conjunctions: tuple[str, ...]


def _data(name: str) -> dict:
    return json.loads(resources.files("normalize").joinpath(f"data/{name}").read_text("utf-8"))


@cache
def _words_lists() -> _WordLists:
    data = _data("wrap_words.json")
    return _WordLists(
        clause_openers=frozenset(data["clause_openers"]),
        needs_complement=frozenset(data["needs_complement"]),
        cannot_open=frozenset(data["cannot_open"]),
        function_words=frozenset(data["function_words"]),
        era_abbreviations=tuple(data["era_abbreviations"]),
        standalone_keep=frozenset(data["standalone_keep"]),
        number_introducers=frozenset(data["number_introducers"]),
        units=frozenset(data["units"]),
        unit_continuations=frozenset(data["unit_continuations"]),
        list_conjunctions=tuple(data["list_conjunctions"]),
    )


@cache
def _glyph_widths() -> tuple[dict[str, float], float]:
    data = _data("thai_widths.json")
    return data["widths"], data["default"]


@cache
def _dictionary() -> frozenset[str]:
    from pythainlp.corpus import thai_words

    return thai_words()


@cache
def _common_words() -> frozenset[str]:
    """Words of the bundled Thai National Corpus frequency list (real words, not newmm glue)."""
    from pythainlp.corpus import tnc

    return frozenset(word for word, _ in tnc.word_freqs())


@lru_cache(maxsize=1 << 16)
def _words(run: str) -> tuple[str, ...]:
    """newmm words of a Thai run (cached: a document repeats its phrases)."""
    from pythainlp.tokenize import newmm

    return tuple(newmm.segment(run))


def text_width(text: str) -> float:
    """Advance width of ``text`` in em, in a TH Sarabun-metric font (combining marks are 0)."""
    widths, default = _glyph_widths()
    return sum(widths.get(char, default) for char in text)


def _space_width() -> float:
    return _glyph_widths()[0][" "]


# --- one junction --------------------------------------------------------------------------------

Action = Literal["keep", "remove"]


@dataclass(frozen=True)
class JunctionDecision:
    """Keep or remove the space between ``left`` and ``right``, and why."""

    action: Action
    reason: str
    strong: bool = False  # evidence strong enough to locate line ends (used to estimate W)

    @property
    def keep(self) -> bool:
        return self.action == "keep"


def _keep(reason: str) -> JunctionDecision:
    return JunctionDecision("keep", reason)


def _remove(reason: str, strong: bool = False) -> JunctionDecision:
    return JunctionDecision("remove", reason, strong)


def decide_junction(
    left: str,
    right: str,
    *,
    line_end: bool | None,
    stats: WrapStats | None = None,
) -> JunctionDecision:
    """Keep or remove the space between ``left`` (text before it) and ``right`` (text after it).

    ``line_end``: True when the space is (or may well be) a line wrap, so a wrap is the default;
    False when the layout proves it is the author's (only impossible spelling removes it then);
    None when nothing is known (keep unless a rule says otherwise).
    """
    if not (left and right and _is_thai(left[-1]) and _is_thai(right[0])):
        return _keep("not between two Thai characters")
    spelling = _impossible_space(left, right)
    if spelling:
        return spelling
    written = _written_space(left, right)
    if written:
        return written
    if line_end is False:
        return _keep("fits on the line: the author's space")
    words = _words_lists()
    left_run = _LEFT_THAI_RUN.search(left)
    right_run = _RIGHT_THAI_RUN.match(right)
    left_words = _words(left_run.group()) if left_run else ()
    right_words = _words(right_run.group()) if right_run else ()
    if not left_words or not right_words:
        return _keep("no Thai word on one side")
    last, first = left_words[-1], right_words[0]

    crossing = _crossing_word(left_words, right_words)
    if crossing:
        return _remove(f"dictionary word across the space: {crossing}", strong=True)
    if first in words.clause_openers:
        return _keep(f"clause opener: {first}")
    if last in words.needs_complement:
        return _remove(f"needs a complement: {last}", strong=True)
    glued = _glued_function_word(last)
    if glued:
        return _remove(f"needs a complement: {glued} (in {last})", strong=True)
    phrase = _phrase_boundary(left, right, right_words)
    if phrase:
        return _keep(phrase)
    if first in words.cannot_open:
        return _remove(f"cannot open a phrase: {first}")
    if stats is not None:
        lean = stats.lean(last, first)
        if lean == "joined":
            return _remove(f"written joined in this document: {last}{first}")
        if lean == "spaced":
            return _keep(f"written spaced in this document: {last} {first}")
    if line_end:
        return _remove("line end")
    return _keep("no evidence")


def _impossible_space(left: str, right: str) -> JunctionDecision | None:
    """A space Thai spelling does not allow: before a following vowel or mark, after a leading vowel."""
    if right[0] in _FOLLOWING:
        return _remove("a vowel or mark cannot start a word", strong=True)
    if left[-1] in _LEADING or left[-1] == _MAI_HAN_AKAT:
        return _remove("a leading vowel cannot end a word", strong=True)
    return None


def _written_space(left: str, right: str) -> JunctionDecision | None:
    """Spaces Thai writing puts in: around ๆ, after ฯ, around numbers, before era names, ณ, dotted
    abbreviations, single letters."""
    words = _words_lists()
    if _MAI_YAMOK in (left[-1], right[0]):
        return _keep("ไม้ยมก")
    if left[-1] == _PAIYANNOI or right[0] == _PAIYANNOI:
        return _keep("ไปยาลน้อย")
    if "\u0e50" <= left[-1] <= "\u0e59" or "\u0e50" <= right[0] <= "\u0e59":
        return _keep("number")
    if right.startswith(words.era_abbreviations):
        return _keep("era name")
    if _ABBREVIATION.match(right) or _SINGLE_LETTER.match(right):
        return _keep("abbreviation or single letter")
    left_run = _LEFT_THAI_RUN.search(left)
    right_run = _RIGHT_THAI_RUN.match(right)
    if (left_run and left_run.group() in words.standalone_keep) or (
        right_run and right_run.group() in words.standalone_keep
    ):
        return _keep("standalone word (ณ)")
    return None


def _phrase_boundary(left: str, right: str, right_words: Sequence[str]) -> str | None:
    """Spaces that delimit a number phrase or a list item: Thai sets a number phrase off with
    spaces ("… จำนวน ๑๒๔ เรื่อง เพิ่มขึ้น …") and lists items with a space before the last "และ"."""
    words = _words_lists()
    if _BEFORE_NUMBER.match(right):
        opener = _opening_phrase(right_words, words.number_introducers)
        if opener:
            return f"opens a number phrase: {opener}"
    unit = _UNIT_AFTER_NUMBER.search(left)
    if unit and unit.group(1) in words.units and right_words[0] not in words.unit_continuations:
        return f"unit after a number: {unit.group(1)}"
    item = _LIST_ITEM.match(right)
    if item:
        conjunction = _opening_phrase(_words(item.group(1)), words.list_conjunctions)
        if conjunction:
            return f"list item before {conjunction}"
    return None


def _opening_phrase(run_words: Sequence[str], phrases: Iterable[str]) -> str | None:
    """The phrase of ``phrases`` that the words of a run start with, ending on a word boundary."""
    starts = ["".join(run_words[: n + 1]) for n in range(min(len(run_words), 4))]
    return next((phrase for phrase in phrases if phrase in starts), None)


def _crossing_word(left_words: Sequence[str], right_words: Sequence[str]) -> str | None:
    """A dictionary word of the joined text that spans the space and starts and ends on word
    boundaries the two sides already had (ดุลย|พินิจ, จัด|จ้าง), not made of a function word."""
    left_text, right_text = "".join(left_words), "".join(right_words)
    cut = len(left_text)
    bounds = {0, cut, cut + len(right_text)}
    position = 0
    for word in left_words:
        position += len(word)
        bounds.add(position)
    position = cut
    for word in right_words:
        position += len(word)
        bounds.add(position)
    dictionary, function_words = _dictionary(), _words_lists().function_words
    position = 0
    for word in _words(left_text + right_text):
        start, position = position, position + len(word)
        if start < cut < position and start in bounds and position in bounds and word in dictionary:
            head, tail = word[: cut - start], word[cut - start :]
            if head not in function_words and tail not in function_words:
                return word
    return None


def _glued_function_word(word: str) -> str | None:
    """A rare newmm entry ending in a word that needs a complement (ดำเนิน|การตาม → ตาม)."""
    if word in _common_words() or len(word) < 4:
        return None
    for ending in _words_lists().needs_complement:
        if len(ending) < len(word) and word.endswith(ending) and word[: -len(ending)] in _dictionary():
            return ending
    return None


# --- document statistics -------------------------------------------------------------------------


@dataclass
class WrapStats:
    """How often a document writes a word pair joined (inside a Thai run) or spaced.

    Identical texts count once, so a header repeated on every page does not dominate.
    """

    joined: Counter[tuple[str, str]] = field(default_factory=Counter)
    spaced: Counter[tuple[str, str]] = field(default_factory=Counter)

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> WrapStats:
        stats = cls()
        for text in dict.fromkeys(t for t in texts if t):
            stats.add_text(text)
        return stats

    def add_text(self, text: str) -> None:
        for line in text.split("\n"):  # a line break is a wrap or a break: no evidence across it
            runs = list(_THAI_RUN_WITH_GAP.finditer(line))
            for match in runs:
                words = _words(match.group("run"))
                self.joined.update(zip(words, words[1:], strict=False))
            for before, after in zip(runs, runs[1:], strict=False):
                if before.end() == after.start() - 1 and line[before.end()] == " ":
                    self.spaced[(_words(before.group("run"))[-1], _words(after.group("run"))[0])] += 1

    def lean(self, left_word: str, right_word: str) -> Literal["joined", "spaced"] | None:
        """Which way the document usually writes this pair, if it clearly does."""
        joined = self.joined[(left_word, right_word)]
        spaced = self.spaced[(left_word, right_word)]
        if joined > spaced:
            return "joined"
        return None


_THAI_RUN_WITH_GAP = re.compile(f"(?P<run>[{_THAI_LETTERS}]+)")


# --- the layout of one column --------------------------------------------------------------------

LineStatus = Literal["mid", "end", "unsure"]


@dataclass(frozen=True)
class _Segment:
    start: int
    end: int
    width: float
    first_word: float  # width of its first word: the renderer could have broken after it
    marker: bool  # a list marker: it starts a new line


@dataclass(frozen=True)
class _Paragraph:
    text: str
    segments: tuple[_Segment, ...]

    def gaps(self) -> Iterable[tuple[int, int]]:
        for before, after in zip(self.segments, self.segments[1:], strict=False):
            yield before.end, after.start


def _paragraph(text: str) -> _Paragraph:
    segments = []
    for match in _SEGMENT.finditer(text):
        word = match.group()
        segments.append(
            _Segment(
                start=match.start(),
                end=match.end(),
                width=text_width(word),
                first_word=text_width(_first_breakable(word)),
                marker=bool(_LIST_MARKER.match(word)),
            )
        )
    return _Paragraph(text, tuple(segments))


def _first_breakable(segment: str) -> str:
    """The part of a segment before its first line-break opportunity (a Thai word, or a Latin word
    up to its first hyphen)."""
    run = _RIGHT_THAI_RUN.match(segment)
    if run:
        return _words(run.group())[0]
    hyphen = segment.find("-", 1)
    return segment[: hyphen + 1] if hyphen > 0 else segment


def _lay_out(paragraph: _Paragraph, width: float) -> tuple[list[bool], int, int]:
    """Greedy layout of the segments in ``width``: for each gap, whether it is a line end; plus the
    number of segments wider than the line, and of line ends the renderer would not have made (the
    next segment's first word still fitted)."""
    ends: list[bool] = []
    space = _space_width()
    segments = paragraph.segments
    if not segments:
        return ends, 0, 0
    line = _wrapped_tail(segments[0].width, width)
    too_wide = int(segments[0].width > width)
    needless = 0
    for segment in segments[1:]:
        if segment.marker:
            ends.append(True)
            line = segment.width
            continue
        if line + space + segment.width <= width:
            ends.append(False)
            line += space + segment.width
            continue
        ends.append(True)
        if segment.first_word < segment.width and line + space + segment.first_word <= width:
            needless += 1
        too_wide += segment.width > width
        line = _wrapped_tail(segment.width, width)
    return ends, too_wide, needless


def _wrapped_tail(segment_width: float, width: float) -> float:
    """Width left on the last line by a segment wider than the line (its wraps were lost)."""
    if segment_width <= width:
        return segment_width
    return segment_width - width * math.floor(segment_width / width)


# Weights of the width score: a strong wrap sign at a line end +1, in mid-line -1; a segment wider
# than the line (lost wraps) -1; a line end the renderer would not have made -0.5.
_MISSED_SIGN, _TOO_WIDE, _NEEDLESS_END = 1.0, 1.0, 0.5
_PLAUSIBLE_MARGIN = 0.5  # widths scoring within this of the best are all kept as plausible
_FONT_TOLERANCE = 0.02  # relative error of the width table against the unknown source font
_GRID_STEP = 1.01  # relative step of the width grid


def _paragraph_score(paragraph: _Paragraph, signs: Sequence[bool], width: float) -> float:
    ends, too_wide, needless = _lay_out(paragraph, width)
    score = 0.0
    for is_end, is_sign in zip(ends, signs, strict=True):
        if is_sign:
            score += 1.0 if is_end else -_MISSED_SIGN
    return score - _TOO_WIDE * too_wide - _NEEDLESS_END * needless


def _width_grid(low: float, high: float) -> list[float]:
    grid = [low]
    while grid[-1] < high:
        grid.append(grid[-1] * _GRID_STEP)
    return grid


@dataclass(frozen=True)
class ColumnLayout:
    """The paragraphs of one column of one table page and the line widths (em) that plausibly
    laid them out: those best explaining the strong wrap signs (best first). With no sign at
    all, the width is only known to be at least the widest segment (a segment was never broken),
    so every width from there up stays plausible."""

    paragraphs: tuple[_Paragraph, ...]
    signs: tuple[tuple[bool, ...], ...]  # per paragraph, per gap: a strong wrap sign
    widths: tuple[float, ...]  # plausible widths, best first; empty: nothing to lay out
    measured: bool  # the widths come from wrap signs (not only from the widest segment)

    @classmethod
    def of(cls, texts: Sequence[str]) -> ColumnLayout:
        paragraphs = tuple(_paragraph(text) for text in texts)
        signs = tuple(
            tuple(_strong_sign(p.text, start, end) for start, end in p.gaps()) for p in paragraphs
        )
        segment_widths = sorted(s.width for p in paragraphs for s in p.segments)
        if not segment_widths or all(len(p.segments) < 2 for p in paragraphs):
            return cls(paragraphs, signs, (), measured=False)
        high = max(text_width(p.text) for p in paragraphs) * (1 + 2 * _FONT_TOLERANCE)
        unbounded = cls(paragraphs, signs, tuple(_width_grid(segment_widths[-1], high)), False)
        if not any(any(s) for s in signs):
            return unbounded
        # at the very least, half the segments fit on a line
        grid = _width_grid(segment_widths[len(segment_widths) // 2], high)
        totals = [
            sum(_paragraph_score(p, s, w) for p, s in zip(paragraphs, signs, strict=True)) for w in grid
        ]
        best = max(totals)
        if best <= 0:
            return unbounded
        ranked = sorted(
            (i for i, total in enumerate(totals) if total >= best - _PLAUSIBLE_MARGIN),
            key=lambda i: -totals[i],
        )
        return cls(paragraphs, signs, tuple(grid[i] for i in ranked), measured=True)

    @property
    def width(self) -> float | None:
        """The best line width in em, or None when no wrap sign located it."""
        return self.widths[0] if self.measured else None

    def line_statuses(self, index: int) -> list[LineStatus]:
        """Each gap of paragraph ``index``: a line end or mid-line under every width that explains
        the paragraph's own signs as well as possible (the column's plausible widths, widened by
        the font tolerance), else unsure."""
        paragraph, signs = self.paragraphs[index], self.signs[index]
        gaps = len(paragraph.segments) - 1
        if not self.widths or gaps < 1:
            return ["unsure"] * gaps
        low, high = min(self.widths), max(self.widths)
        trials = sorted({low * (1 - _FONT_TOLERANCE), high * (1 + _FONT_TOLERANCE), *self.widths})
        scores = [_paragraph_score(paragraph, signs, w) for w in trials]
        best = max(scores)
        layouts = [
            _lay_out(paragraph, w)[0]
            for w, score in zip(trials, scores, strict=True)
            if score >= best - _PLAUSIBLE_MARGIN
        ]
        statuses: list[LineStatus] = []
        for gap in range(gaps):
            votes = {ends[gap] for ends in layouts}
            statuses.append("unsure" if len(votes) > 1 else ("end" if votes.pop() else "mid"))
        return statuses


def estimate_line_width(paragraphs: Sequence[str]) -> float | None:
    """The line width (em) that best explains the wraps of one column's paragraphs, or None when
    their text shows no wrap sign."""
    return ColumnLayout.of(paragraphs).width


def _strong_sign(text: str, start: int, end: int) -> bool:
    if not _SPACES.fullmatch(text[start:end]):
        return False
    return decide_junction(text[:start], text[end:], line_end=True).strong


# --- public repair functions ---------------------------------------------------------------------


@dataclass(frozen=True)
class GapDecision:
    """One run of spaces in a paragraph, and what was done with it."""

    start: int
    end: int
    line: LineStatus
    decision: JunctionDecision


def explain_wrap_spaces(
    paragraphs: Sequence[str], stats: WrapStats | None = None
) -> list[list[GapDecision]]:
    """Every Thai–Thai space and Latin hyphen wrap of one column's paragraphs, decided with reasons."""
    layout = ColumnLayout.of(paragraphs)
    explained = []
    for index, (text, paragraph) in enumerate(zip(paragraphs, layout.paragraphs, strict=True)):
        statuses = layout.line_statuses(index)
        decisions = []
        for (start, end), line in zip(paragraph.gaps(), statuses, strict=True):
            if not _SPACES.fullmatch(text[start:end]):
                continue
            decision = _decide_gap(text, start, end, line, stats)
            if decision is not None:
                decisions.append(GapDecision(start, end, line, decision))
        explained.append(decisions)
    return explained


def _decide_gap(
    text: str, start: int, end: int, line: LineStatus, stats: WrapStats | None
) -> JunctionDecision | None:
    left, right = text[:start], text[end:]
    if _LATIN_HYPHEN_WRAP.match(text, start) and line != "mid":
        return _remove("Latin word cut at its hyphen")
    if not (_is_thai(left[-1]) and _is_thai(right[0])):
        return None
    line_end = {"mid": False, "end": True, "unsure": None}[line]
    return decide_junction(left, right, line_end=line_end, stats=stats)


def repair_wrap_spaces(paragraphs: Sequence[str], stats: WrapStats | None = None) -> list[str]:
    """Paragraphs whose line wraps were turned into spaces (text dumps, HTML): all the paragraphs
    laid out in ONE column of ONE table page, returned with every Thai–Thai space decided
    keep/remove (and Latin hyphen wraps joined). Never changes anything else."""
    repaired = []
    for text, decisions in zip(paragraphs, explain_wrap_spaces(paragraphs, stats), strict=True):
        repaired.append(_apply(text, decisions))
    return repaired


def _apply(text: str, decisions: Iterable[GapDecision]) -> str:
    pieces, position = [], 0
    for gap in decisions:
        if not gap.decision.keep:
            pieces.append(text[position : gap.start])
            position = gap.end
    pieces.append(text[position:])
    return "".join(pieces)


@dataclass(frozen=True)
class LineJunction:
    """How two consecutive visual lines of a cell are joined, and why."""

    kind: Literal["break", "space", "join"]  # paragraph break / join with a space / join without
    reason: str


def explain_line_junctions(
    lines: Sequence[str],
    *,
    line_widths: Sequence[float] | None = None,
    width: float | None = None,
    font_size: float | None = None,
    stats: WrapStats | None = None,
) -> list[LineJunction]:
    """One decision per pair of consecutive lines (see ``join_wrapped_lines``)."""
    texts = [line.strip() for line in lines]
    measured = _lines_in_em(texts, line_widths, font_size)
    column = _column_width_em(measured, texts, line_widths, width, font_size)
    junctions = []
    for index in range(1, len(texts)):
        previous, line = texts[index - 1], texts[index]
        if not previous or not line:
            junctions.append(LineJunction("break", "empty line"))
        elif _LIST_MARKER.match(line.split(" ", 1)[0]):
            junctions.append(LineJunction("break", "list marker"))
        elif _first_word_fits(measured[index - 1], line, column):
            junctions.append(LineJunction("break", "the next word would have fitted: a forced break"))
        else:
            junctions.append(_wrap_junction(previous, line, stats))
    return junctions


def join_wrapped_lines(
    lines: Sequence[str],
    *,
    line_widths: Sequence[float] | None = None,
    width: float | None = None,
    font_size: float | None = None,
    stats: WrapStats | None = None,
) -> list[str]:
    """Visual lines of one cell as a PDF laid them out (line_widths and the cell's inner width in
    points, font size in points, when known) → paragraphs: each line junction decided as paragraph
    break / join without space / join with space. A break where the next line's first word would
    have fitted on the line is a forced break (a paragraph end); a break at the far right of a full
    line is a wrap."""
    texts = [line.strip() for line in lines]
    junctions = explain_line_junctions(
        texts, line_widths=line_widths, width=width, font_size=font_size, stats=stats
    )
    paragraphs = [texts[0]] if texts else []
    for line, junction in zip(texts[1:], junctions, strict=True):
        if junction.kind == "break":
            paragraphs.append(line)
        else:
            paragraphs[-1] += (" " if junction.kind == "space" else "") + line
    return [paragraph for paragraph in paragraphs if paragraph]


def _lines_in_em(
    lines: Sequence[str], line_widths: Sequence[float] | None, font_size: float | None
) -> list[float]:
    if line_widths is not None and font_size:
        return [w / font_size for w in line_widths]
    return [text_width(line) for line in lines]


def _column_width_em(
    measured: Sequence[float],
    lines: Sequence[str],
    line_widths: Sequence[float] | None,
    width: float | None,
    font_size: float | None,
) -> float:
    """The cell's line width in em: given, or (when unknown) the widest line."""
    if width is not None:
        if font_size:
            return width / font_size
        if line_widths is not None:  # no font size: scale by how the lines measure in em
            ratios = sorted(
                w / text_width(t) for w, t in zip(line_widths, lines, strict=True) if text_width(t)
            )
            if ratios:
                return width / ratios[len(ratios) // 2]
    return max(measured, default=0.0)


def _first_word_fits(previous_width: float, line: str, column: float) -> bool:
    """The first word of ``line`` would have fitted at the end of the previous line."""
    first = line.split(" ", 1)[0]
    needed = previous_width + _space_width() + text_width(_first_breakable(first))
    return needed <= column * (1 - _FONT_TOLERANCE)


def _wrap_junction(left: str, right: str, stats: WrapStats | None) -> LineJunction:
    """Two pieces of one paragraph joined across a wrap (a line end or a page cut)."""
    if re.search(r"[A-Za-z]-$", left) and right[0].isascii() and right[0].isalpha():
        return LineJunction("join", "Latin word cut at its hyphen")
    if _is_thai(left[-1]) and _is_thai(right[0]):
        decision = decide_junction(left, right, line_end=True, stats=stats)
        return LineJunction("space" if decision.keep else "join", decision.reason)
    return LineJunction("space", "not between two Thai characters")


def join_across_page_cut(left: str, right: str, stats: WrapStats | None = None) -> str:
    """A paragraph cut by a page end ("๓. จัดให้มีช่องทางการ" + "สอบถามข้อมูลต่าง ๆ …") joined with
    the same junction decision as a wrap."""
    left, right = left.rstrip(), right.lstrip()
    if not left or not right:
        return left + right
    junction = _wrap_junction(left, right, stats)
    return left + (" " if junction.kind == "space" else "") + right
