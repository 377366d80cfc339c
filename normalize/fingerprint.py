"""A fingerprint of a text that survives the differences a copy-paste between agencies leaves.

Two agencies that copy a measure from each other (or from the same template) rarely leave it byte
for byte equal: the agency's own name, district and province change, years move on, Thai digits
become Arabic, line wraps and numbering differ. ``text_fingerprint`` hashes what is left once those
are taken out, so equal fingerprints mark identical or near-identical wording.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable

from normalize.search import search_text

FINGERPRINT_LENGTH = 16  # hex digits of sha256 kept: 64 bits, collisions are not a concern here


def fingerprint_letters(text: str, *, ignore: Iterable[str] = ()) -> str:
    """The letters and marks of ``search_text(text)`` with every ``ignore`` phrase removed.

    'ประกาศเจตนารมณ์ อบต.หนองนาใส ปี ๒๕๖๘', ignore ['หนองนาใส'] → 'ประกาศเจตนารมณ์อบตปี'
    """
    normalised = search_text(text)
    # longest first, so a full agency name goes before the place name inside it
    for phrase in sorted({search_text(p) for p in ignore if p}, key=len, reverse=True):
        if phrase:
            normalised = normalised.replace(phrase, "")
    return "".join(c for c in normalised if unicodedata.category(c)[0] in "LM")


def text_fingerprint(parts: Iterable[str], *, ignore: Iterable[str] = ()) -> str | None:
    """A short hash of ``fingerprint_letters`` of the joined parts; None when no letters remain."""
    letters = fingerprint_letters("\n".join(parts), ignore=ignore)
    if not letters:
        return None
    return hashlib.sha256(letters.encode("utf-8")).hexdigest()[:FINGERPRINT_LENGTH]
