"""Thai ↔ Arabic digits. Text is archived with digits as printed; search uses Arabic digits."""

from __future__ import annotations

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
