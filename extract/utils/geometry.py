"""Page geometry for the PDF reader: ruling edges, open table ends, cell grids, column boundaries.

Coordinates are pdfplumber's: points, origin top-left, ``top`` growing downwards. A bbox is
``(x0, top, x1, bottom)``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pdfplumber.table import merge_edges

from extract.utils.colour import pdf_fill

BBox = tuple[float, float, float, float]

# Rules closer than this (points) are one rule; pdfplumber's default snap and join tolerances.
SNAP_TOLERANCE = 3.0
# A filled shape thinner than this (points) is drawn as a rule: Word draws table borders as thin
# filled rectangles, not as stroked lines.
RULE_THICKNESS = 2.5
# Shortest edge worth keeping (points).
MIN_EDGE_LENGTH = 3.0
# Two tables have the same columns when every boundary matches within this (points).
COLUMN_TOLERANCE = 4.0


def is_white(color: object) -> bool:
    """True for a white (invisible on paper) fill or stroke colour in gray, RGB or CMYK."""
    if color is None:
        return False
    values = color if isinstance(color, tuple | list) else (color,)
    if not values or not all(isinstance(v, int | float) for v in values):
        return False  # pattern or named colour: assume visible
    if len(values) == 4:
        return all(v <= 0.02 for v in values)
    return all(v >= 0.98 for v in values)


def edge(orientation: str, x0: float, x1: float, top: float, bottom: float) -> dict:
    """An edge in pdfplumber's shape, ready for its table finder."""
    return {
        "object_type": "rule_edge",
        "orientation": orientation,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "width": x1 - x0,
        "height": bottom - top,
    }


def _shape_edges(shape: dict) -> list[dict]:
    """Edges a reader sees in one line, rectangle or path (invisible white shapes give none)."""
    stroked = bool(shape.get("stroke")) and not is_white(shape.get("stroking_color"))
    filled = bool(shape.get("fill")) and not is_white(shape.get("non_stroking_color"))
    x0, x1, top, bottom = shape["x0"], shape["x1"], shape["top"], shape["bottom"]
    if min(x1 - x0, bottom - top) <= RULE_THICKNESS:
        if not (stroked or filled):
            return []
        if x1 - x0 >= bottom - top:  # a rule: one edge along its long side
            mid = (top + bottom) / 2
            return [edge("h", x0, x1, mid, mid)]
        mid = (x0 + x1) / 2
        return [edge("v", mid, mid, top, bottom)]
    if not stroked:
        return []  # a filled area (cell shading, a chart) is not a rule
    if shape["object_type"] == "rect":
        return [
            edge("h", x0, x1, top, top),
            edge("h", x0, x1, bottom, bottom),
            edge("v", x0, x0, top, bottom),
            edge("v", x1, x1, top, bottom),
        ]
    edges = []  # a stroked path: its straight axis-aligned segments (pts are top-down)
    for (ax, ay), (bx, by) in zip(shape["pts"], shape["pts"][1:], strict=False):
        if abs(ay - by) < 0.5:
            edges.append(edge("h", min(ax, bx), max(ax, bx), ay, ay))
        elif abs(ax - bx) < 0.5:
            edges.append(edge("v", ax, ax, min(ay, by), max(ay, by)))
    return edges


def filled_areas(shapes: Sequence[dict]) -> list[tuple[BBox, str | None]]:
    """The filled shapes wider and taller than a rule (cell shading; white too, as white painted
    over a shade clears it), in drawing order, each with its colour (``pdf_fill``).

    A frame is no area: WeasyPrint draws a cell's borders as a rectangle with a smaller one inside
    it, filled even-odd, which pdfminer gives as two filled rectangles one after the other."""
    boxes = [(shape["x0"], shape["top"], shape["x1"], shape["bottom"]) for shape in shapes]
    framed = set()
    for index in range(len(shapes) - 1):
        a, b = shapes[index], shapes[index + 1]
        nested = _inside(boxes[index], boxes[index + 1]) or _inside(boxes[index + 1], boxes[index])
        if a.get("fill") and b.get("fill") and a.get("evenodd") and b.get("evenodd") and nested:
            framed |= {index, index + 1}
    return [
        (box, pdf_fill(shape.get("non_stroking_color")))
        for index, (shape, box) in enumerate(zip(shapes, boxes, strict=True))
        if shape.get("fill")
        and index not in framed
        and min(box[2] - box[0], box[3] - box[1]) > RULE_THICKNESS
    ]


