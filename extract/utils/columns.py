"""Free text set in columns (a newsletter's two columns, a slide's boxes side by side) read column
by column: a page's text outside its tables as blocks of glyphs in reading order.

Lines of two columns that share a baseline are not one line. Found XY-cut style: the glyphs are cut
into bands, top to bottom, where no glyph crosses; a gutter is a white x-interval that stays open
down consecutive bands close together. The gutter open down the most bands, whose text after it
starts on one edge (a column's left edge, or its centre line), cuts the page: the bands above it,
the column left of it, the column right of it and the bands below it are read in that order, each
cut again the same way. The edge test tells a column from a justified line's spread (two lines
that spread a gap at the same place start their second parts anywhere), and a column of page
numbers on a contents page is too narrow to be one.

Text without such a gutter stays one block per band, read as before (line by line, left to right).
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from extract.utils.text import Glyph

COLUMN_GAP_EM = 0.75  # the narrowest gutter: CSS's default column-gap is 1 em, word spaces ~0.3
BAND_GAP_EM = 2.5  # white this high between bands (a heading's space, a table) closes a gutter
CORE_EM = 0.3  # half the height of a glyph's core: its box less the ascender and descender room
EDGE_TOLERANCE_EM = 0.5  # lines of one column start (or centre) this close
MIN_COLUMN_BANDS = 2  # a gutter down fewer bands is a line's gap, not columns
MIN_COLUMN_EM = 3.0  # a column's lines are this wide (median) at least

Span = tuple[float, float]


@dataclass(frozen=True)
class _Gutter:
    x0: float
    x1: float
    first: int  # bands it is open down, inclusive
    last: int
    beside: int  # how many of them have text on both sides of it

    @property
    def bands(self) -> int:
        return self.last - self.first + 1


def reading_blocks(glyphs: Sequence[Glyph]) -> list[list[Glyph]]:
    """``glyphs`` in blocks, the blocks in reading order, each in content-stream order. Glyphs
    without ink (spaces) go where they are set but take no part in finding gutters."""
    return [sorted(block, key=lambda g: g.order) for block in _cut(list(glyphs)) if block]


def _cut(glyphs: list[Glyph]) -> list[list[Glyph]]:
    inked = _inked(glyphs)
    if not inked:
        return [glyphs]
    size = statistics.median(g.size for g in inked)
    bands = _bands(glyphs)
    gutter = _column_gutter(bands, size)
    if gutter is None:
        return bands
    middle = (gutter.x0 + gutter.x1) / 2
    run = [g for band in bands[gutter.first : gutter.last + 1] for g in band]
    parts = (
        [g for band in bands[: gutter.first] for g in band],
        [g for g in run if g.centre < middle],
        [g for g in run if g.centre >= middle],
        [g for band in bands[gutter.last + 1 :] for g in band],
    )
    return [block for part in parts if part for block in _cut(part)]


def _inked(glyphs: Sequence[Glyph]) -> list[Glyph]:
    return [g for g in glyphs if g.text.strip()]


def _core(glyph: Glyph) -> Span:
    return glyph.mid - CORE_EM * glyph.size, glyph.mid + CORE_EM * glyph.size


def _bands(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """The glyphs cut where no glyph's core crosses, top to bottom."""
    bands: list[list[Glyph]] = []
    bottom = float("-inf")
    for glyph in sorted(glyphs, key=lambda g: _core(g)[0]):
        top, low = _core(glyph)
        if bands and top <= bottom:
            bands[-1].append(glyph)
            bottom = max(bottom, low)
        else:
            bands.append([glyph])
            bottom = low
    return bands


def _spans(glyphs: Sequence[Glyph], size: float) -> list[Span]:
    """The x-spans of the ink of ``glyphs``, cut where a gap of ``COLUMN_GAP_EM`` or more opens."""
    spans: list[list[float]] = []
    for glyph in sorted(_inked(glyphs), key=lambda g: g.x0):
        if spans and glyph.x0 - spans[-1][1] < COLUMN_GAP_EM * size:
            spans[-1][1] = max(spans[-1][1], glyph.x1)
        else:
            spans.append([glyph.x0, glyph.x1])
    return [(x0, x1) for x0, x1 in spans]


