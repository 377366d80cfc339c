"""PDF chars → Thai-correct glyph clusters, lines and paragraphs.

pdfplumber's ``extract_text`` sorts each line's chars by x. Thai tone marks and upper/lower vowels
are zero-width glyphs drawn a hair right of the next base letter, so sorting by x moves them onto
the wrong letter ("ข้อมูล" → "ขอ้มลู"), and ``use_text_flow`` keeps the order but inserts spaces.
The content stream has the marks right after their base, so we attach every mark to the char
before it in the stream first, and only then cluster glyph clusters into words and lines.

Nothing here repairs text: code points come out as the PDF maps them (``glyph_text`` checks that
map against the embedded fonts; what neither explains stays: a space or nothing for the ring of
sara am, ``(cid:N)``); the repair stage owns those. Only the marks stacked on one letter are put
in Unicode's canonical order (ู before ้): the order a font draws them in is not text. Where a
gap between glyphs is a space is read from the layout; only a justified line's spread, in a line
that draws its spaces, asks the language (``normalize.wraps``) whether Thai writes one there.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise

from normalize.wraps import decide_junction

# Thai combining marks: mai han-akat, upper and lower vowels, phinthu, maitaikhu, tone marks,
# thanthakhat, nikhahit, yamakkan.
THAI_MARKS = frozenset(
    "\u0e31" + "".join(map(chr, range(0x0E34, 0x0E3B))) + "".join(map(chr, range(0x0E47, 0x0E4F)))
)
# Private-use positional variants of those marks in legacy Thai fonts (Windows F701–F71A, Mac
# F884–F899); F700/F70F/F89A/F89E are ฐ/ญ without descender, i.e. base letters.
PUA_MARKS = frozenset(chr(cp) for cp in [*range(0xF701, 0xF71B), *range(0xF884, 0xF89E)]) - {
    "\uf70f",
    "\uf89a",
}

# A drawn zero-width glyph whose text the PDF leaves empty (WeasyPrint drops the ring of sara am
# this way). Kept as an invisible placeholder so the repair stage can still see a glyph was there.
UNMAPPED_MARK = "\u200b"
# A drawn glyph of real width whose text the PDF leaves empty.
UNMAPPED_GLYPH = "\ufffd"
# Advance width (points) under which a glyph is zero-width: a mark drawn over its letter.
ZERO_WIDTH = 0.05

# Gap between two glyphs, in em, above which a word space was set without a space char (word
# processors position words with TJ offsets; Thai letters inside a word abut, ≤ 0.1 em apart).
WORD_GAP_EM = 0.15
# In a line whose word spaces are drawn as space chars, a gap without one up to this wide (em) is
# the justification's spread, not a space (Word spreads Thai lines inside and between words:
# "ซึ่ ง", "สาธารณสุขอำเภอ หนองใหญ่"); a wider one sets text boxes or columns apart.
SPREAD_GAP_MAX_EM = 1.5
# Half the font size: two glyphs whose vertical centres are closer than this share a line.
LINE_TOLERANCE_EM = 0.5
# Extra space above a line, in em beyond the usual line step, that starts a new paragraph.
PARAGRAPH_GAP_EM = 0.35

_SPACE_RUN = re.compile(r" {2,}")
_JUNCTION_CONTEXT = 40  # chars each side the spread decision reads
_STOPS = frozenset(",.")


@dataclass(slots=True)
class Glyph:
    """A base character with the marks attached to it, placed by the base character's box."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    order: int  # position in the content stream
    baseline: float | None = None  # where the PDF set it (pdfplumber's top-down y), if upright
    vertical: int = 0  # +1: set turned a quarter left, its text running up; -1: running down

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class Line:
    """One visual line: glyphs in reading order and the text they spell."""

    glyphs: list[Glyph]
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # dominant font size
    # The PDF has a space char after the last letter: a writer that keeps the space it wrapped
    # at (LibreOffice, Word) marks an author's space at this line end; WeasyPrint never does.
    space_after: bool = False

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class Paragraph:
    lines: list[Line] = field(default_factory=list)

    @property
    def font_size(self) -> float | None:
        return dominant_size(g for line in self.lines for g in line.glyphs)


