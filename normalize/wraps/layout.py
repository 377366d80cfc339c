"""The layout of one column whose wraps became spaces: which line widths plausibly set its
paragraphs, and so which spaces can be line ends."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise
from typing import Literal

from normalize.wraps.rules import decide_by_rules
from normalize.wraps.stats import WrapStats
from normalize.wraps.words import (
    ABBREVIATION,
    JUNCTION_CONTEXT,
    LIST_MARKER,
    LONGEST_WORD,
    NO_BREAK_SPACE,
    NUMBER,
    RIGHT_THAI_RUN,
    RUN_CONTEXT,
    SPACES,
    newmm_words,
    opening_phrase,
    single_thai_word,
    space_width,
    text_width,
    thai_dictionary,
    word_lists,
)

_NUMBER_START = re.compile(NUMBER)
_SEGMENT = re.compile(r"\S+")


def stats_from_columns(columns: Iterable[Sequence[str]], texts: Iterable[str] = ()) -> WrapStats:
    """``WrapStats.from_texts`` for columns of paragraphs whose wraps became spaces: a space that
    may be a line end of its column's layout is no evidence, like a line break. ``texts``: texts
    whose line breaks are kept (PDF cells), counted as they are."""
    return WrapStats.from_texts([*(t for c in columns for t in _author_spaced(c)), *texts])


def _author_spaced(paragraphs: Sequence[str]) -> list[str]:
    """The paragraphs with every space that may be a line end turned into a line break."""
    layout = ColumnLayout.of(paragraphs)
    marked = []
    for index, (text, paragraph) in enumerate(zip(paragraphs, layout.paragraphs, strict=True)):
        pieces, position = [], 0
        for (start, end), line in zip(paragraph.gaps(), layout.line_statuses(index), strict=True):
            if line != "mid":
                pieces.append(text[position:start] + "\n")
                position = end
        pieces.append(text[position:])
        marked.append("".join(pieces))
    return marked


# Where a space falls under the plausible layouts; "spread": inside a line that justification
# spread so far that every word gap became a space (see ``_spread_gaps``).
LineStatus = Literal["mid", "end", "unsure", "spread"]

# Weights of a line width's score: a strong wrap sign at a line end +1, mid-line -1; a segment
# wider than the line (the dump lost its wraps) -1; a line end the renderer would not have made
# (the next word still fitted) -0.5.
_MISSED_SIGN, _TOO_WIDE, _NEEDLESS_END = 1.0, 1.0, 0.5
_MIN_EVIDENCE = 1.5  # a width is trusted once it explains more than one net wrap sign
_PLAUSIBLE_MARGIN = 0.5  # widths scoring within this of the best stay plausible
# Relative error of the width table against the unknown source font. A uniform scale error
# cancels out (W is estimated in the same table): only the mix of glyphs differs, about 1%.
_FONT_TOLERANCE = 0.01
_GRID_STEP = 1.01  # relative step between candidate widths
# A segment of combining marks alone ("ั ั" of a damaged cell) has no width; the grid of candidate
# widths grows by a factor from the narrowest segment, so it starts from at least this (em).
_NARROWEST_SEGMENT = 0.1

# Justified Thai text widens the word gaps of a line that wrapped early; a converter turns gaps
# wider than its threshold into spaces. A line stretched by at least this much per gap (em), with
# a space at every word gap and at least this many gaps, shows that signature.
_SPREAD_STRETCH, _SPREAD_MIN_GAPS = 0.5, 2


@dataclass(frozen=True, slots=True)
class _Segment:
    """Text between two spaces: never broken by the renderer."""

    start: int
    end: int
    width: float  # em
    first_word: float  # em, what the renderer could not have broken off it
    marker: bool  # a list marker: it starts a new line


@dataclass(frozen=True)
class _Paragraph:
    text: str
    segments: tuple[_Segment, ...]

    @classmethod
    @lru_cache(maxsize=1 << 14)  # a document repeats its paragraphs, the second look re-reads them
    def of(cls, text: str) -> _Paragraph:
        segments = tuple(
            _Segment(
                start=match.start(),
                end=match.end(),
                width=text_width(match.group()),
                first_word=text_width(first_breakable(match.group())),
                marker=bool(LIST_MARKER.match(match.group())),
            )
            for match in _SEGMENT.finditer(text)
        )
        return cls(text, segments)

    def gaps(self) -> Iterable[tuple[int, int]]:
        for before, after in pairwise(self.segments):
            yield before.end, after.start

    def lay_out(self, width: float) -> tuple[list[bool], int, int]:
        """Greedy layout in ``width``: per gap, whether it is a line end; the number of segments
        wider than the line; the number of line ends the renderer would not have made."""
        ends: list[bool] = []
        if not self.segments:
            return ends, 0, 0
        space = space_width()
        first = self.segments[0].width
        line, too_wide, needless = _wrapped_tail(first, width), int(first > width), 0
        for segment in self.segments[1:]:
            if segment.marker:
                ends.append(True)
                line = segment.width
            elif line + space + segment.width <= width:
                ends.append(False)
                line += space + segment.width
            else:
                ends.append(True)
                if (
                    segment.first_word < segment.width
                    and line + space + segment.first_word <= width
                ):
                    needless += 1
                too_wide += segment.width > width
                line = _wrapped_tail(segment.width, width)
        return ends, too_wide, needless

    def score(self, signs: Sequence[bool], width: float) -> float:
        """How well ``width`` explains this paragraph: its strong wrap signs at line ends."""
        ends, too_wide, needless = self.lay_out(width)
        explained = sum(
            1.0 if end else -_MISSED_SIGN for end, sign in zip(ends, signs, strict=True) if sign
        )
        return explained - _TOO_WIDE * too_wide - _NEEDLESS_END * needless


@lru_cache(maxsize=1 << 16)
def first_breakable(segment: str) -> str:
    """The start of a segment the renderer could not have broken: a dotted abbreviation (พ.ศ.,
    อบต.), its first Thai word (the longest dictionary word it starts with, when longer than
    newmm's first word, since the renderer's own dictionary may not split that compound), or a
    Latin word up to its first hyphen (a hyphen before a digit is no break: "2566-2570"); a
    no-break space carries it on to the next such unit ("ประมาณ ๑๕,๐๐๐")."""
    unit = _breakable_unit(segment)
    glued = segment[len(unit) :]
    if glued.startswith(NO_BREAK_SPACE):  # no break there: the unit goes on after it
        return unit + NO_BREAK_SPACE + first_breakable(glued[1:]) if glued[1:] else unit
    return unit


def _breakable_unit(segment: str) -> str:
    abbreviation = ABBREVIATION.match(segment)
    if abbreviation:
        return abbreviation.group()
    run = RIGHT_THAI_RUN.match(segment)
    if run:
        text, dictionary = run.group(), thai_dictionary()
        lengths = range(min(len(text), LONGEST_WORD), 0, -1)
        longest = next((text[:n] for n in lengths if text[:n] in dictionary), "")
        first = newmm_words(text[:RUN_CONTEXT])[0]
        return longest if len(longest) > len(first) else first
    text = segment.split(NO_BREAK_SPACE, 1)[0]
    hyphen = text.find("-", 1)
    if hyphen > 0 and not _NUMBER_START.match(text, hyphen + 1):
        return text[: hyphen + 1]
    return text


def _wrapped_tail(segment_width: float, width: float) -> float:
    """Width left on its last line by a segment wider than the line."""
    if segment_width <= width:
        return segment_width
    return segment_width - width * math.floor(segment_width / width)


def _width_grid(low: float, high: float) -> list[float]:
    grid = [low]
    while grid[-1] < high:
        grid.append(grid[-1] * _GRID_STEP)
    return grid


@dataclass(frozen=True)
class ColumnLayout:
    """The paragraphs of one column of one table page, and the line widths (em) that plausibly
    laid them out, best first: those that put the strong wrap signs at line ends. Without enough
    signs the width is only known to be at least the widest segment, so every width from there up
    stays plausible (``measured`` is False)."""

    paragraphs: tuple[_Paragraph, ...]
    signs: tuple[tuple[bool, ...], ...]  # per paragraph, per gap: a strong wrap sign
    widths: tuple[float, ...]
    measured: bool

    @classmethod
    def of(cls, texts: Sequence[str], hints: Sequence[Sequence[str]] = ()) -> ColumnLayout:
        """The layout of ``texts``; ``hints``: paragraphs of the same column elsewhere (other pages
        of the table, nearest first), which probably share its width. The first hint whose wraps
        locate a width that this column's own evidence allows narrows (or supplies) the widths."""
        own = cls._of(tuple(texts))
        if not own.paragraphs or all(len(p.segments) < 2 for p in own.paragraphs):
            return own
        for hint in hints:
            other = cls._of(tuple(hint))
            if other.measured:
                agreed = own._allowed(other.widths)
                if agreed:
                    return replace(own, widths=agreed, measured=True)
        return own

    def _allowed(self, widths: Sequence[float]) -> tuple[float, ...]:
        """Those of ``widths`` this column's own evidence allows: within its plausible range when
        it was measured, else wide enough for its widest segment and contradicting none of its
        strong wrap signs more than it explains. Best first, as given."""
        if not self.widths:
            return ()
        low, high = min(self.widths), max(self.widths)
        low, high = low * (1 - _FONT_TOLERANCE), high * (1 + _FONT_TOLERANCE)
        if self.measured:
            return tuple(w for w in widths if low <= w <= high)
        return tuple(
            w
            for w in widths
            if w >= low
            and sum(p.score(s, w) for p, s in zip(self.paragraphs, self.signs, strict=True)) >= 0
        )

    @classmethod
    @lru_cache(maxsize=256)  # the pages of a column are each other's hints
    def _of(cls, texts: tuple[str, ...]) -> ColumnLayout:
        paragraphs = tuple(_Paragraph.of(text) for text in texts)
        signs = tuple(tuple(_strong_sign(p.text, s, e) for s, e in p.gaps()) for p in paragraphs)
        segment_widths = sorted(
            max(s.width, _NARROWEST_SEGMENT) for p in paragraphs for s in p.segments
        )
        if all(len(p.segments) < 2 for p in paragraphs):
            return cls(paragraphs, signs, (), measured=False)
        high = max(text_width(p.text) for p in paragraphs) * (1 + 2 * _FONT_TOLERANCE)
        unmeasured = cls(paragraphs, signs, tuple(_width_grid(segment_widths[-1], high)), False)
        if not any(any(s) for s in signs):
            return unmeasured

        def total(width: float) -> float:
            return sum(p.score(s, width) for p, s in zip(paragraphs, signs, strict=True))

        # Candidate widths low·step^k, from where half the segments fit on a line: every 4th k
        # first, then each k near the promising ones.
        low = segment_widths[len(segment_widths) // 2]
        count = math.ceil(math.log(high / low, _GRID_STEP)) + 1
        coarse = {k: total(low * _GRID_STEP**k) for k in range(0, count + 4, 4)}
        promising = max(coarse.values()) - _PLAUSIBLE_MARGIN - 1
        near = {k + d for k, score in coarse.items() if score >= promising for d in range(-3, 4)}
        scores = {
            low * _GRID_STEP**k: coarse[k] if k in coarse else total(low * _GRID_STEP**k)
            for k in near
            if k >= 0
        }
        best = max(scores.values())
        if best < _MIN_EVIDENCE:
            return unmeasured
        plausible = [w for w in scores if scores[w] >= best - _PLAUSIBLE_MARGIN]
        return cls(paragraphs, signs, tuple(sorted(plausible, key=lambda w: -scores[w])), True)

    @property
    def width(self) -> float | None:
        """The best line width in em, or None when no wrap sign located it."""
        return self.widths[0] if self.measured else None

    def line_statuses(self, index: int) -> list[LineStatus]:
        """Each gap of paragraph ``index``: a line end or mid-line under every plausible width
        (widened by the font tolerance; narrowed to those that best explain the paragraph's own
        signs), else unsure; "spread" for a mid-line space of a line that justification spread
        (``_spread_gaps``). Without a located width, only the narrowest width is laid out."""
        paragraph, signs = self.paragraphs[index], self.signs[index]
        gaps = max(len(paragraph.segments) - 1, 0)
        if not self.widths:
            return ["unsure"] * gaps
        low, high = min(self.widths), max(self.widths)
        if not self.measured:
            # Only a lower bound is known and at the top of the range every gap is mid-line: a
            # gap mid-line even in the narrowest width stays mid-line, any other is unsure.
            ends = paragraph.lay_out(low * (1 - _FONT_TOLERANCE))[0]
            return [
                "end" if paragraph.segments[gap + 1].marker else "unsure" if end else "mid"
                for gap, end in enumerate(ends)
            ]
        trials = sorted({low * (1 - _FONT_TOLERANCE), high * (1 + _FONT_TOLERANCE), *self.widths})
        scores = [paragraph.score(signs, w) for w in trials]
        trials = [
            w for w, s in zip(trials, scores, strict=True) if s >= max(scores) - _PLAUSIBLE_MARGIN
        ]
        layouts = [paragraph.lay_out(w)[0] for w in trials]
        statuses: list[LineStatus] = []
        for gap in range(gaps):
            votes = {ends[gap] for ends in layouts}
            statuses.append("unsure" if len(votes) > 1 else ("end" if votes.pop() else "mid"))
        for gap in _spread_gaps(paragraph, paragraph.lay_out(self.widths[0])[0], self.widths[0]):
            if statuses[gap] == "mid":
                statuses[gap] = "spread"
        return statuses


def _spread_gaps(paragraph: _Paragraph, ends: Sequence[bool], width: float) -> Iterable[int]:
    """The gaps of the paragraph's non-final lines that justification spread: the line (laid out
    in ``width``) has a space at every word gap, at least ``_SPREAD_MIN_GAPS`` of them, and
    needed at least ``_SPREAD_STRETCH`` em per gap to fill the width. Its spaces may be the
    converter's, not the author's."""
    first = 0
    for gap, end in enumerate(ends):
        if not end:
            continue
        segments = paragraph.segments[first : gap + 1]
        gaps = len(segments) - 1
        natural = sum(segment.width for segment in segments)
        words = [paragraph.text[s.start : s.end] for s in segments]
        following = paragraph.segments[gap + 1]
        if (
            gaps >= _SPREAD_MIN_GAPS
            and (width - natural) / gaps >= _SPREAD_STRETCH
            and all(single_thai_word(word) for word in words[bool(segments[0].marker) :])
            and not any(
                _opens_list_item(word)
                for word in [*words[1:], paragraph.text[following.start : following.end]]
            )
        ):
            yield from range(first, gap)
        first = gap + 1


def _opens_list_item(segment: str) -> bool:
    """The segment opens the last item of a list (… รวดเร็ว ถูกต้อง และ…): the single words
    before it are the list's items, spaced by their author."""
    run = RIGHT_THAI_RUN.match(segment)
    conjunctions = word_lists().list_conjunctions
    return (
        bool(run)
        and opening_phrase(newmm_words(run.group()[:RUN_CONTEXT]), conjunctions) is not None
    )


def estimate_line_width(paragraphs: Sequence[str]) -> float | None:
    """The line width (em) that best explains the wraps of one column's paragraphs, or None when
    their text shows too few wrap signs to locate it."""
    return ColumnLayout.of(paragraphs).width


def _strong_sign(text: str, start: int, end: int) -> bool:
    if not SPACES.fullmatch(text[start:end]):
        return False
    return _strong_sign_between(
        text[max(start - JUNCTION_CONTEXT, 0) : start], text[end:][:JUNCTION_CONTEXT]
    )


@lru_cache(maxsize=1 << 16)
def _strong_sign_between(left: str, right: str) -> bool:
    # only certain rules make strong signs: a hint need not be weighed here
    return decide_by_rules(left, right, True, None, False)[0].strong
