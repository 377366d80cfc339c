"""The normalised copy of text that feeds full-text search, and the query normaliser.

The archive keeps text as printed (Thai digits, the author's spaces). Search indexes a copy made by
``search_text`` and queries go through the same function, so ``๒๕๖๘`` finds ``2568``, ``ทํา`` (decomposed
sara am) finds ``ทำ``, and a Thai word matches across a space the author or a wrap left inside it.
"""

from __future__ import annotations

import re
import unicodedata

from normalize.chars import repair_thai_chars
from normalize.numerals import thai_to_arabic_digits

# bump when search_text changes: the archive rebuilds its index when the stored version differs
SEARCH_NORM_VERSION = 2  # 2: Latin ligature glyphs read as their letters

_THAI = "\u0e01-\u0e5b"
_GAP_BETWEEN_THAI = re.compile(rf"(?<=[{_THAI}])\s+(?=[{_THAI}])")
_WHITESPACE = re.compile(r"\s+")


def search_text(text: str | None) -> str:
    """'ปีงบประมาณ ๒๕๖๘  ระบบ E-Service' → 'ปีงบประมาณ 2568 ระบบ e-service'.

    NFC (never NFKC: it splits sara am), Thai code points repaired, Arabic digits, no whitespace between
    two Thai characters, other whitespace runs collapsed to one space, lower case.
    """
    if not text:
        return ""
    normalised = repair_thai_chars(unicodedata.normalize("NFC", text))
    normalised = thai_to_arabic_digits(normalised)
    normalised = _GAP_BETWEEN_THAI.sub("", normalised)
    return _WHITESPACE.sub(" ", normalised).strip().lower()
