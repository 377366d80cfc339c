"""Page geometry on drawn shapes as the PDF reader gets them from pdfminer."""

from __future__ import annotations

from extract.utils.geometry import edge, filled_areas, loose_lines


def _rect(x0: float, top: float, x1: float, bottom: float, **paint: object) -> dict:
    return {"object_type": "rect", "x0": x0, "top": top, "x1": x1, "bottom": bottom} | paint


def test_a_frame_filled_even_odd_shades_nothing() -> None:
    """WeasyPrint draws a cell's borders as a rectangle with a smaller one inside, filled
    even-odd: pdfminer gives two filled rectangles, which are the borders, not a black cell."""
    black = {"fill": True, "evenodd": True, "non_stroking_color": (0.0, 0.0, 0.0)}
    frame = [_rect(10, 10, 40, 60, **black), _rect(10.4, 10.4, 39.6, 59.6, **black)]
    assert filled_areas(frame) == []
    blue = {"fill": True, "non_stroking_color": (0.357, 0.608, 0.835)}
    assert filled_areas([_rect(10, 10, 40, 60, **blue)]) == [((10, 10, 40, 60), "#5b9bd5")]


def test_a_line_meeting_no_vertical_rule_is_drawn_over_the_table() -> None:
    verticals = [edge("v", x, x, 0, 100) for x in (0, 50, 80, 110, 140)]
    rows = [edge("h", 0, 140, y, y) for y in (0, 50, 100)]
    arrow = edge("h", 62, 128, 75, 75)  # from inside one month's cell to inside another's
    partial = edge("h", 50, 110, 25, 25)  # a rule under merged cells: it meets the rules
    assert loose_lines([*verticals, *rows, arrow, partial]) == [arrow]
    # a table ruled across only (no vertical rule) keeps every rule
    assert loose_lines([*rows, edge("h", 20, 60, 25, 25)]) == []
