"""Thai text as the wrap rules read it: character classes, the word lists of
``data/wrap_words.json``, pythainlp's dictionaries and taggers, newmm words and glyph widths."""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from normalize.data_files import data_json
from normalize.lists import BULLETS

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")  # never download: only the bundled data is used
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

THAI = "\u0e01-\u0e5b"
THAI_LETTERS = "\u0e01-\u0e4e"  # consonants, vowels, marks, ฯ, ๆ (not digits)
_THAI_DIGITS = "\u0e50-\u0e59"
NUMBER = f"[0-9{_THAI_DIGITS}]"
# Following vowels and combining marks cannot start a syllable: no space goes before them.
FOLLOWING = frozenset("ะัาำิีึืฺุูๅ") | {chr(cp) for cp in range(0x0E47, 0x0E4F)}
LEADING = frozenset("เแโใไ")  # leading vowels: the syllable goes on after them
MAI_HAN_AKAT = "\u0e31"
# A space no renderer breaks a line at (Word and web pages glue "ประมาณ ๑๕,๐๐๐" with it): PDF
# lines keep it until their junctions are decided, then it is an ordinary space.
NO_BREAK_SPACE = "\u00a0"
MAI_YAMOK = "ๆ"
PAIYANNOI = "ฯ"

LEFT_THAI_RUN = re.compile(f"[{THAI_LETTERS}]+$")
RIGHT_THAI_RUN = re.compile(f"^[{THAI_LETTERS}]+")
THAI_RUN = re.compile(f"[{THAI_LETTERS}]+")
ABBREVIATION = re.compile(f"^(?:[{THAI_LETTERS}]{{1,4}}\\.)+")  # อบต. ก.พ.
SINGLE_LETTER = re.compile(f"^[\u0e01-\u0e2e](?![{THAI}])")

LIST_MARKER = re.compile(rf"^(?:{NUMBER}{{1,3}}[.)]|\({NUMBER}{{1,3}}\)|[{re.escape(BULLETS)}])$")

SPACES = re.compile(" +")

JUNCTION_CONTEXT = 80  # characters each side: more than any rule of decide_junction looks at
RUN_CONTEXT = 32  # characters of a Thai run tokenised on each side of a space


def is_thai(char: str) -> bool:
    return "\u0e01" <= char <= "\u0e5b"


def is_thai_digit(char: str) -> bool:
    return "\u0e50" <= char <= "\u0e59"


def is_thai_letter(char: str) -> bool:
    return "\u0e01" <= char <= "\u0e4e" and char not in (MAI_YAMOK, PAIYANNOI)


@dataclass(frozen=True)
class _WordLists:
    """``data/wrap_words.json``: what each list means is written there."""

    clause_openers: frozenset[str]
    coordinators: frozenset[str]
    nominalisers: frozenset[str]
    item_heads: tuple[str, ...]
    list_introducers: frozenset[str]
    list_conjunctions: tuple[str, ...]
    listed_terms: tuple[tuple[str, ...], ...]  # groups
    time_clause_openers: frozenset[str]
    result_verbs: tuple[str, ...]
    not_result_verbs: frozenset[str]
    step_labels: tuple[str, ...]
    needs_complement: frozenset[str]
    modifier_complements: frozenset[str]
    function_words: frozenset[str]
    era_abbreviations: tuple[str, ...]
    standalone_keep: frozenset[str]
    number_introducers: tuple[str, ...]
    units: frozenset[str]
    unit_continuations: frozenset[str]


@cache
def word_lists() -> _WordLists:
    data = data_json("wrap_words.json")
    return _WordLists(
        clause_openers=frozenset(data["clause_openers"]),
        coordinators=frozenset(data["coordinators"]),
        nominalisers=frozenset(data["nominalisers"]),
        item_heads=tuple(data["item_heads"]),
        list_introducers=frozenset(data["list_introducers"]),
        list_conjunctions=tuple(data["list_conjunctions"]),
        listed_terms=tuple(tuple(group) for group in data["listed_terms"].values()),
        time_clause_openers=frozenset(data["time_clause_openers"]),
        result_verbs=tuple(data["result_verbs"]),
        not_result_verbs=frozenset(data["not_result_verbs"]),
        step_labels=tuple(data["step_labels"]),
        needs_complement=frozenset(data["needs_complement"]),
        modifier_complements=frozenset(data["modifier_complements"]),
        function_words=frozenset(data["function_words"]),
        era_abbreviations=tuple(data["era_abbreviations"]),
        standalone_keep=frozenset(data["standalone_keep"]),
        number_introducers=tuple(data["number_introducers"]),
        units=frozenset(data["units"]),
        unit_continuations=frozenset(data["unit_continuations"]),
    )


