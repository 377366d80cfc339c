"""Money amounts in Thai text as exact ``Decimal`` (never float).

Amounts are printed in digits (Thai or Arabic, with thousands commas), with multiplier words
("๕ แสนบาท", "๑.๕ ล้านบาท", "๑ ล้าน ๒ แสนบาท"), or spelled out ("ห้าแสนบาทถ้วน",
"เก้าพันหกร้อยสามสิบห้าบาทห้าสิบหกสตางค์", read with pythainlp's ``thaiword_to_num``). Extraction
sometimes puts a space before the comma or the decimal point ("๕๙๓ ,๗๖๐", "๕๘๑,๐๙๖ .๐๐"); that is
read as one number. The words live in ``data/amounts.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from pythainlp.util import thaiword_to_num

from normalize.data_files import data_json
from normalize.numerals import thai_to_arabic_digits

_D = "[0-9๐-๙]"
# grouped ("873,760.00", "๕๙๓ ,๗๖๐") or plain ("500000", "1.5"); not inside a longer number
_NUMBER = (
    rf"(?<![0-9๐-๙.,])(?:{_D}{{1,3}}(?:[ ]?,{_D}{{3}})+(?:[ ]?\.{_D}{{1,2}})?|{_D}+(?:\.{_D}+)?)"
    rf"(?![0-9๐-๙]|[.,]{_D})"
)
# "20,000.-": whole baht, no satang, as Thai accounts write an amount (read as "20,000")
_WHOLE_BAHT = r"(?:\s?\.-)?"


@dataclass(frozen=True)
class _Patterns:
    digits: re.Pattern[str]  # digits with multipliers, then the currency
    words: re.Pattern[str]  # spelled-out number, then the currency
    bare: re.Pattern[str]  # a cell holding only a number (and maybe the currency)
    term: re.Pattern[str]  # one number + its multiplier words, inside a digits match
    multiplier_value: dict[str, int]


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _patterns() -> _Patterns:
    data = data_json("amounts.json")
    multiplier = _alternation(list(data["multipliers"]))
    number_word = _alternation(data["number_words"])
    currency = _alternation(data["currency"])
    exact = _alternation(data["exact"])
    subunit = re.escape(data["subunit"]["word"])
    satang = rf"(?:\s*(?P<satang>{_NUMBER}|(?:{number_word})+)\s*{subunit})?"
    term = rf"{_NUMBER}\s*(?:(?:{multiplier})\s*)*"
    with_multiplier = rf"{_NUMBER}\s*(?:(?:{multiplier})\s*)+"
    return _Patterns(
        digits=re.compile(
            rf"(?P<amount>{term}(?:{with_multiplier})*(?:{_NUMBER})?){_WHOLE_BAHT}\s*(?:{currency})"
            rf"(?:\s*(?:{exact}))?{satang}"
        ),
        words=re.compile(
            rf"(?P<amount>(?:{number_word})+)\s*(?:{currency})(?:\s*(?:{exact}))?{satang}"
        ),
        bare=re.compile(rf"\s*\(?(?P<amount>{term}){_WHOLE_BAHT}\)?\s*(?:{currency})?\s*"),
        term=re.compile(rf"(?P<number>{_NUMBER})\s*(?P<multipliers>(?:(?:{multiplier})\s*)*)"),
        multiplier_value=data["multipliers"],
    )


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(thai_to_arabic_digits(text).replace(",", "").replace(" ", ""))
    except InvalidOperation:
        return None


def _words_value(text: str) -> Decimal | None:
    try:
        return Decimal(thaiword_to_num(text))
    except ValueError:
        return None


def _digits_value(text: str) -> Decimal | None:
    """'๑ ล้าน ๒ แสน' → 1200000; terms after the first must be smaller than the one before."""
    patterns = _patterns()
    total = Decimal(0)
    previous_scale: Decimal | None = None
    for match in patterns.term.finditer(text):
        number = _number(match.group("number"))
        if number is None:
            return None
        scale = Decimal(1)
        for word in re.findall("|".join(patterns.multiplier_value), match.group("multipliers")):
            scale *= patterns.multiplier_value[word]
        if previous_scale is not None and (previous_scale == 1 or number * scale >= previous_scale):
            return None  # "๒๕๖๒ ๒๕๐ บาท" is a year and an amount, not one number
        total += number * scale
        previous_scale = scale
    return total


def _satang(match: re.Match[str]) -> Decimal:
    text = match.group("satang")
    if not text:
        return Decimal(0)
    value = _number(text) if re.match(_D, text) else _words_value(text)
    per_unit = data_json("amounts.json")["subunit"]["per_unit"]
    return (value or Decimal(0)) / per_unit


def find_amounts(text: str) -> list[Decimal]:
    """Every money amount (a number followed by บาท) in reading order.

    >>> find_amounts("วงเงินเกิน ๕ แสนบาท รวม ๘๗๓,๗๖๐ บาท (แปดแสนเจ็ดหมื่นสามพันเจ็ดร้อยหกสิบบาทถ้วน)")
    [Decimal('500000'), Decimal('873760'), Decimal('873760')]
    """
    patterns = _patterns()
    found: list[tuple[int, int, Decimal]] = []
    for match in patterns.digits.finditer(text):
        value = _digits_value(match.group("amount"))
        if value is None:  # not one number: read only its last term ("๒๕๖๒ ๒๕๐ บาท" → 250)
            last = list(patterns.term.finditer(match.group("amount")))[-1]
            value = _digits_value(last.group(0))
        if value is not None:
            found.append((match.start(), match.end(), value + _satang(match)))
    for match in patterns.words.finditer(text):
        value = _words_value(match.group("amount"))
        overlaps = any(start < match.end() and match.start() < end for start, end, _ in found)
        if value is not None and not overlaps:
            found.append((match.start(), match.end(), value + _satang(match)))
    return [value for _, _, value in sorted(found, key=lambda item: item[0])]


def parse_amount(text: str) -> Decimal | None:
    """The amount a cell or phrase states: "๕ แสนบาท" → 500000, "๑.๕ ล้านบาท" → 1500000,
    "500,000 บาท" → 500000, "๘๗๓,๗๖๐.00" → 873760.00, "20,000.- บาท" → 20000; None when it
    states none."""
    amounts = find_amounts(text)
    if amounts:
        return amounts[0]
    bare = _patterns().bare.fullmatch(text)
    return _digits_value(bare.group("amount")) if bare else None
