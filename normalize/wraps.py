"""Line-wrap space repair: keep an author's space, drop a wrap artefact.

Thai writes words without spaces and uses a space between phrases, before ๆ, around Latin words and
numbers, and before list markers. When a table cell is re-flowed, each line wrap becomes a space
(text dumps, HTML exports) or a line break (PDF). Two kinds of evidence decide each one:

- **Layout.** The paragraphs of one column of one table page were set in one line width W. The
  text between two spaces (a segment) was never broken, so laying the segments out greedily in W
  with the font's advance widths (``data/thai_widths.json``, TH Sarabun metrics) tells which spaces
  can be line ends at all: a space whose next segment still fits on the line is the author's. W is
  estimated from the column itself: the widths that put the column's strong wrap signs (a word
  broken across the space, a word that needs a complement before it…) at line ends
  (``ColumnLayout``); a column with too few signs borrows the width of the same column on
  another page of the table where its own evidence allows (``width_hints``). PDF lines come
  with their widths, so there the layout is measured.
- **Justification.** Thai reports are justified: a line that wrapped early is spread to the
  column width, and a converter turns the widened gaps into spaces. A line stretched by half an
  em or more per gap with a space at every word gap is that signature; its spaces are decided
  like line ends.
- **Language.** At a line end, rules over newmm words (``decide_junction``; word lists in
  ``data/wrap_words.json``; pythainlp's bundled dictionary, TNC word list and Thai WordNet word
  classes) decide whether the author also put a space there; ``WrapStats`` adds how the document
  itself writes a word pair and which words it usually sets off with a space (counted only at
  spaces its layout puts mid-line, and not where a clause opener, a list introducer or a
  number/Latin/abbreviation phrase explains the space). A rule that is certain (a word broken
  across the space, a word that needs a complement, a place name after its area word) decides;
  at a line end, a rule that only hints (a clause opener after the space, a word the document
  usually spaces, a bare line end) hands its hint, the two words touching the space, the words
  beyond them, their part-of-speech tags and the document's counts for them to the wrap model
  (``normalize.wrap_model``, weights in ``data/wrap_model.json``), which weighs them together.
  A space inside a run of single-noun items ("ข้อมูลข่าวสาร ความเคลื่อนไหว กิจกรรม โครงการ";
  ORCHID tags from pythainlp's bundled perceptron tagger) is the author's even at a line end.

Every decision carries a reason (``explain_wrap_spaces``, ``explain_line_junctions``) so removals
can be audited. Measured in ``scripts/eval_wraps.py`` on ``tests/data/wrap_labels_*.json``.
"""

from __future__ import annotations

import json
import math
import os
import re
import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Literal

from normalize.agencies import place_after_area_word
from normalize.lists import BULLETS
from normalize.units import opens_after_unit
from normalize.wrap_model import active_model

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")  # never download: only the bundled data is used
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

# --- Thai characters -----------------------------------------------------------------------------

_THAI = "\u0e01-\u0e5b"
_THAI_LETTERS = "\u0e01-\u0e4e"  # consonants, vowels, marks, ฯ, ๆ (not digits)
_THAI_DIGITS = "\u0e50-\u0e59"
_NUMBER = f"[0-9{_THAI_DIGITS}]"
# Following vowels and combining marks cannot start a syllable: no space goes before them.
_FOLLOWING = frozenset("ะัาำิีึืฺุูๅ") | {chr(cp) for cp in range(0x0E47, 0x0E4F)}
_LEADING = frozenset("เแโใไ")  # leading vowels: the syllable goes on after them
_MAI_HAN_AKAT = "\u0e31"
# A space no renderer breaks a line at (Word and web pages glue "ประมาณ ๑๕,๐๐๐" with it): PDF
# lines keep it until their junctions are decided, then it is an ordinary space.
NO_BREAK_SPACE = "\u00a0"
_MAI_YAMOK = "ๆ"
_PAIYANNOI = "ฯ"

_LEFT_THAI_RUN = re.compile(f"[{_THAI_LETTERS}]+$")
_RIGHT_THAI_RUN = re.compile(f"^[{_THAI_LETTERS}]+")
_THAI_RUN = re.compile(f"[{_THAI_LETTERS}]+")
_ABBREVIATION = re.compile(f"^(?:[{_THAI_LETTERS}]{{1,4}}\\.)+")  # อบต. ก.พ.
_SINGLE_LETTER = re.compile(f"^[\u0e01-\u0e2e](?![{_THAI}])")
_BEFORE_NUMBER = re.compile(f"^[{_THAI_LETTERS}]{{1,20}} +{_NUMBER}")
_UNIT_AFTER_NUMBER = re.compile(f"{_NUMBER} +([{_THAI_LETTERS}]{{1,10}})$")
_SHORT_ITEM = re.compile(f"[{_THAI}] [{_THAI_LETTERS}]{{1,10}}$")
_LIST_ITEM = re.compile(f"^[{_THAI_LETTERS}]{{1,15}} +([{_THAI_LETTERS}]+)")
_LIST_MARKER = re.compile(
    rf"^(?:{_NUMBER}{{1,3}}[.)]|\({_NUMBER}{{1,3}}\)|[{re.escape(BULLETS)}])$"
)
# "E-" + "Service", "2566-" + "2570" across a line end: the word or the range goes on.
_HYPHEN_CUTS = (
    (re.compile(r"[A-Za-z]-$"), re.compile(r"[A-Za-z]"), "Latin word cut at its hyphen"),
    (re.compile(f"{_NUMBER}-$"), re.compile(_NUMBER), "number range cut at its hyphen"),
    # "มาตรการ/" + "กิจกรรม": a line may break after a slash between two words
    (re.compile(f"[{_THAI_LETTERS}]/$"), re.compile(f"[{_THAI_LETTERS}]"), "cut after a slash"),
)
_SPACES = re.compile(" +")
_COUNT_AND_UNIT = re.compile(f"{_NUMBER}+(?:[,.]{_NUMBER}+)* [{_THAI_LETTERS}]+")
_NUMBER_START = re.compile(_NUMBER)
_SEGMENT = re.compile(r"\S+")
# A word the document writes after (or before) a space at least this often, in at least this
# share of its occurrences next to a Thai word, is taken to be spaced there by its author.
_MIN_SPACED, _SPACED_SHARE = 1, 0.2
_JUNCTION_CONTEXT = 80  # characters each side: more than any rule of decide_junction looks at
_RUN_CONTEXT = 32  # characters of a Thai run tokenised on each side of a space


def _is_thai(char: str) -> bool:
    return "\u0e01" <= char <= "\u0e5b"


def _is_thai_digit(char: str) -> bool:
    return "\u0e50" <= char <= "\u0e59"


def _is_thai_letter(char: str) -> bool:
    return "\u0e01" <= char <= "\u0e4e" and char not in (_MAI_YAMOK, _PAIYANNOI)


# --- data ----------------------------------------------------------------------------------------


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


def _data(name: str) -> dict:
    return json.loads(resources.files("normalize").joinpath(f"data/{name}").read_text("utf-8"))


@cache
def _word_lists() -> _WordLists:
    data = _data("wrap_words.json")
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
    data = _data("thai_widths.json")
    return data["widths"] | {NO_BREAK_SPACE: data["widths"][" "]}, data["default"]


@cache
def _dictionary() -> frozenset[str]:
    from pythainlp.corpus import thai_words

    return thai_words()


@cache
def _common_words() -> frozenset[str]:
    """Words of the bundled Thai National Corpus frequency list (real words, not newmm glue)."""
    from pythainlp.corpus import tnc

    return frozenset(word for word, _ in tnc.word_freqs())


@cache
def _word_class_table() -> dict[str, frozenset[str]]:
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
def _words(run: str) -> tuple[str, ...]:
    """newmm words of a Thai run (cached: a document repeats its phrases)."""
    from pythainlp.tokenize import newmm

    return tuple(newmm.segment(run))


@lru_cache(maxsize=1 << 16)
def text_width(text: str) -> float:
    """Advance width of ``text`` in em, in a TH Sarabun-metric font (combining marks are 0)."""
    widths, default = _glyph_widths()
    return sum(widths.get(char, default) for char in text)


@cache
def _space_width() -> float:
    return _glyph_widths()[0][" "]


# --- document statistics -------------------------------------------------------------------------


