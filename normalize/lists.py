"""Numbered steps and bullets: ``๑.``, ``1.``, ``(1)``, ``1)``, ``ข้อ ๑``, ``-``, ``•``, ``–``.

Steps keep counting across page ends (๖. after ๕.), so inline splitting only cuts where the number
continues the sequence: "ทั้ง ๓ ฉบับ" or "พ.ศ. ๒๕๖๐" never start a step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from normalize.dates import range_dashes
from normalize.numerals import parse_int

_NUM = r"[0-9๐-๙]{1,3}"
# "๑. ", "1) ", "ข้อ ๑ ", "ข้อ 1. ", "(1) "; a dot must not open a decimal ("1.5 ล้าน")
_STEP_MARKER = re.compile(
    rf"^\s*(?:\(\s*(?P<p>{_NUM})\s*\)|ข้อ\s*(?P<k>{_NUM})(?:\s*[.)])?|(?P<n>{_NUM})\s*[.)](?![0-9๐-๙]))\s*"
)
# bullets as typed or as Word's Symbol/Wingdings glyphs come out of PDFs
BULLETS = "-–—•●○◦▪■□◆◇►▸➢➤✓✔*\uf0b7\uf0a7\uf0d8\uf076\uf0fc"
_BULLET = re.compile(rf"^\s*[{re.escape(BULLETS)}]\s*")
# marks ticked in a status or month-chart column: as typed ("/", "X"), as Unicode, and Word's
# Wingdings check (ü, or its private-use code point) as it comes out of PDFs
TICK_MARKS = "✓✔√☑☒✗✘×xX/●•■\u00fc\uf0fc\uf0fe"
NOT_TICKED = "-–—"  # a dash in such a column: not this one


@dataclass(frozen=True)
class Marked:
    number: int | None  # the step number, None for a bullet
    text: str  # the text after the marker


def step_marker(text: str) -> Marked | None:
    """The numbered marker opening ``text``, if any: '๑. จัดทำคู่มือ' → Marked(1, 'จัดทำคู่มือ')."""
    match = _STEP_MARKER.match(text)
    if not match:
        return None
    number = parse_int(match.group("p") or match.group("k") or match.group("n"))
    return Marked(number, text[match.end() :])


def bullet_marker(text: str) -> Marked | None:
    """The bullet opening ``text``, if any: '- มีการประเมิน' → Marked(None, 'มีการประเมิน')."""
    match = _BULLET.match(text)
    if not match or text.lstrip().startswith(("--", "—-")):
        return None
    rest = text[match.end() :]
    # "-5%" or "- " alone are not bullets
    if not rest or rest[0].isdigit():
        return None
    return Marked(None, rest)


def split_inline_steps(text: str, next_number: int | None = None) -> list[Marked]:
    """Split a paragraph that holds several numbered steps ('๖. … ๗. … ๘. …').

    Only markers continuing the sequence cut: after step n, the next cut is at ' n+1. '. Text before
    the first marker comes back with number None.
    """
    pieces: list[Marked] = []
    first = step_marker(text)
    if first:
        current_number, rest = first.number, first.text
    else:
        current_number, rest = None, text
    expected = (current_number + 1) if current_number is not None else next_number
    while expected is not None:
        cut = _find_inline_marker(rest, expected)
        if cut is None:
            break
        head, tail = rest[: cut[0]].rstrip(), rest[cut[1] :]
        pieces.append(Marked(current_number, head))
        current_number, rest, expected = expected, tail, expected + 1
    pieces.append(Marked(current_number, rest))
    return [p for p in pieces if p.text.strip() or p.number is not None]


def _find_inline_marker(text: str, number: int) -> tuple[int, int] | None:
    arabic = str(number)
    thai = arabic.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    number = f"(?:{arabic}|{thai})"
    pattern = re.compile(rf"(?:^|\s)(?:\(\s*{number}\s*\)|{number}\s*[.)](?![0-9๐-๙]))\s*")
    match = pattern.search(text)
    return (match.start(), match.end()) if match else None


_INLINE_DASHES = "-•–"


def split_inline_bullets(text: str) -> list[str]:
    """A paragraph written as bullets ('- ก … - ข …', '● ก ● ข') → its bullet texts, markers
    removed.

    Only a paragraph that opens with a bullet is split, at a dash or at the bullet it opened with,
    so a dash inside running text stays.
    """
    opened = bullet_marker(text)
    if opened is None:
        return [text]
    inline = _inline_bullet(text.lstrip()[0])
    rest = opened.text
    # "อบรม ต.ค. - ธ.ค. 67": a dash between two ends of a period is no bullet
    in_periods = range_dashes(rest)
    parts: list[str] = []
    begin = 0
    for cut in inline.finditer(rest):
        if not any(cut.start() <= at < cut.end() for at in in_periods):
            parts.append(rest[begin : cut.start()])
            begin = cut.end()
    parts.append(rest[begin:])
    return [part.strip() for part in parts if part.strip()]


@lru_cache(maxsize=64)
def _inline_bullet(opening: str) -> re.Pattern[str]:
    bullets = re.escape("".join(sorted(set(_INLINE_DASHES + opening))))
    return re.compile(rf"(?<=\S)\s+[{bullets}]\s+(?=[^\s0-9๐-๙])")


def is_tick_mark(text: str) -> bool:
    """'✓', '/', 'X': a cell that ticks its column; '' or '-' ticks nothing."""
    marks = "".join(text.split())
    return bool(marks) and all(mark in TICK_MARKS for mark in marks)


def is_unticked(text: str) -> bool:
    return all(mark in NOT_TICKED for mark in "".join(text.split()))