@cache
def _glyph_widths() -> tuple[dict[str, float], float]:
    data = data_json("thai_widths.json")
    return data["widths"] | {NO_BREAK_SPACE: data["widths"][" "]}, data["default"]


@cache
def thai_dictionary() -> frozenset[str]:
    from pythainlp.corpus import thai_words

    return thai_words()


@cache
def common_words() -> frozenset[str]:
    """Words of the bundled Thai National Corpus frequency list (real words, not newmm glue)."""
    from pythainlp.corpus import tnc

    return frozenset(word for word, _ in tnc.word_freqs())


@cache
def word_class_table() -> dict[str, frozenset[str]]:
    """Word classes (n, v, a, r, s) of each entry of the Thai WordNet bundled with pythainlp, read
    straight from its SQLite file (the pythainlp reader needs nltk); empty when it is missing."""
    from pythainlp.corpus import corpus_path

    path = Path(corpus_path()) / "wordnet_th.db"
    if not path.exists():
        return {}
    classes: dict[str, set[str]] = {}
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)) as db:
        for synset, lemma in db.execute("SELECT synsetid, li FROM word_synset"):
            classes.setdefault(lemma, set()).add(synset[-1])
    return {lemma: frozenset(found) for lemma, found in classes.items()}


@lru_cache(maxsize=1 << 16)
def newmm_words(run: str) -> tuple[str, ...]:
    """newmm words of a Thai run (cached: a document repeats its phrases)."""
    from pythainlp.tokenize import newmm

    return tuple(newmm.segment(run))


@lru_cache(maxsize=1 << 16)
def text_width(text: str) -> float:
    """Advance width of ``text`` in em, in a TH Sarabun-metric font (combining marks are 0)."""
    widths, default = _glyph_widths()
    return sum(widths.get(char, default) for char in text)


@cache
def space_width() -> float:
    return _glyph_widths()[0][" "]


# the newmm words of the Thai runs before and after a space
Words = tuple[tuple[str, ...], tuple[str, ...]]


def last_thai_word(segment: str) -> str:
    run = LEFT_THAI_RUN.search(segment)
    return newmm_words(run.group()[-RUN_CONTEXT:])[-1] if run else ""


def first_thai_word(segment: str) -> str:
    run = RIGHT_THAI_RUN.match(segment)
    return newmm_words(run.group()[:RUN_CONTEXT])[0] if run else ""


@lru_cache(maxsize=1 << 14)
def item_tags(words: tuple[str, ...]) -> tuple[str, ...]:
    """ORCHID part-of-speech tags of words written one space apart (pythainlp's bundled
    perceptron tagger)."""
    from pythainlp.tag import pos_tag

    spaced = [token for word in words for token in (word, " ")][:-1]
    return tuple(tag for word, tag in pos_tag(spaced, engine="perceptron", corpus="orchid")[::2])


def closing_phrase(run_words: Sequence[str], phrases: Iterable[str]) -> str | None:
    """The phrase of ``phrases`` a run ends with, starting on one of its word boundaries."""
    ends = {"".join(run_words[-(n + 1) :]) for n in range(min(len(run_words), 4))}
    return next((phrase for phrase in phrases if phrase in ends), None)


def opening_phrase(run_words: Sequence[str], phrases: Iterable[str]) -> str | None:
    """The phrase of ``phrases`` a run starts with, ending on one of its word boundaries."""
    starts = {"".join(run_words[: n + 1]) for n in range(min(len(run_words), 4))}
    return next((phrase for phrase in phrases if phrase in starts), None)


LONGEST_WORD = 24  # characters; longer dictionary entries are rare compounds


def single_thai_word(segment: str) -> bool:
    """A segment that is one newmm word of Thai letters (numbers and Latin words are written
    between spaces, so they explain a space themselves)."""
    return bool(THAI_RUN.fullmatch(segment)) and len(newmm_words(segment)) == 1