@dataclass
class WrapStats:
    """How often a document writes a word pair joined (inside a Thai run) or spaced (two Thai runs
    one space apart). Identical texts count once, so a header repeated on every page does not
    dominate; a line break is no evidence either way."""

    joined: Counter[tuple[str, str]] = field(default_factory=Counter)
    spaced: Counter[tuple[str, str]] = field(default_factory=Counter)
    spaced_before: Counter[str] = field(default_factory=Counter)  # a space before this word
    joined_before: Counter[str] = field(default_factory=Counter)  # a Thai word before it
    spaced_after: Counter[str] = field(default_factory=Counter)
    joined_after: Counter[str] = field(default_factory=Counter)
    # The document's visual lines keep the space a wrap took (LibreOffice PDFs do): a wrap
    # without one cut a Thai run.
    keeps_line_end_spaces: bool = False

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> WrapStats:
        stats = cls()
        for text in dict.fromkeys(t for t in texts if t):
            stats.add_text(text)
        return stats

    @classmethod
    def from_columns(cls, columns: Iterable[Sequence[str]], texts: Iterable[str] = ()) -> WrapStats:
        """Like ``from_texts``, for columns of paragraphs whose wraps became spaces: a space that
        may be a line end of its column's layout is no evidence, like a line break. ``texts``:
        texts whose line breaks are kept (PDF cells), counted as they are."""
        return cls.from_texts([*(t for c in columns for t in _author_spaced(c)), *texts])

    def add_text(self, text: str) -> None:
        lines = text.split("\n")
        self.keeps_line_end_spaces |= any(line.endswith(" ") for line in lines[:-1])
        for line in lines:
            runs = list(_THAI_RUN.finditer(line))
            for run in runs:
                pairs = list(pairwise(_words(run.group())))
                self.joined.update(pairs)
                self.joined_after.update(left for left, _ in pairs)
                self.joined_before.update(right for _, right in pairs)
            for before, after in pairwise(runs):
                if line[before.end() : after.start()] != " ":
                    continue
                if not _set_off_phrase(line, after):
                    left, right = _words(before.group())[-1], _words(after.group())[0]
                    self.spaced[(left, right)] += 1
                    if right not in _word_lists().clause_openers:
                        self.spaced_after[left] += 1  # the opener's space, not the left word's
                    if left not in _word_lists().list_introducers:
                        self.spaced_before[right] += 1

    def usually_spaced(self, left_word: str, right_word: str) -> str | None:
        """The document usually writes a space before ``right_word`` or after ``left_word``."""
        hits = [
            word
            for word, spaced, joined in (
                (right_word, self.spaced_before, self.joined_before),
                (left_word, self.spaced_after, self.joined_after),
            )
            if spaced[word] >= _MIN_SPACED
            and spaced[word] >= _SPACED_SHARE * (spaced[word] + joined[word])
        ]
        return hits[0] if hits else None

    def written_joined(self, left_word: str, right_word: str) -> bool:
        """The document writes this pair joined more often than spaced."""
        pair = (left_word, right_word)
        return self.joined[pair] > self.spaced[pair]


_NON_THAI_NEXT = re.compile(f" ?[^ {_THAI_LETTERS}]")


def _set_off_phrase(line: str, run: re.Match[str]) -> bool:
    """The Thai run after a space opens a phrase that a number, a Latin name or an abbreviation
    closes (ทั้ง ๓ ฉบับ, ระบบ E-Service, พ.ศ.): Thai writing spaces such a phrase off, so the
    space says nothing about how the document spaces the words beside it."""
    return bool(_NON_THAI_NEXT.match(line, run.end()))


def _author_spaced(paragraphs: Sequence[str]) -> list[str]:
    """The paragraphs with every space that may be a line end turned into a line break."""
    layout = ColumnLayout.of(paragraphs)
    marked = []
    for index, (text, paragraph) in enumerate(zip(paragraphs, layout.paragraphs, strict=True)):
        pieces, position = [], 0
        for (start, end), line in zip(paragraph.gaps(), layout.line_statuses(index), strict=True):
            if line != "mid":
                pieces.append(text[position:start] + "\n")
                position = end
        pieces.append(text[position:])
        marked.append("".join(pieces))
    return marked


# --- one junction --------------------------------------------------------------------------------


@dataclass(frozen=True)
class JunctionDecision:
    """Keep or remove the space between two pieces of text, and why."""

    action: Literal["keep", "remove"]
    reason: str
    strong: bool = False  # a wrap sign strong enough to locate line ends (estimates W)
    # A soft decision: the rule only hints, and the wrap model weighs the hint with these features
    evidence: tuple[tuple[str, float], ...] | None = None
    wrap_probability: float | None = None  # the model's, where it weighed the evidence

    @property
    def keep(self) -> bool:
        return self.action == "keep"


def _keep(reason: str) -> JunctionDecision:
    return JunctionDecision("keep", reason)


def _remove(reason: str, *, strong: bool = False) -> JunctionDecision:
    return JunctionDecision("remove", reason, strong)


def _hint(action: Literal["keep", "remove"], reason: str) -> JunctionDecision:
    """A soft rule's decision: the wrap model weighs it (``_weigh``)."""
    return JunctionDecision(action, reason, evidence=())


def decide_junction(
    left: str,
    right: str,
    *,
    line_end: bool | None,
    stats: WrapStats | None = None,
    spacing_habits: bool = False,
) -> JunctionDecision:
    """Keep or remove the space between ``left`` (the text before it) and ``right`` (after it).

    ``line_end``: True where the space is a line end (a wrap there is the default); False where
    the layout shows it is the author's (only an impossible spelling removes it); None where the
    layout cannot tell (keep unless the language says otherwise). ``spacing_habits``: at a line
    end, also keep the space next to a word the document usually writes a space beside (used
    where the layout is estimated, not measured: dumps and HTML). At a line end, a rule that
    only hints is weighed by the wrap model (``normalize.wrap_model``).
    """
    decision, words = _decide_by_rules(left, right, line_end, stats, spacing_habits)
    if decision.evidence is None:
        return decision
    if not line_end:  # where the layout cannot tell, the hint stands: an author's space is kept
        return replace(decision, evidence=None)
    return _weigh(decision, left, right, words, stats, spacing_habits)


# the newmm words of the Thai runs before and after a space
Words = tuple[tuple[str, ...], tuple[str, ...]]


def _decide_by_rules(
    left: str, right: str, line_end: bool | None, stats: WrapStats | None, spacing_habits: bool
) -> tuple[JunctionDecision, Words]:
    """What the rules say about the space (a hint not yet weighed), and the words of the Thai
    runs that touch it (none where a rule decided before reading words)."""
    no_words: Words = ((), ())
    if not (left and right and _is_thai(left[-1]) and _is_thai(right[0])):
        return _keep("not between two Thai characters"), no_words
    left, right = left[-_JUNCTION_CONTEXT:], right[:_JUNCTION_CONTEXT]  # bounded work per space
    decided = _impossible_space(left, right) or _written_space(left, right)
    if decided:
        return decided, no_words
    if line_end is False:
        return _keep("the layout shows the author's space"), no_words
    left_run, right_run = _LEFT_THAI_RUN.search(left), _RIGHT_THAI_RUN.match(right)
    if not (left_run and right_run):
        return _keep("no Thai word on one side"), no_words
    left_words = _words(left_run.group()[-_RUN_CONTEXT:])
    right_words = _words(right_run.group()[:_RUN_CONTEXT])
    rule = _language_rule(left, right, left_words, right_words, line_end, stats, spacing_habits)
    return rule, (left_words, right_words)