def _inside(inner: BBox, outer: BBox) -> bool:
    return (
        outer[0] <= inner[0]
        and outer[1] <= inner[1]
        and inner[2] <= outer[2]
        and inner[3] <= outer[3]
    )


def fill_under(bbox: BBox, areas: Sequence[tuple[BBox, str | None]]) -> str | None:
    """The colour of the last area painted over most of the box; None when white or none is."""
    half = overlap_area(bbox, bbox) / 2
    covering = [colour for area, colour in areas if overlap_area(bbox, area) > half]
    return covering[-1] if covering else None


def loose_lines(edges: Sequence[dict]) -> list[dict]:
    """Horizontal lines drawn inside a ruled area that meet no vertical rule at either end: no
    rule of a table (its rules meet at corners) but a line drawn over it, such as a plan chart's
    bar or arrow across the months a measure runs in."""
    verticals = [e for e in edges if e["orientation"] == "v"]

    def spans(rule: dict, y: float) -> bool:
        return rule["top"] - SNAP_TOLERANCE <= y <= rule["bottom"] + SNAP_TOLERANCE

    def loose(line: dict) -> bool:
        y = line["top"]
        xs = [rule["x0"] for rule in verticals if spans(rule, y)]
        near = [x for x in xs if min(abs(x - line["x0"]), abs(x - line["x1"])) <= SNAP_TOLERANCE]
        inside = any(x < line["x0"] for x in xs) and any(x > line["x1"] for x in xs)
        return inside and not near

    return [e for e in edges if e["orientation"] == "h" and loose(e)]


def ruling_edges(shapes: Iterable[dict]) -> list[dict]:
    """Visible horizontal and vertical rules of a page (from its lines, rects and curves),
    snapped and joined."""
    raw = [e for shape in shapes for e in _shape_edges(shape)]
    if not raw:
        return []
    merged = merge_edges(raw, SNAP_TOLERANCE, SNAP_TOLERANCE, SNAP_TOLERANCE, SNAP_TOLERANCE)
    return [e for e in merged if max(e["width"], e["height"]) >= MIN_EDGE_LENGTH]


def _closed_at(y: float, x: float, horizontals: Sequence[dict]) -> bool:
    return any(
        abs(h["top"] - y) <= SNAP_TOLERANCE
        and h["x0"] - SNAP_TOLERANCE <= x <= h["x1"] + SNAP_TOLERANCE
        for h in horizontals
    )


