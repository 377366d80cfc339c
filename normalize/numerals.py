"""Thai ↔ Arabic digits. Text is archived with digits as printed; search uses Arabic digits."""

from __future__ import annotations

import re

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
ARABIC_DIGITS = "0123456789"

_TO_ARABIC = str.maketrans(THAI_DIGITS, ARABIC_DIGITS)
_TO_THAI = str.maketrans(ARABIC_DIGITS, THAI_DIGITS)


def thai_to_arabic_digits(text: str) -> str:
    """'พ.ศ.๒๕๖๘' → 'พ.ศ.2568'; everything else unchanged."""
    return text.translate(_TO_ARABIC)


def arabic_to_thai_digits(text: str) -> str:
    """'2568' → '๒๕๖๘'; everything else unchanged."""
    return text.translate(_TO_THAI)


def parse_int(text: str) -> int | None:
    """An integer written in Thai or Arabic digits (with optional thousands commas), else None."""
    digits = thai_to_arabic_digits(text.strip()).replace(",", "")
    return int(digits) if digits.isascii() and digits.isdigit() else None


# The Thai government's "IT๙" fonts draw the ASCII digits as Thai digits: a report typed with
# Arabic digits prints Thai ones, so a reader that knows the font reads those digits as printed.
# Their names as PDF and Word files spell the ๙: "TH SarabunIT๙", the byte of windows-874 read
# as Latin-1 ("ù") or left escaped (pdfminer's "b'…SarabunIT\\xf9,Bold'"), or a plain 9.
_THAI_DIGIT_FONT = re.compile(r"(?:sarabun|niramit)\s*it(?:\u0e59|\u00f9|\\xf9|9)", re.IGNORECASE)


def draws_thai_digits(fontname: object) -> bool:
    """The font is one of the IT๙ designs, whose ASCII digits are Thai digits on the page."""
    name = fontname.decode("latin-1") if isinstance(fontname, bytes) else str(fontname)
    return bool(_THAI_DIGIT_FONT.search(name))