def _language_rule(
    left: str,
    right: str,
    left_words: tuple[str, ...],
    right_words: tuple[str, ...],
    line_end: bool | None,
    stats: WrapStats | None,
    spacing_habits: bool,
) -> JunctionDecision:
    """The first rule that speaks to the space: a certain one decides, a hint (``_hint``) goes to
    the wrap model."""
    last, first = left_words[-1], right_words[0]
    words = _word_lists()
    crossing = _crossing_word(left_words, right_words)
    if crossing and (line_end or not crossing.compound):
        return _remove(f"dictionary word across the space: {crossing.word}", strong=True)
    place = place_after_area_word(left, right)
    if place and first not in words.clause_openers | words.function_words:  # ตำบล "และ" exists
        return _remove(f"a place name after its area word: {place}")
    if last in words.list_introducers:
        return _hint("keep", f"after a list introducer: {last}")
    if first in words.clause_openers and line_end and last + first in _dictionary():
        return _remove(f"the opener ends a dictionary word: {last}{first}")  # นับ|แต่
    if first in words.clause_openers:
        if (
            line_end
            and first in words.coordinators
            and _coordinates_nouns(right_words)
            and not _SHORT_ITEM.search(left)
        ):
            return _hint("remove", f"{first} joins two nouns")
        return _hint("keep", f"clause opener: {first}")
    unit = _unit_after_number(left, right_words)
    if unit:  # before the complement rule: "๒๑๘ แห่ง" is a count, not "แห่ง" (of)
        return _hint("keep", unit)
    if last in words.needs_complement and (line_end or last not in words.modifier_complements):
        return _remove(f"needs a complement: {last}", strong=last not in words.modifier_complements)
    glued = _glued_function_word(last)
    if glued:
        return _remove(f"needs a complement: {glued} (in {last})", strong=True)
    if line_end and _nominalised_verb(left_words):
        return _remove(f"a verb after {left_words[-2]} awaits its object: {last}")
    phrase = _phrase_boundary(left, right, right_words)
    if phrase:
        return _hint("keep", phrase)
    if stats is not None and line_end and stats.written_joined(last, first):
        return _remove(f"written joined in this document: {last}{first}")
    listed = _listed_terms(left_words, right_words)
    if listed:
        return _hint("keep", f"two listed terms: {listed}")
    if first.startswith(words.result_verbs) and first not in words.not_result_verbs:
        return _hint("keep", f"a result opens: {first}")
    if first in words.time_clause_openers and _verb_follows(right_words):
        return _hint("keep", f"a time clause opens: {first}")
    habits = stats is not None and line_end and spacing_habits
    spaced = stats.usually_spaced(last, first) if habits else None
    if spaced:
        return _hint("keep", f"usually spaced in this document: {spaced}")
    unit = opens_after_unit(left, right) if line_end else None
    if unit:
        return _hint("keep", f"a unit name after another: {unit}")
    return _hint("remove", "line end") if line_end else _keep("no evidence")


def junction_features(
    rule: str,
    left: str,
    right: str,
    words: Words,
    stats: WrapStats | None,
    *,
    estimated_layout: bool,
) -> dict[str, float]:
    """What the wrap model weighs at a line end where a rule only hints: which rule (the text
    of its reason before any ":"), whether the layout was estimated (dumps, HTML) or measured
    (PDF), the words touching the space (``words``: of the Thai runs before it and after it) and
    the two beyond them, the rule with each touching word, their part-of-speech tags
    (``word_tag_features``), how this document writes them (log counts; shares 0.5 when it never
    writes the word beside a Thai word), and where the space sits among the space-separated
    segments of its line (``series_features``)."""
    left_words, right_words = words
    last, first = left_words[-1], right_words[0]
    layout = "estimated" if estimated_layout else "measured"
    features = {
        f"rule={rule}": 1.0,
        f"rule={rule}|{layout}": 1.0,
        f"layout={layout}": 1.0,
        f"last={last}": 1.0,
        f"first={first}": 1.0,
        f"pair={last}|{first}": 1.0,
        f"rule_last={rule}|{last}": 1.0,
        f"rule_first={rule}|{first}": 1.0,
        "last_length": float(len(last)),
        "first_length": float(len(first)),
    }
    if len(left_words) > 1:
        features[f"last2={left_words[-2]}|{last}"] = 1.0
    if len(right_words) > 1:
        features[f"first2={first}|{right_words[1]}"] = 1.0
    features |= word_tag_features(left_words, right_words)
    stats = stats or WrapStats()
    counts = {
        "spaced_before": stats.spaced_before[first],
        "joined_before": stats.joined_before[first],
        "spaced_after": stats.spaced_after[last],
        "joined_after": stats.joined_after[last],
        "pair_spaced": stats.spaced[(last, first)],
        "pair_joined": stats.joined[(last, first)],
    }
    features |= {name: math.log1p(count) for name, count in counts.items()}
    for side in ("before", "after"):
        spaced, joined = counts[f"spaced_{side}"], counts[f"joined_{side}"]
        features[f"spaced_{side}_share"] = spaced / (spaced + joined) if spaced + joined else 0.5
    return features | series_features(left, right)


def word_tag_features(left_words: Sequence[str], right_words: Sequence[str]) -> dict[str, float]:
    """The ORCHID tags of the last word before the space and the first after it, tagged with
    one more word on each side: word classes carry from one writer's words to another's, where
    the words themselves often do not."""
    before, after = tuple(left_words[-2:]), tuple(right_words[:2])
    tags = _item_tags(before + after)
    last_tag, first_tag = tags[len(before) - 1], tags[len(before)]
    return {
        f"last_tag={last_tag}": 1.0,
        f"first_tag={first_tag}": 1.0,
        f"tags={last_tag}|{first_tag}": 1.0,
    }


def series_features(left: str, right: str) -> dict[str, float]:
    """Whether a space falls inside a series of items its line sets apart by spaces (ได้แก่
    หินคลุก ทรายหยาบ ปูนซีเมนต์ และเหล็กเส้น; ความเพียงพอของน้ำ ความถูกต้องของค่าน้ำ): an author
    spaces the items of a series, so a wrap inside one probably took one of those spaces.
    ``left``: the text before the space, ``right``: the text after it."""
    words = _word_lists()
    segments = left[-_JUNCTION_CONTEXT:].rsplit("\n", 1)[-1].split(" ")
    segment, ahead = segments[-1], right[:_JUNCTION_CONTEXT].split("\n", 1)[0]
    features = {
        "series_ahead": float(bool(_series_ahead().match(ahead))),
        "introduced_list": float(_introduced_list(segments[:-1])),
        "after_introducer": float(
            len(segments) > 1 and segments[-2].endswith(tuple(words.list_introducers))
        ),
    }
    head = next((h for h in words.item_heads if segment.startswith(h)), None)
    next_head = next((h for h in words.item_heads if ahead.startswith(h)), None)
    if next_head:
        features[f"next_head={next_head}"] = 1.0
        if head == next_head:
            features["same_head"] = features[f"same_head={head}"] = 1.0
    first = _first_word(segment)
    if first:
        features[f"segment_first={first}"] = 1.0
    return features


def _introduced_list(segments: Sequence[str]) -> bool:
    """A list introducer (ได้แก่, เช่น…) ends or sits in one of the earlier segments of the line."""
    return any(word in segment for segment in segments for word in _word_lists().list_introducers)


@cache
def _series_ahead() -> re.Pattern[str]:
    """Up to four more segments, then a list conjunction after a space: the series goes on."""
    conjunctions = "|".join(map(re.escape, _word_lists().list_conjunctions))
    return re.compile(f"^[^ ]+(?: [^ ]+){{0,3}}? (?:{conjunctions})")


def _weigh(
    hinted: JunctionDecision,
    left: str,
    right: str,
    words: Words,
    stats: WrapStats | None,
    estimated_layout: bool,
) -> JunctionDecision:
    """The wrap model's decision on a soft rule's hint at a line end (the hint itself when no
    model is on)."""
    rule = hinted.reason.split(":", 1)[0]
    features = junction_features(rule, left, right, words, stats, estimated_layout=estimated_layout)
    evidence = tuple(features.items())
    model = active_model()
    if model is None:
        return replace(hinted, evidence=evidence)
    probability = model.wrap_probability(features)
    action: Literal["keep", "remove"] = "remove" if probability >= model.threshold else "keep"
    reason = hinted.reason
    if action != hinted.action:
        reason += f"; outweighed: {'a wrap' if action == 'remove' else 'the author’s space'}"
    return JunctionDecision(action, reason, evidence=evidence, wrap_probability=probability)


def _impossible_space(left: str, right: str) -> JunctionDecision | None:
    """A space Thai spelling does not allow: before a following vowel or mark, after a leading
    vowel or mai han-akat."""
    if right[0] in _FOLLOWING:
        return _remove("a vowel or mark cannot start a word", strong=True)
    if left[-1] in _LEADING or left[-1] == _MAI_HAN_AKAT:
        return _remove("a leading vowel cannot end a word", strong=True)
    return None