def _group_by_position(items: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """Group (y, x) pairs whose y values are within the snap tolerance."""
    groups: list[list[tuple[float, float]]] = []
    for item in sorted(items):
        if groups and item[0] - groups[-1][-1][0] <= SNAP_TOLERANCE:
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def closing_edges(edges: Sequence[dict]) -> list[dict]:
    """Horizontal rules that close tables cut open by a page end.

    A row cut by the page end has its vertical rules running down to the text bottom with no
    rule under them, and pdfplumber's finder drops such an open row. Where two or more vertical
    rules end at the same height with nothing across, a closing rule is added there; the same
    for the open top of a table continued from the previous page.
    """
    horizontals = [e for e in edges if e["orientation"] == "h"]
    verticals = [e for e in edges if e["orientation"] == "v"]
    closing = []
    for end in ("bottom", "top"):
        open_ends = [
            (v[end], v["x0"]) for v in verticals if not _closed_at(v[end], v["x0"], horizontals)
        ]
        for group in _group_by_position(open_ends):
            if len(group) < 2:
                continue
            y = max(p[0] for p in group) if end == "bottom" else min(p[0] for p in group)
            xs = [p[1] for p in group]
            closing.append(edge("h", min(xs), max(xs), y, y))
    return closing


def runs_along(rule: dict, bbox: BBox, side: str) -> bool:
    """True when a horizontal ``rule`` lies on the ``side`` ("top"/"bottom") edge of ``bbox``."""
    y = bbox[1] if side == "top" else bbox[3]
    return (
        abs(rule["top"] - y) <= SNAP_TOLERANCE
        and rule["x0"] <= bbox[0] + SNAP_TOLERANCE
        and rule["x1"] >= bbox[2] - SNAP_TOLERANCE
    )


def cluster_values(values: Iterable[float], tolerance: float = SNAP_TOLERANCE) -> list[float]:
    """Sorted values with near-equal ones (within ``tolerance``) merged to their first."""
    merged: list[float] = []
    for value in sorted(values):
        if not merged or value - merged[-1] > tolerance:
            merged.append(value)
    return merged


def same_columns(
    a: Sequence[float], b: Sequence[float], tolerance: float = COLUMN_TOLERANCE
) -> bool:
    """True when two tables have the same column boundaries, within ``tolerance`` points."""
    return len(a) == len(b) and all(abs(x - y) <= tolerance for x, y in zip(a, b, strict=True))


def same_gutters(a: Sequence[tuple[float, float]], b: Sequence[tuple[float, float]]) -> bool:
    """True when two unruled tables have the same columns: each white gap overlaps its twin."""
    return len(a) == len(b) and all(
        a0 <= b1 and b0 <= a1 for (a0, a1), (b0, b1) in zip(a, b, strict=True)
    )


def overlap_area(a: BBox, b: BBox) -> float:
    """The area two boxes share (0 when they do not meet)."""
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return max(0.0, width) * max(0.0, height)


def contains(bbox: BBox, x: float, y: float) -> bool:
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


@dataclass
class CellGrid:
    """Maps a point to the table cell that covers it, merged cells included."""

    xs: list[float]  # column starts, ascending
    tops: list[float]  # row starts, ascending
    cells: list[BBox]
    cut_top: bool = False  # its top rule was added by us: a row continued from the page before
    cut_bottom: bool = False  # its bottom rule was added by us: the page end cut its last row

    @classmethod
    def of(cls, cells: Sequence[BBox]) -> CellGrid:
        xs = sorted({c[0] for c in cells})
        tops = sorted({c[1] for c in cells})
        return cls(xs, tops, list(cells))

    def __post_init__(self) -> None:
        self._cover: dict[tuple[int, int], int] = {}
        for index, (x0, top, x1, bottom) in enumerate(self.cells):
            for col, x in enumerate(self.xs):
                if x0 - 0.5 <= x < x1 - 0.5:
                    for row, y in enumerate(self.tops):
                        if top - 0.5 <= y < bottom - 0.5:
                            self._cover[row, col] = index

    @property
    def bbox(self) -> BBox:
        return (
            self.xs[0],
            self.tops[0],
            max(c[2] for c in self.cells),
            max(c[3] for c in self.cells),
        )

    def merged_from_above(self, row: int, col: int) -> bool:
        """The position lies under a cell that starts in an earlier row of the same column."""
        index = self._cover.get((row, col))
        if index is None:
            return False
        x0, top = self.cells[index][:2]
        return abs(x0 - self.xs[col]) <= 0.5 and top < self.tops[row] - 0.5

    def covering(self, row: int, col: int) -> int | None:
        """Index into ``cells`` of the cell covering a grid position, merged cells included."""
        return self._cover.get((row, col))

    def crossed(self, lines: Iterable[dict]) -> set[tuple[int, int]]:
        """The (row, column) positions a horizontal line (``loose_lines``) runs through inside
        the row, clear of its rules, over half the column's width or more: a plan chart's bar or
        arrow drawn across the months a measure runs in."""
        bottoms = [*self.tops[1:], self.bbox[3]]
        rights = [*self.xs[1:], self.bbox[2]]
        positions = set()
        for line in lines:
            row = bisect_right(self.tops, line["top"]) - 1
            if row < 0 or not (
                self.tops[row] + SNAP_TOLERANCE < line["top"] < bottoms[row] - SNAP_TOLERANCE
            ):
                continue
            for col, (left, right) in enumerate(zip(self.xs, rights, strict=True)):
                if min(right, line["x1"]) - max(left, line["x0"]) >= (right - left) / 2:
                    positions.add((row, col))
        return positions

    def cell_at(self, x: float, y: float) -> int | None:
        """Index into ``cells`` of the cell covering the point, or None outside the table."""
        col, row = bisect_right(self.xs, x) - 1, bisect_right(self.tops, y) - 1
        if col < 0 or row < 0:
            return None
        index = self._cover.get((row, col))
        if index is None or not contains(self.cells[index], x, y):
            return None
        return index