def is_mark(text: str) -> bool:
    """True for text made only of combining marks (Thai or their PUA variants)."""
    return bool(text) and all(ch in THAI_MARKS or ch in PUA_MARKS for ch in text)


def _char_text(char: dict) -> str:
    text = char["text"]
    if text:
        return text
    return UNMAPPED_MARK if char["x1"] - char["x0"] < ZERO_WIDTH else UNMAPPED_GLYPH


def _attaches_to(char: dict, text: str, base: Glyph) -> bool:
    """A mark (or a zero-width glyph) belongs to the glyph before it when it sits on that glyph."""
    if not (is_mark(text) or char["x1"] - char["x0"] < ZERO_WIDTH):
        return False
    reach = base.size
    return abs(char["top"] - base.top) <= reach and base.x0 - reach <= char["x0"] <= base.x1 + reach


def dedupe_chars(chars: Sequence[dict], tolerance: float = 1.0) -> list[dict]:
    """Drop overprinted copies (fake bold): same text and font within ``tolerance`` points.

    Keeps content-stream order. (pdfplumber's ``dedupe_chars`` restores order with
    ``list.index``, which is quadratic: seconds on a dense page.) Chars are bucketed on a grid
    of ``tolerance``-sized squares, so only the 3×3 neighbouring squares are compared.
    """
    kept: list[dict] = []
    grids: dict[tuple, dict[int, list[dict]]] = {}
    for char in chars:
        grid = grids.setdefault((char["text"], char["fontname"], char["size"]), {})
        x, top = char["x0"], char["top"]
        square = int(x // tolerance) * 1_000_003 + int(top // tolerance)
        if _near_copy(grid, square, x, top, tolerance):
            continue
        kept.append(char)
        grid.setdefault(square, []).append(char)
    return kept


_NEIGHBOURS = tuple(dx * 1_000_003 + dy for dx in (-1, 0, 1) for dy in (-1, 0, 1))


def _near_copy(
    grid: dict[int, list[dict]], square: int, x: float, top: float, tolerance: float
) -> bool:
    for offset in _NEIGHBOURS:
        bucket = grid.get(square + offset)
        if bucket:
            for other in bucket:
                if abs(other["x0"] - x) <= tolerance and abs(other["top"] - top) <= tolerance:
                    return True
    return False


def glyphs_from_chars(chars: Iterable[dict]) -> list[Glyph]:
    """pdfplumber chars in content-stream order → glyph clusters with their marks attached."""
    glyphs: list[Glyph] = []
    for order, char in enumerate(chars):
        text = _char_text(char)
        if glyphs and _attaches_to(char, text, glyphs[-1]):
            carrier = _mark_carrier(glyphs, char)
            carrier.text = canonical_mark_order(carrier.text + text)
            continue
        glyphs.append(
            Glyph(
                text=text,
                x0=char["x0"],
                x1=char["x1"],
                top=char["top"],
                bottom=char["bottom"],
                size=char["size"],
                order=order,
                baseline=char.get("baseline"),
                vertical=char.get("vertical", 0),
            )
        )
    return glyphs


def _mark_carrier(glyphs: list[Glyph], mark: dict) -> Glyph:
    """The glyph a mark goes on: the last one, unless that is a space the writer put between the
    letter and its mark (Word, on a font change: "ได ้"), as a space carries no mark."""
    last = glyphs[-1]
    if len(glyphs) > 1 and not last.text.strip():
        letter = glyphs[-2]
        if letter.text.strip() and mark["x0"] <= letter.x1 + letter.size * WORD_GAP_EM:
            return letter
    return last


def canonical_mark_order(text: str) -> str:
    """Each run of combining marks sorted by combining class, as Unicode's canonical ordering
    does ("ผู้" → "ผู้": the same text, canonically equivalent); nothing is composed or decomposed.

    >>> canonical_mark_order("\u0e1c\u0e49\u0e39") == "\u0e1c\u0e39\u0e49"
    True
    """
    out: list[str] = []
    run: list[str] = []
    for ch in text:
        if unicodedata.combining(ch):
            run.append(ch)
            continue
        out.extend(sorted(run, key=unicodedata.combining))
        run.clear()
        out.append(ch)
    out.extend(sorted(run, key=unicodedata.combining))
    return "".join(out)


def dominant_size(glyphs: Iterable[Glyph]) -> float | None:
    sizes = Counter(round(g.size, 1) for g in glyphs if g.text.strip())
    return sizes.most_common(1)[0][0] if sizes else None


def reading_order(glyphs: Sequence[Glyph]) -> list[Glyph]:
    """Glyphs of one line in reading order: stream order inside each run, runs left to right.

    A run is a stretch of the content stream that moves rightwards; a new one starts where the
    stream jumps back left (another text box, or a generator that writes lines out of order).
    """
    runs: list[list[Glyph]] = []
    for glyph in sorted(glyphs, key=lambda g: g.order):
        if runs and glyph.x0 >= runs[-1][-1].x0 - 0.1:
            runs[-1].append(glyph)
        else:
            runs.append([glyph])
    runs.sort(key=lambda run: run[0].x0)
    return [glyph for run in runs for glyph in run]


def spell(glyphs: Sequence[Glyph]) -> str:
    """Text of glyphs already in reading order; a wide gap without a space char becomes a space,
    except before a mark left on its own (no word starts with one: LibreOffice's justified lines
    draw a word's last marks after the spread, "วันท    ี่"), and except a justification's spread
    in a line that draws its spaces (``SPREAD_GAP_MAX_EM``) where Thai writes no space."""
    draws_spaces = any(" " in glyph.text for glyph in glyphs)
    parts: list[str] = []
    previous: Glyph | None = None
    for index, glyph in enumerate(glyphs):
        size = max(glyph.size, previous.size) if previous is not None else glyph.size
        gap = glyph.x0 - previous.x1 if previous is not None else 0.0
        if (
            gap > WORD_GAP_EM * size
            and not parts[-1].endswith(" ")
            and not glyph.text.startswith(" ")
            and glyph.text[:1] not in THAI_MARKS
            and not (
                draws_spaces and gap <= SPREAD_GAP_MAX_EM * size and _spread(parts, glyphs, index)
            )
        ):
            parts.append(" ")
        parts.append(glyph.text)
        previous = glyph
    return _SPACE_RUN.sub(" ", "".join(parts)).strip()


def _spread(parts: list[str], glyphs: Sequence[Glyph], index: int) -> bool:
    """The gap before ``glyphs[index]`` is a spread: Thai writes no space between the text before
    it and the text from it on: no one writes a space before a comma or full stop, nor after one
    inside a number ("๕๘๑,๐๙๖ .๐๐", "พ .ศ."); between Thai words the language decides as for a
    wrap (a word across the gap, a word that needs its complement, no sign of a phrase break)."""
    left = "".join(parts)[-_JUNCTION_CONTEXT:]
    right = "".join(glyph.text for glyph in glyphs[index : index + _JUNCTION_CONTEXT])
    if right[:1] in _STOPS or (
        left[-1:] in _STOPS and left[-2:-1].isdigit() and right[:1].isdigit()
    ):
        return True  # str.isdigit: Thai digits too
    return not decide_junction(left, right, line_end=True).keep


def make_line(glyphs: Sequence[Glyph]) -> Line:
    ordered = reading_order(glyphs)
    inked = [g for g in ordered if g.text.strip()] or list(ordered)
    return Line(
        glyphs=ordered,
        text=spell(ordered),
        x0=min(g.x0 for g in inked),
        x1=max(g.x1 for g in inked),
        top=min(g.top for g in inked),
        bottom=max(g.bottom for g in inked),
        size=dominant_size(ordered) or ordered[0].size,
        space_after=ordered[-1].text.endswith(" "),
    )


def group_lines(glyphs: Iterable[Glyph]) -> list[Line]:
    """Cluster glyphs into visual lines, top to bottom; blank lines are dropped. Text set
    vertically (a turned header cell) is read in the direction it runs, its lines placed where
    they start."""
    glyphs = list(glyphs)
    upright = _upright_lines([g for g in glyphs if not g.vertical])
    turned = _vertical_lines([g for g in glyphs if g.vertical])
    if not turned:
        return upright
    at = next((i for i, line in enumerate(upright) if line.top > turned[0].top), len(upright))
    return upright[:at] + turned + upright[at:]


def _vertical_lines(glyphs: Sequence[Glyph]) -> list[Line]:
    """Glyphs set on vertical baselines, as lines: clustered by their x, read up (or down) the
    page and spaced as ``spell`` spaces a line; in the order they are read (left to right when
    the text runs up, right to left when it runs down)."""
    columns: list[list[Glyph]] = []
    anchor = 0.0
    for glyph in sorted(glyphs, key=lambda g: (g.vertical, g.centre)):
        if (
            columns
            and columns[-1][0].vertical == glyph.vertical
            and glyph.centre - anchor <= LINE_TOLERANCE_EM * glyph.size
        ):
            columns[-1].append(glyph)
        else:
            columns.append([glyph])
            anchor = glyph.centre
    lines = []
    for column in sorted(columns, key=lambda c: (-c[0].vertical, c[0].vertical * c[0].centre)):
        ordered = sorted(column, key=lambda g: -g.bottom if g.vertical > 0 else g.top)
        # spelt with the distance read along the text as x: spell's gaps apply unchanged
        along = [
            replace(g, x0=-g.bottom, x1=-g.top)
            if g.vertical > 0
            else replace(g, x0=g.top, x1=g.bottom)
            for g in ordered
        ]
        text = spell(along)
        if text:
            lines.append(
                Line(
                    glyphs=ordered,
                    text=text,
                    x0=min(g.x0 for g in column),
                    x1=max(g.x1 for g in column),
                    top=min(g.top for g in column),
                    bottom=max(g.bottom for g in column),
                    size=dominant_size(column) or column[0].size,
                )
            )
    return lines


def _upright_lines(glyphs: Sequence[Glyph]) -> list[Line]:
    lines: list[list[Glyph]] = []
    anchor = 0.0
    for glyph in sorted(glyphs, key=lambda g: (g.mid, g.x0)):
        if lines and glyph.mid - anchor <= LINE_TOLERANCE_EM * glyph.size:
            lines[-1].append(glyph)
        else:
            lines.append([glyph])
            anchor = glyph.mid
    _settle_on_baselines(lines)
    built = [make_line(line) for line in lines if line]
    return [line for line in built if line.text]


def _settle_on_baselines(lines: list[list[Glyph]]) -> None:
    """Move glyphs to the line before or after when they sit on that line's baseline and it
    holds more glyphs on it. A fallback font's glyph (the dots of "พ.ศ." in Latin type) has a box
    of another height than the Thai letters beside it, so its middle may fall nearer a line set
    half a step off (a printed web page's menu beside the text)."""
    counts = [_baselines(line) for line in lines]
    for index, line in enumerate(lines):
        for baseline, count in list(counts[index].items()):
            for other in (index - 1, index + 1):
                there = counts[other] if 0 <= other < len(lines) else None
                if there and there.most_common(1)[0][0] == baseline and there[baseline] > count:
                    lines[other].extend(g for g in line if _on(g, baseline))
                    line[:] = [g for g in line if not _on(g, baseline)]
                    there[baseline] += count
                    del counts[index][baseline]
                    break


def _baselines(glyphs: Sequence[Glyph]) -> Counter[float]:
    """How many glyphs sit on each baseline (to a tenth of a point)."""
    return Counter(round(g.baseline, 1) for g in glyphs if g.baseline is not None)


def _on(glyph: Glyph, baseline: float) -> bool:
    return glyph.baseline is not None and round(glyph.baseline, 1) == baseline


def usual_line_step(lines_per_region: Iterable[Sequence[Line]]) -> float | None:
    """Median distance between consecutive line tops across regions (cells of a table)."""
    steps = [
        b.top - a.top for lines in lines_per_region for a, b in pairwise(lines) if b.top > a.top
    ]
    return statistics.median(steps) if steps else None


def split_paragraphs(lines: Sequence[Line], line_step: float | None = None) -> list[Paragraph]:
    """Split a cell's lines where the vertical gap is clearly wider than the usual line step."""
    if not lines:
        return []
    step = line_step or usual_line_step([lines])
    paragraphs = [Paragraph([lines[0]])]
    for previous, line in pairwise(lines):
        gap = line.top - previous.top
        if step is not None and gap > step + PARAGRAPH_GAP_EM * line.size:
            paragraphs.append(Paragraph([line]))
        else:
            paragraphs[-1].lines.append(line)
    return paragraphs


def lines_text(lines: Iterable[Line]) -> str:
    return "\n".join(line.text for line in lines)