def _written_space(left: str, right: str) -> JunctionDecision | None:
    """Spaces Thai writing puts in: around ๆ, after ฯ, around numbers, before era names, around ณ,
    before dotted abbreviations and single letters."""
    words = _word_lists()
    if _MAI_YAMOK in (left[-1], right[0]):
        return _keep("ไม้ยมก")
    if _PAIYANNOI in (left[-1], right[0]):
        return _keep("ไปยาลน้อย")
    if _is_thai_digit(left[-1]) or _is_thai_digit(right[0]):
        return _keep("number")
    if right.startswith(words.era_abbreviations):
        return _keep("era name")
    left_run, right_run = _LEFT_THAI_RUN.search(left), _RIGHT_THAI_RUN.match(right)
    letter = _ABBREVIATION.match(right) or _SINGLE_LETTER.match(right)
    standalone = any(run and run.group() in words.standalone_keep for run in (left_run, right_run))
    if (letter or standalone) and _broken_word(left_run, right_run):
        return None  # a renderer broke a word before its last letter: งบประมา|ณ
    if letter:
        return _keep("abbreviation or single letter")
    if standalone:
        return _keep("standalone word (ณ)")
    return None


def _broken_word(left_run: re.Match[str] | None, right_run: re.Match[str] | None) -> bool:
    """A dictionary word spans the space and the text before the space is no word (งบประมา|ณ)."""
    if not (left_run and right_run):
        return False
    left_words = _words(left_run.group()[-_RUN_CONTEXT:])
    crossing = _crossing_word(left_words, _words(right_run.group()[:_RUN_CONTEXT]))
    return crossing is not None and not crossing.compound


@dataclass(frozen=True)
class _Crossing:
    word: str  # the dictionary word of the joined text that spans the space
    compound: bool  # both its parts are words too (จัด|จ้าง), unlike a broken word (อิเล็ก|ทรอนิกส์)


def _crossing_word(left_words: Sequence[str], right_words: Sequence[str]) -> _Crossing | None:
    """A dictionary word of the joined text that spans the space and starts and ends on word
    boundaries the two sides already had (ดุลย|พินิจ, จัด|จ้าง), neither part a function word.

    A compound of two words needs a known line end: an author may space the two words."""
    left_text, right_text = "".join(left_words), "".join(right_words)
    cut = len(left_text)
    bounds = {0, cut}
    for offset, side in ((0, left_words), (cut, right_words)):
        for word in side:
            offset += len(word)
            bounds.add(offset)
    dictionary, function_words = _dictionary(), _word_lists().function_words
    joined = left_text + right_text
    end = 0
    for word in _words(joined):
        start, end = end, end + len(word)
        if start < cut < end and start in bounds and end in bounds and word in dictionary:
            head, tail = word[: cut - start], word[cut - start :]
            if head not in function_words and tail not in function_words:
                return _Crossing(word, head in dictionary and tail in dictionary)
    # newmm may cut the joined text elsewhere (ตลอด|ปีงบประมาณ, the left side reading ตลอดปี|งบ|…):
    # a word broken in two, its head no word, is also found between the sides' own bounds
    for start in sorted(bound for bound in bounds if bound < cut):
        if joined[start:cut] in dictionary:
            continue
        for end in sorted((bound for bound in bounds if bound > cut), reverse=True):
            if joined[start:end] in dictionary:
                return _Crossing(joined[start:end], False)
    return None


def _glued_function_word(word: str) -> str | None:
    """A rare newmm entry ending in a word that needs a complement (ดำเนิน|การตาม → ตาม)."""
    if word in _common_words() or len(word) < 4:
        return None
    for ending in _word_lists().needs_complement:
        if (
            len(ending) < len(word)
            and word.endswith(ending)
            and word[: -len(ending)] in _dictionary()
        ):
            return ending
    return None


def _coordinates_nouns(right_words: Sequence[str]) -> bool:
    """ "และ"/"หรือ" followed by a noun and never a verb (Thai WordNet) or by a nominaliser: it
    joins two nouns inside a phrase ("ภาษีที่ดินและสิ่งปลูกสร้าง"); before a verb it opens a clause."""
    if len(right_words) < 2:
        return False
    following = right_words[1]
    if following in _word_lists().nominalisers:
        return True
    classes = _word_class_table().get(following, frozenset())
    return bool(classes) and "v" not in classes


def _verb_follows(run_words: Sequence[str]) -> bool:
    """The run's second word is a verb (Thai WordNet), not a nominaliser."""
    if len(run_words) < 2 or run_words[1] in _word_lists().nominalisers:
        return False
    return "v" in _word_class_table().get(run_words[1], frozenset())


def _nominalised_verb(left_words: Sequence[str]) -> bool:
    """The text ends in a nominaliser and one verb (การใช้, การบริหาร): the verb's object is
    still to come."""
    if len(left_words) < 2 or left_words[-2] not in _word_lists().nominalisers:
        return False
    return "v" in _word_class_table().get(left_words[-1], frozenset())


def _phrase_boundary(left: str, right: str, right_words: Sequence[str]) -> str | None:
    """Spaces that delimit a number phrase or a list item: Thai sets a number phrase off with
    spaces ("… จำนวน ๑๒๔ เรื่อง เพิ่มขึ้น …") and separates list items before the last "และ"."""
    words = _word_lists()
    if _BEFORE_NUMBER.match(right):
        opener = _opening_phrase(right_words, words.number_introducers)
        if opener and not _begun_on_the_left(left, right_words[0]):
            return f"opens a number phrase: {opener}"
    item = _LIST_ITEM.match(right)
    if item and right_words[0] not in words.modifier_complements:  # ทาง… modifies the word before
        following = _words(item.group(1)[:_RUN_CONTEXT])
        conjunction = _opening_phrase(following, words.list_conjunctions)
        if conjunction and _coordinates_nouns(following[len(_words(conjunction)) - 1 :]):
            return f"list item before {conjunction}"
    return None


def _unit_after_number(left: str, right_words: Sequence[str]) -> str | None:
    """The text before the space ends a number phrase with its unit ("… ๑๒๔ เรื่อง"), and the
    text after it does not go on with the unit ("๑๘ วัน|ต่อราย")."""
    words = _word_lists()
    unit = _UNIT_AFTER_NUMBER.search(left)
    if unit and unit.group(1) in words.units and right_words[0] not in words.unit_continuations:
        return f"unit after a number: {unit.group(1)}"
    return None


def _begun_on_the_left(left: str, word: str) -> bool:
    """``word`` ends a dictionary word that begins in the text before it (ตลอดปี|งบประมาณ:
    ปีงบประมาณ), so the phrase it would open began earlier."""
    run = _LEFT_THAI_RUN.search(left)
    tail = run.group()[-_LONGEST_WORD:] if run else ""
    dictionary = _dictionary()
    return any(tail[start:] + word in dictionary for start in range(len(tail)))


# Word classes (ORCHID tags) whose words an author lists with spaces (ข้าว อ้อย มันสำปะหลัง).
_ITEM_TAGS = frozenset({"NCMN"})


def _item_run(segments: Sequence[str], gap: int) -> str | None:
    """The gap (between ``segments[gap]`` and the next) lies inside a run of space-separated
    items: two single-word segments in a row touch it, and they and the words on either side of
    them are nouns (… ข้อมูลข่าวสาร ความเคลื่อนไหว กิจกรรม โครงการ…, ได้แก่ ข้าว อ้อย มันสำปะหลัง).
    An author lists items that way; a wrap inside such a run took one of those spaces."""
    for first in (gap + 1, gap - 1, gap):  # the pair after the gap, before it, or around it
        if first < 1 or first + 2 >= len(segments):
            continue
        pair = segments[first : first + 2]
        if not all(_single_thai_word(segment) for segment in pair):
            continue
        items = (_last_word(segments[first - 1]), *pair, _first_word(segments[first + 2]))
        if not all(items) or any(word in _word_lists().function_words for word in items):
            continue
        tags = set(_item_tags(items))
        if len(tags) == 1 and tags <= _ITEM_TAGS:
            return f"inside a run of items: {' '.join(items)}"
    return None


def _last_word(segment: str) -> str:
    run = _LEFT_THAI_RUN.search(segment)
    return _words(run.group()[-_RUN_CONTEXT:])[-1] if run else ""


def _first_word(segment: str) -> str:
    run = _RIGHT_THAI_RUN.match(segment)
    return _words(run.group()[:_RUN_CONTEXT])[0] if run else ""


@lru_cache(maxsize=1 << 14)
def _item_tags(words: tuple[str, ...]) -> tuple[str, ...]:
    """ORCHID part-of-speech tags of words written one space apart (pythainlp's bundled
    perceptron tagger)."""
    from pythainlp.tag import pos_tag

    spaced = [token for word in words for token in (word, " ")][:-1]
    return tuple(tag for word, tag in pos_tag(spaced, engine="perceptron", corpus="orchid")[::2])


