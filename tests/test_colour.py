"""Cell shading as the readers find it, as one key to compare (``extract.utils.colour``)."""

from __future__ import annotations

import pytest

from extract.utils.colour import markup_fill, pdf_fill


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("#5B9BD5", "#5b9bd5"),  # CSS and Word's own export
        ("5B9BD5", "#5b9bd5"),  # Word's w:shd fill
        ("#fc0", "#ffcc00"),
        ("#5b9bd580", "#5b9bd5"),  # alpha aside
        ("rgb(217, 217, 217)", "#d9d9d9"),
        ("Yellow", "yellow"),
        ("#FFFFFF", None),
        ("#fff", None),
        ("white", None),
        ("auto", None),  # Word: no shading
        ("transparent", None),
        ("rgba(91, 155, 213, 0)", None),  # fully transparent
        ("", None),
        (None, None),
    ],
)
def test_markup_fill(value: str | None, key: str | None) -> None:
    assert markup_fill(value) == key


@pytest.mark.parametrize(
    ("color", "key"),
    [
        ((0.357, 0.608, 0.835), "#5b9bd5"),  # RGB
        ((0.85,), "#d9d9d9"),  # gray
        (0.85, "#d9d9d9"),
        ((0.0, 0.0, 0.0, 0.15), "#d9d9d9"),  # CMYK
        ((1, 1, 1), None),  # white
        ((0.0, 0.0, 0.0, 0.0), None),  # white in CMYK
        ((1,), None),
        (None, "#000000"),  # no colour set: PDF's default, black
    ],
)
def test_pdf_fill(color: object, key: str | None) -> None:
    assert pdf_fill(color) == key
