"""The language rules that decide one junction: keep or remove the space between two texts."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from normalize.agencies import place_after_area_word
from normalize.units import opens_after_unit
from normalize.wrap_model import active_model
from normalize.wraps.features import junction_features
from normalize.wraps.stats import WrapStats
from normalize.wraps.words import (
    ABBREVIATION,
    FOLLOWING,
    JUNCTION_CONTEXT,
    LEADING,
    LEFT_THAI_RUN,
    LONGEST_WORD,
    MAI_HAN_AKAT,
    MAI_YAMOK,
    NUMBER,
    PAIYANNOI,
    RIGHT_THAI_RUN,
    RUN_CONTEXT,
    SINGLE_LETTER,
    THAI,
    THAI_LETTERS,
    Words,
    closing_phrase,
    common_words,
    is_thai,
    is_thai_digit,
    newmm_words,
    opening_phrase,
    thai_dictionary,
    word_class_table,
    word_lists,
)

_BEFORE_NUMBER = re.compile(f"^[{THAI_LETTERS}]{{1,20}} +{NUMBER}")
_UNIT_AFTER_NUMBER = re.compile(f"{NUMBER} +([{THAI_LETTERS}]{{1,10}})$")
_SHORT_ITEM = re.compile(f"[{THAI}] [{THAI_LETTERS}]{{1,10}}$")
_LIST_ITEM = re.compile(f"^[{THAI_LETTERS}]{{1,15}} +([{THAI_LETTERS}]+)")

# "E-" + "Service", "2566-" + "2570" across a line end: the word or the range goes on.
_HYPHEN_CUTS = (
    (re.compile(r"[A-Za-z]-$"), re.compile(r"[A-Za-z]"), "Latin word cut at its hyphen"),
    (re.compile(f"{NUMBER}-$"), re.compile(NUMBER), "number range cut at its hyphen"),
    # "มาตรการ/" + "กิจกรรม": a line may break after a slash between two words
    (re.compile(f"[{THAI_LETTERS}]/$"), re.compile(f"[{THAI_LETTERS}]"), "cut after a slash"),
)


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


def keep_because(reason: str) -> JunctionDecision:
    return JunctionDecision("keep", reason)


def remove_because(reason: str, *, strong: bool = False) -> JunctionDecision:
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
    decision, words = decide_by_rules(left, right, line_end, stats, spacing_habits)
    if decision.evidence is None:
        return decision
    if not line_end:  # where the layout cannot tell, the hint stands: an author's space is kept
        return replace(decision, evidence=None)
    return _weigh(decision, left, right, words, stats, spacing_habits)


def decide_by_rules(
    left: str, right: str, line_end: bool | None, stats: WrapStats | None, spacing_habits: bool
) -> tuple[JunctionDecision, Words]:
    """What the rules say about the space (a hint not yet weighed), and the words of the Thai
    runs that touch it (none where a rule decided before reading words)."""
    no_words: Words = ((), ())
    if not (left and right and is_thai(left[-1]) and is_thai(right[0])):
        return keep_because("not between two Thai characters"), no_words
    left, right = left[-JUNCTION_CONTEXT:], right[:JUNCTION_CONTEXT]  # bounded work per space
    decided = _impossible_space(left, right) or written_space(left, right)
    if decided:
        return decided, no_words
    if line_end is False:
        return keep_because("the layout shows the author's space"), no_words
    left_run, right_run = LEFT_THAI_RUN.search(left), RIGHT_THAI_RUN.match(right)
    if not (left_run and right_run):
        return keep_because("no Thai word on one side"), no_words
    left_words = newmm_words(left_run.group()[-RUN_CONTEXT:])
    right_words = newmm_words(right_run.group()[:RUN_CONTEXT])
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
    words = word_lists()
    crossing = _crossing_word(left_words, right_words)
    if crossing and (line_end or not crossing.compound):
        return remove_because(f"dictionary word across the space: {crossing.word}", strong=True)
    place = place_after_area_word(left, right)
    if place and first not in words.clause_openers | words.function_words:  # ตำบล "และ" exists
        return remove_because(f"a place name after its area word: {place}")
    if last in words.list_introducers:
        return _hint("keep", f"after a list introducer: {last}")
    if first in words.clause_openers and line_end and last + first in thai_dictionary():
        return remove_because(f"the opener ends a dictionary word: {last}{first}")  # นับ|แต่
    if first in words.clause_openers:
        if (
            line_end
            and first in words.coordinators
            and _coordinates_nouns(right_words)
            and not _SHORT_ITEM.search(left)
        ):
            return _hint("remove", f"{first} joins two nouns")
        return _hint("keep", f"clause opener: {first}")
    unit = unit_after_number(left, right_words)
    if unit:  # before the complement rule: "๒๑๘ แห่ง" is a count, not "แห่ง" (of)
        return _hint("keep", unit)
    if last in words.needs_complement and (line_end or last not in words.modifier_complements):
        return remove_because(
            f"needs a complement: {last}", strong=last not in words.modifier_complements
        )
    glued = glued_function_word(last)
    if glued:
        return remove_because(f"needs a complement: {glued} (in {last})", strong=True)
    if line_end and _nominalised_verb(left_words):
        return remove_because(f"a verb after {left_words[-2]} awaits its object: {last}")
    phrase = phrase_boundary(left, right, right_words)
    if phrase:
        return _hint("keep", phrase)
    if stats is not None and line_end and stats.written_joined(last, first):
        return remove_because(f"written joined in this document: {last}{first}")
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
    return _hint("remove", "line end") if line_end else keep_because("no evidence")


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
    if right[0] in FOLLOWING:
        return remove_because("a vowel or mark cannot start a word", strong=True)
    if left[-1] in LEADING or left[-1] == MAI_HAN_AKAT:
        return remove_because("a leading vowel cannot end a word", strong=True)
    return None


def written_space(left: str, right: str) -> JunctionDecision | None:
    """Spaces Thai writing puts in: around ๆ, after ฯ, around numbers, before era names, around ณ,
    before dotted abbreviations and single letters."""
    words = word_lists()
    if MAI_YAMOK in (left[-1], right[0]):
        return keep_because("ไม้ยมก")
    if PAIYANNOI in (left[-1], right[0]):
        return keep_because("ไปยาลน้อย")
    if is_thai_digit(left[-1]) or is_thai_digit(right[0]):
        return keep_because("number")
    if right.startswith(words.era_abbreviations):
        return keep_because("era name")
    left_run, right_run = LEFT_THAI_RUN.search(left), RIGHT_THAI_RUN.match(right)
    letter = ABBREVIATION.match(right) or SINGLE_LETTER.match(right)
    standalone = any(run and run.group() in words.standalone_keep for run in (left_run, right_run))
    if (letter or standalone) and _broken_word(left_run, right_run):
        return None  # a renderer broke a word before its last letter: งบประมา|ณ
    if letter:
        return keep_because("abbreviation or single letter")
    if standalone:
        return keep_because("standalone word (ณ)")
    return None


def _broken_word(left_run: re.Match[str] | None, right_run: re.Match[str] | None) -> bool:
    """A dictionary word spans the space and the text before the space is no word (งบประมา|ณ)."""
    if not (left_run and right_run):
        return False
    left_words = newmm_words(left_run.group()[-RUN_CONTEXT:])
    crossing = _crossing_word(left_words, newmm_words(right_run.group()[:RUN_CONTEXT]))
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
    dictionary, function_words = thai_dictionary(), word_lists().function_words
    joined = left_text + right_text
    end = 0
    for word in newmm_words(joined):
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


def glued_function_word(word: str) -> str | None:
    """A rare newmm entry ending in a word that needs a complement (ดำเนิน|การตาม → ตาม)."""
    if word in common_words() or len(word) < 4:
        return None
    for ending in word_lists().needs_complement:
        if (
            len(ending) < len(word)
            and word.endswith(ending)
            and word[: -len(ending)] in thai_dictionary()
        ):
            return ending
    return None


def _coordinates_nouns(right_words: Sequence[str]) -> bool:
    """ "และ"/"หรือ" followed by a noun and never a verb (Thai WordNet) or by a nominaliser: it
    joins two nouns inside a phrase ("ภาษีที่ดินและสิ่งปลูกสร้าง"); before a verb it opens a clause."""
    if len(right_words) < 2:
        return False
    following = right_words[1]
    if following in word_lists().nominalisers:
        return True
    classes = word_class_table().get(following, frozenset())
    return bool(classes) and "v" not in classes


def _verb_follows(run_words: Sequence[str]) -> bool:
    """The run's second word is a verb (Thai WordNet), not a nominaliser."""
    if len(run_words) < 2 or run_words[1] in word_lists().nominalisers:
        return False
    return "v" in word_class_table().get(run_words[1], frozenset())


