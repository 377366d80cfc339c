"""Cell shading as readers find it, as one key to compare: "#d9d9d9"; None for white or none.

A plan chart may draw its bars by shading cells, with no mark in them: a cell shaded in a colour
its row's first cell is not ticks its column (``extract.tables.is_ticked``).
"""

from __future__ import annotations

import re

# colours that paint nothing on white paper
_NO_FILL = frozenset({"white", "transparent", "none", "auto", "inherit", "initial", "unset"})
_HEX = re.compile(r"#?([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})")
_RGB = re.compile(r"rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*(?:,\s*([\d.]+%?)\s*)?\)")


def markup_fill(value: str | None) -> str | None:
    """A colour as markup writes it: CSS ("#FFC000", "#fc0", "rgb(217, 217, 217)", "yellow") or
    Word's hex ("D9D9D9", "auto") → "#ffc000"; None for white, transparent or none."""
    text = (value or "").strip().lower()
    if not text or text in _NO_FILL:
        return None
    if hex_match := _HEX.fullmatch(text):
        digits = hex_match.group(1)
        if len(digits) == 3:
            digits = "".join(2 * digit for digit in digits)
        key = "#" + digits[:6]  # "#rrggbbaa": alpha aside
    elif rgb_match := _RGB.fullmatch(text):
        alpha = rgb_match.group(4)
        if alpha is not None and float(alpha.rstrip("%")) == 0:
            return None
        key = "#" + "".join(f"{min(int(v), 255):02x}" for v in rgb_match.groups()[:3])
    else:
        key = text  # a colour's name
    return None if key == "#ffffff" else key


def pdf_fill(color: object) -> str | None:
    """A PDF fill colour (gray, RGB or CMYK, each from 0 to 1) → "#d9d9d9"; None for white. No
    colour set is PDF's default, black."""
    values = color if isinstance(color, tuple | list) else (0.0,) if color is None else (color,)
    if not values or not all(isinstance(v, int | float) for v in values):
        return str(color)  # a pattern or a named colour: compared as given
    if len(values) == 4:  # CMYK
        c, m, y, k = values
        rgb = [(1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)]
    elif len(values) == 3:
        rgb = list(values)
    else:
        rgb = [values[0]] * 3
    key = "#" + "".join(f"{round(min(max(v, 0.0), 1.0) * 255):02x}" for v in rgb)
    return None if all(v >= 0.98 for v in rgb) else key
