"""Responsible units (ผู้รับผิดชอบ): one string per unit, and a canonical name for faceting.

A ผู้รับผิดชอบ cell lists units separated by spaces ("สำนักปลัด กองช่าง กองการศึกษาฯ"), and a wrap may
leave a space inside a unit's name ("งานแผนงานและ งบประมาณ"). Knowledge of unit names
(``data/units.json``: printed variants, name prefixes such as กอง/งาน, staff roles) decides where
one unit ends. Names are returned as printed (abbreviation "ฯ" kept); ``canonical_unit`` maps a
printed name to one facet name.

Canonical form: the full name of a division ("กองการศึกษาฯ" → "กองการศึกษา ศาสนาและวัฒนธรรม"), except
สำนักปลัด, whose full form differs by agency type (สำนักปลัดเทศบาล, สำนักงานปลัดองค์การบริหารส่วนตำบล),
so every form of it is "สำนักปลัด".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from normalize.data_files import data_json
from normalize.lexicon import word_at
from normalize.lists import BULLETS, bullet_marker, step_marker

_WHITESPACE = re.compile(r"\s+")
_LONGEST_NAME = 40  # characters: the longest unit name looked for at a junction
# separators authors put between units; kept when the pieces around them are not units
_SEPARATOR = re.compile(r"\s*([,/;、])\s*")
_LAST_THAI_RUN = re.compile(r"[\u0e01-\u0e4e]+$")
_BRACKETED = re.compile(r"\(\s*([^()]+?)\s*\)")


@dataclass(frozen=True)
class _UnitNames:
    canonical_by_key: dict[str, str]  # key of a printed variant → canonical name
    # key prefix → offsets in the key where a printed variant has a space
    spaces_by_prefix: dict[str, frozenset[int]]
    starters: tuple[str, ...]  # words that open a unit or a staff role
    unit_prefixes: tuple[str, ...]  # words that open a unit's name (กอง, งาน, ศูนย์…)
    office_prefixes: tuple[str, ...]  # words that open an office's name (สำนัก, กอง)
    complement_words: tuple[str, ...]  # a unit name cannot end with these: a wrap follows
    conjunctions: tuple[str, ...]  # "และ" before the last unit of a list


def unit_key(name: str) -> str:
    """Comparable form of a unit name: no whitespace (authors and wraps space names differently)."""
    return _WHITESPACE.sub("", name)


@cache
def _names() -> _UnitNames:
    data = data_json("units.json")
    canonical_by_key: dict[str, str] = {}
    spaces_by_prefix: dict[str, set[int]] = {}
    for unit in data["units"]:
        for variant in unit["variants"]:
            key = unit_key(variant)
            canonical_by_key[key] = unit["canonical"]
            spaces = _space_offsets(variant)
            for end in range(1, len(key) + 1):
                spaces_by_prefix.setdefault(key[:end], set()).update(s for s in spaces if s <= end)
    starters = tuple(sorted(data["unit_prefixes"] + data["role_prefixes"], key=len, reverse=True))
    return _UnitNames(
        canonical_by_key,
        {prefix: frozenset(offsets) for prefix, offsets in spaces_by_prefix.items()},
        starters,
        tuple(data["unit_prefixes"]),
        tuple(data["office_prefixes"]),
        tuple(data["complement_words"]),
        tuple(data["list_conjunctions"]),
    )


def _space_offsets(variant: str) -> set[int]:
    """Offsets in the key of ``variant`` where the printed variant has a space."""
    offsets: set[int] = set()
    position = 0
    for char in _WHITESPACE.sub(" ", variant.strip()):
        if char == " ":
            offsets.add(position)
        else:
            position += 1
    return offsets


def split_units(text: str) -> list[str]:
    """One string per unit or staff role, as printed, wrap spaces inside a unit's name removed.

    >>> split_units("งานบริหารงานบุคคล งานแผนงานและ งบประมาณ สำนักปลัด")
    ['งานบริหารงานบุคคล', 'งานแผนงานและงบประมาณ', 'สำนักปลัด']

    Text that does not open with a unit or role (e.g. "ทุกกอง/ฝ่าย") stays one string. Known names
    run together by a joined line wrap are told apart:

    >>> split_units("งานประชาสัมพันธ์สำนักปลัด")
    ['งานประชาสัมพันธ์', 'สำนักปลัด']
    """
    pieces: list[str] = []
    current = ""
    for token, hard_boundary, separator in _tokens(_unbracket_sections(text)):
        if not current:
            current = token
        elif _starts_unit(token) and _starts_unit(current) and not _continues_name(current, token):
            pieces.append(current)
            current = token
        elif hard_boundary:
            current = f"{current}{separator}{token}"
        else:
            current = _join(current, token)
    if current:
        pieces.append(current)
    return [unit for piece in pieces for unit in _known_run(piece)]


def _unbracket_sections(text: str) -> str:
    """'สำนักปลัด (งานนิติการ)' → 'สำนักปลัด งานนิติการ': a unit or role printed in brackets after
    another is a unit of its own, as a section and its office are. Other brackets stay
    ('นายสมชาย ใจดี (หัวหน้าสำนักปลัด)', 'สำนักปลัด (ผู้รับผิดชอบหลัก)')."""

    def unbracket(match: re.Match[str]) -> str:
        before = text[: match.start()].split()
        if before and _starts_unit(match.group(1)) and _ends_with_unit(before):
            return f" {match.group(1)} "
        return match.group()

    return _BRACKETED.sub(unbracket, text)


def _ends_with_unit(words: list[str]) -> bool:
    """The words end with a unit or role: the last opens one, or a known name ends them."""
    return _starts_unit(words[-1]) or _known_name_ending("".join(words)) is not None


def _known_run(piece: str) -> list[str]:
    """A piece written as known unit names with no space between them (a line wrap between two
    units joined, "งานประชาสัมพันธ์สำนักปลัด") → those names; any other piece → itself.

    Only a split into names that are all listed in ``data/units.json`` counts, so a name holding
    another unit word ("งานบริหารงานบุคคล") is never cut.
    """
    names = _names()
    known = names.canonical_by_key
    if piece in known or _WHITESPACE.search(piece):
        return [piece]
    for cut in range(len(piece) - 1, 0, -1):
        head, rest = piece[:cut], piece[cut:]
        if head in known and rest.startswith(names.starters):
            tail = _known_run(rest)
            if all(name in known for name in tail):
                return [head, *tail]
    # a section of any name printed before its known office (ศูนย์รับเรื่องร้องเรียน|สำนักปลัด)
    prefix = next((p for p in names.unit_prefixes if piece.startswith(p)), None)
    if prefix is None:
        return [piece]
    for cut in range(len(prefix) + 2, len(piece)):
        head, rest = piece[:cut], piece[cut:]
        office = rest in known and rest.startswith(names.office_prefixes)
        if office and not _ends_with_complement(head):
            return [head, rest]
    return [piece]


def _tokens(text: str) -> list[tuple[str, bool, str]]:
    """(token, follows a separator or list marker, the separator as printed) for each token.

    A conjunction before a unit ("และ กองช่าง", "และกองช่าง") separates too: it goes with the
    separator, so it is dropped between two units and kept where the list is no list of units."""
    conjunctions = _names().conjunctions
    tokens: list[tuple[str, bool, str]] = []
    hard, separator, held = False, " ", ""  # held: a conjunction waiting for the word after it
    for index, part in enumerate(_SEPARATOR.split(text)):
        if index % 2:  # a captured separator
            hard, separator = True, ", " if part == "," else part
            continue
        for word in part.split():
            if word.strip(BULLETS) == "":
                hard, separator = True, " "
                continue
            if word in conjunctions:
                held += f"{word} "
                continue
            conjunction = next((c for c in conjunctions if word.startswith(c)), None)
            if conjunction and _starts_unit(word[len(conjunction) :]):
                held, word = held + conjunction, word[len(conjunction) :]
            marked = step_marker(word) or bullet_marker(word)
            if marked is not None:
                hard, separator, word = True, " ", marked.text.strip()
                if not word:
                    continue
            if held and _starts_unit(word):
                hard, separator = True, f"{separator}{held}"
            elif held:  # no unit after it: the conjunction is a word of the text
                tokens.append((held.strip(), hard, separator))
                hard, separator = False, " "
            held = ""
            tokens.append((word, hard, separator))
            hard, separator = False, " "
    if held:  # a conjunction that ends the cell stays with the text before it
        tokens.append((held.strip(), hard, separator))
    return tokens


def _starts_unit(token: str) -> bool:
    names = _names()
    return token.startswith(names.starters) or unit_key(token) in names.canonical_by_key


def _continues_name(current: str, token: str) -> bool:
    """True when ``current`` + ``token`` is (the start of) one known unit name."""
    return unit_key(current + token) in _names().spaces_by_prefix


def _join(current: str, token: str) -> str:
    """Join a token that continues the current piece: a space, unless it wrapped inside a name."""
    names = _names()
    key = unit_key(current)
    joined_key = key + unit_key(token)
    spaces = names.spaces_by_prefix.get(joined_key)
    if spaces is not None:
        return f"{current} {token}" if len(key) in spaces else current + token
    if _ends_with_complement(current):
        return current + token
    return f"{current} {token}"


def _ends_with_complement(text: str) -> bool:
    """The text ends with a complement word standing as a word ('งานแผนงานและ', 'ด้านการ'), not
    as the end of a longer word ('ทุกส่วนราชการ', 'งานนิติการ'): a name cannot end there."""
    complements = _names().complement_words
    if not text.endswith(complements):
        return False
    run = _LAST_THAI_RUN.search(text)
    last_word = word_at(run.group(), len(run.group()) - 1) if run else None
    return last_word is None or last_word in complements


def opens_after_unit(left: str, right: str) -> str | None:
    """The known unit name ``left`` ends with, when ``right`` opens another: two units listed,
    which Thai writes a space between ("สำนักปลัด" | "งานการเจ้าหน้าที่")."""
    names = _names()
    if not right.startswith(names.starters):
        return None
    known = names.canonical_by_key
    longest = min(_LONGEST_NAME, len(right))
    if not any(unit_key(right[:n]) in known for n in range(longest, 1, -1)):
        return None
    return _known_name_ending(left)


def _known_name_ending(text: str) -> str | None:
    """The longest known unit name (spaces aside) that ``text`` ends with, if any."""
    known = _names().canonical_by_key
    return next(
        (
            text[-n:]
            for n in range(min(_LONGEST_NAME, len(text)), 1, -1)
            if unit_key(text[-n:]) in known
        ),
        None,
    )


def canonical_unit(name: str) -> str:
    """The facet name of a printed unit name; an unknown name comes back as printed.

    >>> canonical_unit("กองการศึกษาฯ")
    'กองการศึกษา ศาสนาและวัฒนธรรม'
    """
    printed = _WHITESPACE.sub(" ", name).strip()
    return _names().canonical_by_key.get(unit_key(printed), printed)


def is_known_unit(name: str) -> bool:
    """True when ``name`` is a unit name listed in ``data/units.json`` (any printed variant)."""
    return unit_key(name) in _names().canonical_by_key