def _nominalised_verb(left_words: Sequence[str]) -> bool:
    """The text ends in a nominaliser and one verb (การใช้, การบริหาร): the verb's object is
    still to come."""
    if len(left_words) < 2 or left_words[-2] not in word_lists().nominalisers:
        return False
    return "v" in word_class_table().get(left_words[-1], frozenset())


def phrase_boundary(left: str, right: str, right_words: Sequence[str]) -> str | None:
    """Spaces that delimit a number phrase or a list item: Thai sets a number phrase off with
    spaces ("… จำนวน ๑๒๔ เรื่อง เพิ่มขึ้น …") and separates list items before the last "และ"."""
    words = word_lists()
    if _BEFORE_NUMBER.match(right):
        opener = opening_phrase(right_words, words.number_introducers)
        if opener and not _begun_on_the_left(left, right_words[0]):
            return f"opens a number phrase: {opener}"
    item = _LIST_ITEM.match(right)
    if item and right_words[0] not in words.modifier_complements:  # ทาง… modifies the word before
        following = newmm_words(item.group(1)[:RUN_CONTEXT])
        conjunction = opening_phrase(following, words.list_conjunctions)
        if conjunction and _coordinates_nouns(following[len(newmm_words(conjunction)) - 1 :]):
            return f"list item before {conjunction}"
    return None