def _listed_terms(left_words: Sequence[str], right_words: Sequence[str]) -> str | None:
    """The text before the space ends in a term of a group a report lists and the text after it
    opens another of the same group (ได้รับความสะดวก | รวดเร็ว, พนักงานเทศบาล | ลูกจ้างประจำ), each
    on its words' boundaries."""
    words = _word_lists()
    last = left_words[-1]
    nominaliser = next((n for n in words.nominalisers if last.startswith(n)), "")
    unprefixed = [*left_words[:-1], last[len(nominaliser) :]]  # newmm reads ความสะดวก as one word
    for group in words.listed_terms:
        before = _closing_phrase(left_words, group) or _closing_phrase(unprefixed, group)
        after = _opening_phrase(right_words, group)
        if before and after:
            return f"{before} {after}"
    return None


def _closing_phrase(run_words: Sequence[str], phrases: Iterable[str]) -> str | None:
    """The phrase of ``phrases`` a run ends with, starting on one of its word boundaries."""
    ends = {"".join(run_words[-(n + 1) :]) for n in range(min(len(run_words), 4))}
    return next((phrase for phrase in phrases if phrase in ends), None)


def _opening_phrase(run_words: Sequence[str], phrases: Iterable[str]) -> str | None:
    """The phrase of ``phrases`` a run starts with, ending on one of its word boundaries."""
    starts = {"".join(run_words[: n + 1]) for n in range(min(len(run_words), 4))}
    return next((phrase for phrase in phrases if phrase in starts), None)


# --- the layout of one column --------------------------------------------------------------------

# Where a space falls under the plausible layouts; "spread": inside a line that justification
# spread so far that every word gap became a space (see ``_spread_gaps``).
LineStatus = Literal["mid", "end", "unsure", "spread"]

# Weights of a line width's score: a strong wrap sign at a line end +1, mid-line -1; a segment
# wider than the line (the dump lost its wraps) -1; a line end the renderer would not have made
# (the next word still fitted) -0.5.
_MISSED_SIGN, _TOO_WIDE, _NEEDLESS_END = 1.0, 1.0, 0.5
_MIN_EVIDENCE = 1.5  # a width is trusted once it explains more than one net wrap sign
_PLAUSIBLE_MARGIN = 0.5  # widths scoring within this of the best stay plausible
# Relative error of the width table against the unknown source font. A uniform scale error
# cancels out (W is estimated in the same table): only the mix of glyphs differs, about 1%.
_FONT_TOLERANCE = 0.01
_GRID_STEP = 1.01  # relative step between candidate widths
# A segment of combining marks alone ("ั ั" of a damaged cell) has no width; the grid of candidate
# widths grows by a factor from the narrowest segment, so it starts from at least this (em).
_NARROWEST_SEGMENT = 0.1
_LONGEST_WORD = 24  # characters; longer dictionary entries are rare compounds
# Justified Thai text widens the word gaps of a line that wrapped early; a converter turns gaps
# wider than its threshold into spaces. A line stretched by at least this much per gap (em), with
# a space at every word gap and at least this many gaps, shows that signature.
_SPREAD_STRETCH, _SPREAD_MIN_GAPS = 0.5, 2


@dataclass(frozen=True, slots=True)
class _Segment:
    """Text between two spaces: never broken by the renderer."""

    start: int
    end: int
    width: float  # em
    first_word: float  # em, what the renderer could not have broken off it
    marker: bool  # a list marker: it starts a new line


@dataclass(frozen=True)
class _Paragraph:
    text: str
    segments: tuple[_Segment, ...]

    @classmethod
    @lru_cache(maxsize=1 << 14)  # a document repeats its paragraphs, the second look re-reads them
    def of(cls, text: str) -> _Paragraph:
        segments = tuple(
            _Segment(
                start=match.start(),
                end=match.end(),
                width=text_width(match.group()),
                first_word=text_width(_first_breakable(match.group())),
                marker=bool(_LIST_MARKER.match(match.group())),
            )
            for match in _SEGMENT.finditer(text)
        )
        return cls(text, segments)

    def gaps(self) -> Iterable[tuple[int, int]]:
        for before, after in pairwise(self.segments):
            yield before.end, after.start

    def lay_out(self, width: float) -> tuple[list[bool], int, int]:
        """Greedy layout in ``width``: per gap, whether it is a line end; the number of segments
        wider than the line; the number of line ends the renderer would not have made."""
        ends: list[bool] = []
        if not self.segments:
            return ends, 0, 0
        space = _space_width()
        first = self.segments[0].width
        line, too_wide, needless = _wrapped_tail(first, width), int(first > width), 0
        for segment in self.segments[1:]:
            if segment.marker:
                ends.append(True)
                line = segment.width
            elif line + space + segment.width <= width:
                ends.append(False)
                line += space + segment.width
            else:
                ends.append(True)
                if (
                    segment.first_word < segment.width
                    and line + space + segment.first_word <= width
                ):
                    needless += 1
                too_wide += segment.width > width
                line = _wrapped_tail(segment.width, width)
        return ends, too_wide, needless

    def score(self, signs: Sequence[bool], width: float) -> float:
        """How well ``width`` explains this paragraph: its strong wrap signs at line ends."""
        ends, too_wide, needless = self.lay_out(width)
        explained = sum(
            1.0 if end else -_MISSED_SIGN for end, sign in zip(ends, signs, strict=True) if sign
        )
        return explained - _TOO_WIDE * too_wide - _NEEDLESS_END * needless


@lru_cache(maxsize=1 << 16)
def _first_breakable(segment: str) -> str:
    """The start of a segment the renderer could not have broken: a dotted abbreviation (พ.ศ.,
    อบต.), its first Thai word (the longest dictionary word it starts with, when longer than
    newmm's first word, since the renderer's own dictionary may not split that compound), or a
    Latin word up to its first hyphen (a hyphen before a digit is no break: "2566-2570"); a
    no-break space carries it on to the next such unit ("ประมาณ ๑๕,๐๐๐")."""
    unit = _breakable_unit(segment)
    glued = segment[len(unit) :]
    if glued.startswith(NO_BREAK_SPACE):  # no break there: the unit goes on after it
        return unit + NO_BREAK_SPACE + _first_breakable(glued[1:]) if glued[1:] else unit
    return unit


def _breakable_unit(segment: str) -> str:
    abbreviation = _ABBREVIATION.match(segment)
    if abbreviation:
        return abbreviation.group()
    run = _RIGHT_THAI_RUN.match(segment)
    if run:
        text, dictionary = run.group(), _dictionary()
        lengths = range(min(len(text), _LONGEST_WORD), 0, -1)
        longest = next((text[:n] for n in lengths if text[:n] in dictionary), "")
        first = _words(text[:_RUN_CONTEXT])[0]
        return longest if len(longest) > len(first) else first
    text = segment.split(NO_BREAK_SPACE, 1)[0]
    hyphen = text.find("-", 1)
    if hyphen > 0 and not _NUMBER_START.match(text, hyphen + 1):
        return text[: hyphen + 1]
    return text


def _wrapped_tail(segment_width: float, width: float) -> float:
    """Width left on its last line by a segment wider than the line."""
    if segment_width <= width:
        return segment_width
    return segment_width - width * math.floor(segment_width / width)


def _width_grid(low: float, high: float) -> list[float]:
    grid = [low]
    while grid[-1] < high:
        grid.append(grid[-1] * _GRID_STEP)
    return grid