def _column_gutter(bands: list[list[Glyph]], size: float) -> _Gutter | None:
    """The gutter open down the most bands (the widest of those) that sets columns apart."""
    found = [
        gutter
        for gutter in _gutters(bands, size)
        if gutter.bands >= MIN_COLUMN_BANDS
        and _column_edge(bands[gutter.first : gutter.last + 1], gutter.x1, size)
    ]
    return max(found, key=lambda g: (g.bands, g.x1 - g.x0), default=None)


def _gutters(bands: list[list[Glyph]], size: float) -> list[_Gutter]:
    """Every white x-interval opened by a gap inside a band, followed down the bands below while
    it stays ``COLUMN_GAP_EM`` wide (a band with no text there keeps it open) and no gutter
    beside it with text on both its sides in ``MIN_COLUMN_BANDS`` bands is bridged, and up the
    bands above it as far as they leave it white (a column's first lines have none beside them)."""
    spans = [_spans(band, size) for band in bands]
    tops = [min(_core(g)[0] for g in band) for band in bands]
    bottoms = [max(_core(g)[1] for g in band) for band in bands]
    closed: list[_Gutter] = []
    open_: list[_Gutter] = []
    layout_start = 0  # the first band under the last break of layout (a wide space, a bridge)
    for index in range(len(bands)):
        if index and tops[index] - bottoms[index - 1] > BAND_GAP_EM * size:
            closed += open_
            open_ = []
            layout_start = index
        still: list[_Gutter] = []
        bridged: list[_Gutter] = []
        for gutter in open_:
            white = _open_white(gutter.x0, gutter.x1, spans[index], size)
            if white is not None:
                beside = gutter.beside + _beside(white, spans[index])
                still.append(_Gutter(*white, gutter.first, index, beside))
            else:
                bridged.append(gutter)
        closed += bridged
        if any(gutter.beside >= MIN_COLUMN_BANDS for gutter in bridged):
            # text across a gutter of columns ends their layout: a heading under three columns
            # of a chart's legend, wide enough to bridge one gutter, closes the other too
            closed += [replace(g, last=index - 1) for g in still]
            still = []
            layout_start = index + 1
        for (_, gap_x0), (gap_x1, _) in pairwise(spans[index]):
            if not any(g.x0 < gap_x1 and gap_x0 < g.x1 for g in still):
                first, beside = index, 1
                while first > layout_start and _open_white(gap_x0, gap_x1, spans[first - 1], size):
                    first -= 1
                    beside += _beside((gap_x0, gap_x1), spans[first])
                still.append(_Gutter(gap_x0, gap_x1, first, index, beside))
        open_ = still
    return closed + open_


def _beside(gutter: Span, spans: Sequence[Span]) -> bool:
    return spans[0][0] < gutter[0] and spans[-1][1] > gutter[1]


def _open_white(x0: float, x1: float, spans: Sequence[Span], size: float) -> Span | None:
    """The widest part of ``(x0, x1)`` that no span covers, if it is a gutter's width."""
    pieces = [(x0, x1)]
    for a, b in spans:
        pieces = [part for p0, p1 in pieces for part in ((p0, min(p1, a)), (max(p0, b), p1))]
        pieces = [(p0, p1) for p0, p1 in pieces if p1 > p0]
    widest = max(pieces, key=lambda p: p[1] - p[0], default=(x0, x0))
    return widest if widest[1] - widest[0] >= COLUMN_GAP_EM * size else None


def _column_edge(bands: Sequence[list[Glyph]], gutter_end: float, size: float) -> bool:
    """The text after the gutter starts on one edge (or centres on one line) in most of the
    bands that hold some, and in ``MIN_COLUMN_BANDS`` at least; and its lines are a column's."""
    starts, centres, widths = [], [], []
    for band in bands:
        after = [g for g in _inked(band) if g.x0 >= gutter_end]
        if not after:
            continue
        x0, x1 = _spans(after, size)[0]
        starts.append(x0)
        centres.append((x0 + x1) / 2)
        widths.append(x1 - x0)
    if len(starts) < MIN_COLUMN_BANDS or statistics.median(widths) < MIN_COLUMN_EM * size:
        return False  # a contents page's page numbers, set on one edge, are no column of text
    return any(_most_on_one_edge(values, size) for values in (starts, centres))


def _most_on_one_edge(values: list[float], size: float) -> bool:
    tolerance = EDGE_TOLERANCE_EM * size
    best = max(sum(abs(v - anchor) <= tolerance for v in values) for anchor in values)
    return best >= MIN_COLUMN_BANDS and 2 * best >= len(values)