def unit_after_number(left: str, right_words: Sequence[str]) -> str | None:
    """The text before the space ends a number phrase with its unit ("… ๑๒๔ เรื่อง"), and the
    text after it does not go on with the unit ("๑๘ วัน|ต่อราย")."""
    words = word_lists()
    unit = _UNIT_AFTER_NUMBER.search(left)
    if unit and unit.group(1) in words.units and right_words[0] not in words.unit_continuations:
        return f"unit after a number: {unit.group(1)}"
    return None


def _begun_on_the_left(left: str, word: str) -> bool:
    """``word`` ends a dictionary word that begins in the text before it (ตลอดปี|งบประมาณ:
    ปีงบประมาณ), so the phrase it would open began earlier."""
    run = LEFT_THAI_RUN.search(left)
    tail = run.group()[-LONGEST_WORD:] if run else ""
    dictionary = thai_dictionary()
    return any(tail[start:] + word in dictionary for start in range(len(tail)))


def _listed_terms(left_words: Sequence[str], right_words: Sequence[str]) -> str | None:
    """The text before the space ends in a term of a group a report lists and the text after it
    opens another of the same group (ได้รับความสะดวก | รวดเร็ว, พนักงานเทศบาล | ลูกจ้างประจำ), each
    on its words' boundaries."""
    words = word_lists()
    last = left_words[-1]
    nominaliser = next((n for n in words.nominalisers if last.startswith(n)), "")
    unprefixed = [*left_words[:-1], last[len(nominaliser) :]]  # newmm reads ความสะดวก as one word
    for group in words.listed_terms:
        before = closing_phrase(left_words, group) or closing_phrase(unprefixed, group)
        after = opening_phrase(right_words, group)
        if before and after:
            return f"{before} {after}"
    return None


def hyphen_cut(left: str, right: str) -> str | None:
    """Why the space between ``left`` and ``right`` cuts a hyphenated word or range, if it does."""
    for end, start, reason in _HYPHEN_CUTS:
        if end.search(left) and start.match(right):
            return reason
    return None