@dataclass(frozen=True)
class ColumnLayout:
    """The paragraphs of one column of one table page, and the line widths (em) that plausibly
    laid them out, best first: those that put the strong wrap signs at line ends. Without enough
    signs the width is only known to be at least the widest segment, so every width from there up
    stays plausible (``measured`` is False)."""

    paragraphs: tuple[_Paragraph, ...]
    signs: tuple[tuple[bool, ...], ...]  # per paragraph, per gap: a strong wrap sign
    widths: tuple[float, ...]
    measured: bool

    @classmethod
    def of(cls, texts: Sequence[str], hints: Sequence[Sequence[str]] = ()) -> ColumnLayout:
        """The layout of ``texts``; ``hints``: paragraphs of the same column elsewhere (other pages
        of the table, nearest first), which probably share its width. The first hint whose wraps
        locate a width that this column's own evidence allows narrows (or supplies) the widths."""
        own = cls._of(tuple(texts))
        if not own.paragraphs or all(len(p.segments) < 2 for p in own.paragraphs):
            return own
        for hint in hints:
            other = cls._of(tuple(hint))
            if other.measured:
                agreed = own._allowed(other.widths)
                if agreed:
                    return replace(own, widths=agreed, measured=True)
        return own

    def _allowed(self, widths: Sequence[float]) -> tuple[float, ...]:
        """Those of ``widths`` this column's own evidence allows: within its plausible range when
        it was measured, else wide enough for its widest segment and contradicting none of its
        strong wrap signs more than it explains. Best first, as given."""
        if not self.widths:
            return ()
        low, high = min(self.widths), max(self.widths)
        low, high = low * (1 - _FONT_TOLERANCE), high * (1 + _FONT_TOLERANCE)
        if self.measured:
            return tuple(w for w in widths if low <= w <= high)
        return tuple(
            w
            for w in widths
            if w >= low
            and sum(p.score(s, w) for p, s in zip(self.paragraphs, self.signs, strict=True)) >= 0
        )

    @classmethod
    @lru_cache(maxsize=256)  # the pages of a column are each other's hints
    def _of(cls, texts: tuple[str, ...]) -> ColumnLayout:
        paragraphs = tuple(_Paragraph.of(text) for text in texts)
        signs = tuple(tuple(_strong_sign(p.text, s, e) for s, e in p.gaps()) for p in paragraphs)
        segment_widths = sorted(
            max(s.width, _NARROWEST_SEGMENT) for p in paragraphs for s in p.segments
        )
        if all(len(p.segments) < 2 for p in paragraphs):
            return cls(paragraphs, signs, (), measured=False)
        high = max(text_width(p.text) for p in paragraphs) * (1 + 2 * _FONT_TOLERANCE)
        unmeasured = cls(paragraphs, signs, tuple(_width_grid(segment_widths[-1], high)), False)
        if not any(any(s) for s in signs):
            return unmeasured

        def total(width: float) -> float:
            return sum(p.score(s, width) for p, s in zip(paragraphs, signs, strict=True))

        # Candidate widths low·step^k, from where half the segments fit on a line: every 4th k
        # first, then each k near the promising ones.
        low = segment_widths[len(segment_widths) // 2]
        count = math.ceil(math.log(high / low, _GRID_STEP)) + 1
        coarse = {k: total(low * _GRID_STEP**k) for k in range(0, count + 4, 4)}
        promising = max(coarse.values()) - _PLAUSIBLE_MARGIN - 1
        near = {k + d for k, score in coarse.items() if score >= promising for d in range(-3, 4)}
        scores = {
            low * _GRID_STEP**k: coarse[k] if k in coarse else total(low * _GRID_STEP**k)
            for k in near
            if k >= 0
        }
        best = max(scores.values())
        if best < _MIN_EVIDENCE:
            return unmeasured
        plausible = [w for w in scores if scores[w] >= best - _PLAUSIBLE_MARGIN]
        return cls(paragraphs, signs, tuple(sorted(plausible, key=lambda w: -scores[w])), True)

    @property
    def width(self) -> float | None:
        """The best line width in em, or None when no wrap sign located it."""
        return self.widths[0] if self.measured else None

    def line_statuses(self, index: int) -> list[LineStatus]:
        """Each gap of paragraph ``index``: a line end or mid-line under every plausible width
        (widened by the font tolerance; narrowed to those that best explain the paragraph's own
        signs), else unsure; "spread" for a mid-line space of a line that justification spread
        (``_spread_gaps``). Without a located width, only the narrowest width is laid out."""
        paragraph, signs = self.paragraphs[index], self.signs[index]
        gaps = max(len(paragraph.segments) - 1, 0)
        if not self.widths:
            return ["unsure"] * gaps
        low, high = min(self.widths), max(self.widths)
        if not self.measured:
            # Only a lower bound is known and at the top of the range every gap is mid-line: a
            # gap mid-line even in the narrowest width stays mid-line, any other is unsure.
            ends = paragraph.lay_out(low * (1 - _FONT_TOLERANCE))[0]
            return [
                "end" if paragraph.segments[gap + 1].marker else "unsure" if end else "mid"
                for gap, end in enumerate(ends)
            ]
        trials = sorted({low * (1 - _FONT_TOLERANCE), high * (1 + _FONT_TOLERANCE), *self.widths})
        scores = [paragraph.score(signs, w) for w in trials]
        trials = [
            w for w, s in zip(trials, scores, strict=True) if s >= max(scores) - _PLAUSIBLE_MARGIN
        ]
        layouts = [paragraph.lay_out(w)[0] for w in trials]
        statuses: list[LineStatus] = []
        for gap in range(gaps):
            votes = {ends[gap] for ends in layouts}
            statuses.append("unsure" if len(votes) > 1 else ("end" if votes.pop() else "mid"))
        for gap in _spread_gaps(paragraph, paragraph.lay_out(self.widths[0])[0], self.widths[0]):
            if statuses[gap] == "mid":
                statuses[gap] = "spread"
        return statuses


def _spread_gaps(paragraph: _Paragraph, ends: Sequence[bool], width: float) -> Iterable[int]:
    """The gaps of the paragraph's non-final lines that justification spread: the line (laid out
    in ``width``) has a space at every word gap, at least ``_SPREAD_MIN_GAPS`` of them, and
    needed at least ``_SPREAD_STRETCH`` em per gap to fill the width. Its spaces may be the
    converter's, not the author's."""
    first = 0
    for gap, end in enumerate(ends):
        if not end:
            continue
        segments = paragraph.segments[first : gap + 1]
        gaps = len(segments) - 1
        natural = sum(segment.width for segment in segments)
        words = [paragraph.text[s.start : s.end] for s in segments]
        following = paragraph.segments[gap + 1]
        if (
            gaps >= _SPREAD_MIN_GAPS
            and (width - natural) / gaps >= _SPREAD_STRETCH
            and all(_single_thai_word(word) for word in words[bool(segments[0].marker) :])
            and not any(
                _opens_list_item(word)
                for word in [*words[1:], paragraph.text[following.start : following.end]]
            )
        ):
            yield from range(first, gap)
        first = gap + 1


def _single_thai_word(segment: str) -> bool:
    """A segment that is one newmm word of Thai letters (numbers and Latin words are written
    between spaces, so they explain a space themselves)."""
    return bool(_THAI_RUN.fullmatch(segment)) and len(_words(segment)) == 1


def _opens_list_item(segment: str) -> bool:
    """The segment opens the last item of a list (… รวดเร็ว ถูกต้อง และ…): the single words
    before it are the list's items, spaced by their author."""
    run = _RIGHT_THAI_RUN.match(segment)
    conjunctions = _word_lists().list_conjunctions
    return (
        bool(run) and _opening_phrase(_words(run.group()[:_RUN_CONTEXT]), conjunctions) is not None
    )


def estimate_line_width(paragraphs: Sequence[str]) -> float | None:
    """The line width (em) that best explains the wraps of one column's paragraphs, or None when
    their text shows too few wrap signs to locate it."""
    return ColumnLayout.of(paragraphs).width


def _strong_sign(text: str, start: int, end: int) -> bool:
    if not _SPACES.fullmatch(text[start:end]):
        return False
    return _strong_sign_between(
        text[max(start - _JUNCTION_CONTEXT, 0) : start], text[end:][:_JUNCTION_CONTEXT]
    )


@lru_cache(maxsize=1 << 16)
def _strong_sign_between(left: str, right: str) -> bool:
    # only certain rules make strong signs: a hint need not be weighed here
    return _decide_by_rules(left, right, True, None, False)[0].strong


# --- wraps turned into spaces (text dumps, HTML) -------------------------------------------------


@dataclass(frozen=True)
class GapDecision:
    """One run of spaces in a paragraph, where the layout puts it, and what was done with it."""

    start: int
    end: int
    line: LineStatus
    decision: JunctionDecision


def explain_wrap_spaces(
    paragraphs: Sequence[str],
    stats: WrapStats | None = None,
    *,
    width_hints: Sequence[Sequence[str]] = (),
) -> list[list[GapDecision]]:
    """Every Thai–Thai space and Latin hyphen wrap of one column's paragraphs, decided with its
    reason; left to right, each seeing the text before it as already repaired.

    The repaired column is looked at again until nothing more goes, so that repairing repaired
    text changes nothing (on real columns the second look finds nothing; it settles odd inputs)."""
    explained = _explain_once(paragraphs, stats, width_hints)
    while True:
        repaired = [_without_removed(t, d) for t, d in zip(paragraphs, explained, strict=True)]
        again = _explain_once(repaired, stats, width_hints)
        if not any(not gap.decision.keep for decisions in again for gap in decisions):
            return explained
        for text, decisions, later in zip(paragraphs, explained, again, strict=True):
            _merge_second_look(text, decisions, later)


def _merge_second_look(text: str, decisions: list[GapDecision], later: list[GapDecision]) -> None:
    """Removals found in the repaired text, entered at their places in the original ``text``."""
    kept = [True] * len(text)  # which characters of ``text`` the repaired text still has
    for gap in decisions:
        if not gap.decision.keep:
            kept[gap.start : gap.end] = [False] * (gap.end - gap.start)
    original = [index for index, still in enumerate(kept) if still]
    by_start = {gap.start: number for number, gap in enumerate(decisions)}
    for gap in later:
        if gap.decision.keep:
            continue
        start = original[gap.start]
        decision = GapDecision(
            start,
            start + gap.end - gap.start,
            gap.line,
            _remove(f"on a second look: {gap.decision.reason}"),
        )
        if start in by_start:
            decisions[by_start[start]] = decision
        else:
            decisions.append(decision)
    decisions.sort(key=lambda gap: gap.start)


def _explain_once(
    paragraphs: Sequence[str], stats: WrapStats | None, hints: Sequence[Sequence[str]]
) -> list[list[GapDecision]]:
    layout = ColumnLayout.of(paragraphs, hints)
    if not layout.measured:
        stats = None  # a column whose wraps are not located keeps the pairs it writes spaced
    explained = []
    for index, (text, paragraph) in enumerate(zip(paragraphs, layout.paragraphs, strict=True)):
        decisions = []
        repaired, position = [], 0
        statuses = layout.line_statuses(index)
        segments = [text[segment.start : segment.end] for segment in paragraph.segments]
        for number, ((start, end), line) in enumerate(zip(paragraph.gaps(), statuses, strict=True)):
            if not _SPACES.fullmatch(text[start:end]):
                continue
            repaired.append(text[position:start])
            position = start
            decision = _decide_gap("".join(repaired), text[end:], line, stats)
            if decision is not None and not (decision.keep or decision.strong):
                items = _item_run(segments, number)
                decision = _keep(items) if items else decision
            if decision is not None:
                decisions.append(GapDecision(start, end, line, decision))
                if not decision.keep:
                    position = end
        explained.append(decisions)
    return explained


def _hyphen_cut(left: str, right: str) -> str | None:
    """Why the space between ``left`` and ``right`` cuts a hyphenated word or range, if it does."""
    for end, start, reason in _HYPHEN_CUTS:
        if end.search(left) and start.match(right):
            return reason
    return None


def _decide_gap(
    left: str, right: str, line: LineStatus, stats: WrapStats | None
) -> JunctionDecision | None:
    cut = _hyphen_cut(left, right) if line != "mid" else None
    if cut:
        return _remove(cut)
    if not (left and right and _is_thai(left[-1]) and _is_thai(right[0])):
        return None  # not a space this module decides
    line_end = {"mid": False, "end": True, "unsure": None, "spread": True}[line]
    return decide_junction(left, right, line_end=line_end, stats=stats, spacing_habits=True)


def repair_wrap_spaces(
    paragraphs: Sequence[str],
    stats: WrapStats | None = None,
    *,
    width_hints: Sequence[Sequence[str]] = (),
) -> list[str]:
    """Paragraphs whose line wraps were turned into spaces (text dumps, HTML): all the paragraphs
    laid out in ONE column of ONE table page (so they share a line width, which you may estimate
    from them), returned with every Thai–Thai space decided keep/remove (and Latin hyphen wraps
    joined). Never changes anything else.

    ``width_hints``: the paragraphs of the same column on other pages of the table, nearest page
    first, probably set in the same width; used only where this column's own evidence allows."""
    explained = explain_wrap_spaces(paragraphs, stats, width_hints=width_hints)
    return [
        _without_removed(text, decisions)
        for text, decisions in zip(paragraphs, explained, strict=True)
    ]


def _without_removed(text: str, decisions: Iterable[GapDecision]) -> str:
    pieces, position = [], 0
    for gap in decisions:
        if not gap.decision.keep:
            pieces.append(text[position : gap.start])
            position = gap.end
    pieces.append(text[position:])
    return "".join(pieces)


# --- wraps kept as line breaks (PDF) -------------------------------------------------------------

_MEASURED_TOLERANCE = 0.01  # relative error of a measured PDF line against the width table
_SPREAD_TOLERANCE = 0.03  # a line this much wider than its text was spread by justification
_MIN_CALIBRATION_EM = 3.0  # lines shorter than this measure the font too roughly


LIST_MARKER_BREAK = "list marker"  # the reason of a break before a line opening a list item
STEP_LABEL_BREAK = "a step label opens the line"


@dataclass(frozen=True)
class LineJunction:
    """How two consecutive visual lines of a cell are joined, and why."""

    kind: Literal["break", "space", "join"]  # paragraph break / join with a space / without
    reason: str
    evidence: tuple[tuple[str, float], ...] | None = None  # see ``JunctionDecision``

    @property
    def joiner(self) -> str:
        """What goes between the two lines where they are joined: a space, or nothing."""
        return " " if self.kind == "space" else ""


def explain_line_junctions(
    lines: Sequence[str],
    *,
    line_widths: Sequence[float] | None = None,
    width: float | None = None,
    font_size: float | None = None,
    stats: WrapStats | None = None,
    line_indents: Sequence[float] | None = None,
) -> list[LineJunction]:
    """One decision per pair of consecutive lines (see ``join_wrapped_lines``).

    A line opening with a list marker, or with a step's label and number ("ขั้นตอนที่ ๒"), starts
    a paragraph. Otherwise the room left at the end of a line tells the three apart: the next
    line's first word would have fitted after a space (a forced break), would have fitted only
    without one (so the wrap took the author's space), or did not fit (a wrap: the language
    decides). A line that still ends in a space (LibreOffice PDFs keep the space a wrap took)
    shows the author's space; in a document whose lines do that (``stats.keeps_line_end_spaces``),
    a wrap without one cut a Thai run. Pass the lines unstripped. ``line_indents``: where each
    line starts right of the cell's left edge, in points, for a block set flush left with an
    indent (a list item's hanging indent): such a line had that much less room."""
    texts = [line.strip() for line in lines]
    spaced_ends = [line != line.rstrip(" ") for line in lines]  # the PDF kept the space there
    run_cuts = stats is not None and stats.keeps_line_end_spaces
    scale = _layout_scale(texts, line_widths, font_size)
    if line_widths is not None:
        full = width if width is not None else max(line_widths, default=0.0)
        measured = _natural_widths(texts, line_widths, scale, full * (1 - _MEASURED_TOLERANCE))
    else:
        measured = [text_width(t) * scale for t in texts]
    if width is not None and (line_widths is not None or font_size):
        column = width
    else:
        column = max(measured, default=0.0)  # the widest line comes closest to the cell's width
    indents = line_indents if line_indents is not None else [0.0] * len(texts)
    limits = [(column - indent) * (1 - _MEASURED_TOLERANCE) for indent in indents]
    junctions = []
    paragraph = texts[0] if texts else ""
    for number, (previous_width, line, spaced_end) in enumerate(
        zip(measured, texts[1:], spaced_ends, strict=False), start=1
    ):
        if not paragraph or not line:
            junction = LineJunction("break", "empty line")
        elif _starts_with_list_marker(line):
            junction = LineJunction("break", LIST_MARKER_BREAK)
        elif _opens_labelled_step(paragraph, line):
            junction = LineJunction("break", STEP_LABEL_BREAK)
        else:
            room = limits[number - 1] - previous_width
            going_on = _word_going_on(texts, measured, limits, number, scale)
            word = text_width(_first_breakable(going_on)) * scale
            space = _space_width() * scale
            room_for_space = space <= room
            if word + space <= room:
                junction = LineJunction("break", "the next word would have fitted: a forced break")
            elif run_cuts and not spaced_end and room_for_space and _written_apart(paragraph, line):
                # a wrap would have kept the space Thai writes here: the line ended a paragraph
                junction = LineJunction(
                    "break", "no space kept where one is written: a paragraph end"
                )
            elif run_cuts and not spaced_end and _is_thai(paragraph[-1]) and _is_thai(line[0]):
                junction = _run_cut(paragraph, line, room_for_space=room_for_space)
            else:
                junction = _wrap_junction(
                    paragraph, _read_on(texts, number), stats, at_space=spaced_end or word <= room
                )
        junctions.append(junction)
        if junction.kind == "break":
            paragraph = line
        else:
            paragraph += junction.joiner + line
    return junctions


def _written_apart(left: str, right: str) -> bool:
    """Thai writing spaces these two sides: a number and a Thai word ("… ร้อยละ ๑๐๐" |
    "ตรวจสอบ…", "… 58 คน" is no number at the end), or ๆ or ฯ before a word."""
    last, first = left[-1], right[0]
    number = (last.isdigit() and _is_thai_letter(first)) or (
        _is_thai_letter(last) and first.isdigit()
    )
    return number or (last in (_MAI_YAMOK, _PAIYANNOI) and _is_thai_letter(first))


def _word_going_on(
    lines: Sequence[str],
    widths: Sequence[float],
    limits: Sequence[float],
    start: int,
    scale: float,
) -> str:
    """The first segment of line ``start``, taken on into the next line when the line is that one
    segment and is too full for the next line's first letter: a renderer broke a word too wide
    for a whole line there (งบประมา|ณ), so the word it could not break is the joined one.

    A number opening the line goes with the word after it: a word processor keeps a count with
    its unit ("๒ ฉบับ", measured in LibreOffice: "๒" alone would have fitted on the line)."""
    line = lines[start]
    first = line.split(" ", 1)[0]
    counted = _COUNT_AND_UNIT.match(line)
    if counted:
        return counted.group()
    following = lines[start + 1] if start + 1 < len(lines) else ""
    if first != line or not following or not (_is_thai(line[-1]) and _is_thai(following[0])):
        return first
    if widths[start] + text_width(following[0]) * scale <= limits[start]:
        return first
    return first + following.split(" ", 1)[0]


def _read_on(lines: Sequence[str], start: int) -> str:
    """The text from line ``start`` on, its lines joined as most wraps are (no space), as far as
    the language rules look: they read past a short line ("… จริยธรรม และ" / "พนักงาน…"). A line
    that opens with what Thai sets off by a space (a dotted abbreviation, a number, a Latin word)
    is read after one, so it is not glued into a false word ("มาณ" + "พ.ศ." is no "มาณพ.")."""
    text = ""
    for line in lines[start:]:
        set_off = text and line and (not _is_thai(line[0]) or _ABBREVIATION.match(line))
        text += (" " if set_off else "") + line
        if len(text) >= _JUNCTION_CONTEXT:
            break
    return text


def _layout_scale(
    lines: Sequence[str], line_widths: Sequence[float] | None, font_size: float | None
) -> float:
    """Layout units per em of the width table: measured on the lines themselves when their widths
    are known (the real font may run wider or narrower than the table), else the font size, else
    1 (everything in table em)."""
    if line_widths is not None:
        measurable = [
            (measured, text)
            for measured, text in zip(line_widths, lines, strict=True)
            if text_width(text) >= _MIN_CALIBRATION_EM
        ]
        # a line without a space cannot be stretched by justification: its width is natural
        unstretched = [(measured, text) for measured, text in measurable if " " not in text]
        ratios = sorted(measured / text_width(text) for measured, text in unstretched or measurable)
        if ratios:
            return ratios[len(ratios) // 2]
    return font_size or 1.0


def _natural_widths(
    lines: Sequence[str], line_widths: Sequence[float], scale: float, full: float
) -> list[float]:
    """The measured widths, but a line that justification spread (as wide as the column,
    ``full`` or more, and wider than its text by more than the width table's error) gets the
    width its text has unspread: the layout tests ask what fitted before the renderer spread the
    line. A line short of the column was not spread, however its font measures against the
    table. A list item's first line is left as measured: the gap after its marker is a tab
    stop, not a spread space."""
    return [
        natural
        if _spreadable(text) and measured >= full and measured > natural * (1 + _SPREAD_TOLERANCE)
        else measured
        for text, measured in zip(lines, line_widths, strict=True)
        for natural in (text_width(text) * scale,)
    ]


def _spreadable(line: str) -> bool:
    return " " in line and not _starts_with_list_marker(line)


def _starts_with_list_marker(line: str) -> bool:
    """The line's first token is a list marker, set off by any space (Word's list tab: NBSPs)."""
    return bool(line.strip()) and bool(_LIST_MARKER.match(line.split(maxsplit=1)[0]))


@cache
def _step_label() -> re.Pattern[str]:
    labels = "|".join(map(re.escape, _word_lists().step_labels))
    return re.compile(f"^(?:{labels}) ?{_NUMBER}")


def _opens_labelled_step(paragraph: str, line: str) -> bool:
    """``line`` opens with a step's label and number ("ขั้นตอนที่ ๒ …") and the paragraph before
    it does not end in a word awaiting its complement ("… ตาม" | "ขั้นตอนที่ ๓"): a new paragraph,
    whatever room the line before left (writers label steps in paragraphs of their own)."""
    if not _step_label().match(line):
        return False
    last = _last_word(paragraph)  # "" when no Thai word ends the paragraph
    return not (last in _word_lists().needs_complement or _glued_function_word(last))


def _wrap_junction(
    left: str, right: str, stats: WrapStats | None, *, at_space: bool = False
) -> LineJunction:
    """Two pieces of one paragraph joined across a wrap (a line end or a page cut); ``at_space``
    when the layout shows the wrap took the author's space."""
    cut = _hyphen_cut(left, right)
    if cut:
        return LineJunction("join", cut)
    if _is_thai(left[-1]) and _is_thai(right[0]):
        decision = decide_junction(left, right, line_end=not at_space, stats=stats)
        return LineJunction(
            "space" if decision.keep else "join", decision.reason, decision.evidence
        )
    return LineJunction("space", "not between two Thai characters")


def _run_cut(left: str, right: str, *, room_for_space: bool) -> LineJunction:
    """A wrap where the PDF kept no space, in a document whose lines keep the space a wrap takes:
    the wrap cut a Thai run, unless Thai writing puts a space there anyway (ๆ, around a number
    phrase…). Only a line with room left for the space proves it was not there: a writer drops a
    space that would overflow a full line ("… 214 ครั้ง" | "ถูกต้อง…" at 61.05 of 61.9 pt), so
    there a number phrase still keeps it ("… 12 โครงการ" | "ก่อสร้าง" had room: joined)."""
    written = _written_space(left, right)
    if written:
        return LineJunction("space", written.reason)
    if room_for_space:
        return LineJunction("join", "no space kept at a line end with room for one")
    right_run = _RIGHT_THAI_RUN.match(right)
    right_words = _words(right_run.group()[:_RUN_CONTEXT]) if right_run else ()
    phrase = right_words and (
        _unit_after_number(left, right_words) or _phrase_boundary(left, right, right_words)
    )
    if phrase:
        return LineJunction("space", phrase)
    return LineJunction("join", "no space kept at the line end: the wrap cut a Thai run")


def join_wrapped_lines(
    lines: Sequence[str],
    *,
    line_widths: Sequence[float] | None = None,
    width: float | None = None,
    font_size: float | None = None,
    stats: WrapStats | None = None,
    line_indents: Sequence[float] | None = None,
) -> list[str]:
    """Visual lines of one cell as a PDF laid them out (line_widths and the cell's inner width in
    points, font size in points, when known) → paragraphs: each line junction decided as paragraph
    break / join without space / join with space. A break where the next line's first word would
    have fitted on the line is a forced break (a paragraph end); a break at the far right of a full
    line is a wrap. ``line_indents``: see ``explain_line_junctions``."""
    texts = [line.strip() for line in lines]
    junctions = explain_line_junctions(
        lines,
        line_widths=line_widths,
        width=width,
        font_size=font_size,
        stats=stats,
        line_indents=line_indents,
    )
    paragraphs = texts[:1]
    for line, junction in zip(texts[1:], junctions, strict=True):
        if junction.kind == "break":
            paragraphs.append(line)
        else:
            paragraphs[-1] += junction.joiner + line
    return [paragraph.replace(NO_BREAK_SPACE, " ") for paragraph in paragraphs if paragraph]


def join_across_wrap(left: str, right: str, stats: WrapStats | None = None) -> str:
    """Two pieces of one paragraph that a wrap set apart, joined: a paragraph cut by a page end
    ("๓. จัดให้มีช่องทางการ" + "สอบถามข้อมูลต่าง ๆ …"), a title set over two lines."""
    left, right = left.rstrip(), right.lstrip()
    if not left or not right:
        return left + right
    junction = _wrap_junction(left, right, stats)
    return left + junction.joiner + right
