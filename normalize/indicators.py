"""The ITA indicator a measure works on, from transparent keyword rules kept as data.

The NACC's ITA has ten indicators: 1–5 internal (IIT), 6–8 external (EIT), 9–10 published
evidence (OIT). A measure's title and steps use the indicator's vocabulary ("ทรัพย์สินของราชการ",
"จัดซื้อจัดจ้าง", "E-Service"), so ``data/indicators.json`` lists weighted keywords per indicator.
Text is compared without spaces (wraps split words) and in lower case; keywords are matched longest
first without overlaps, so "แก้ไขและป้องกันการทุจริต" counts for indicator 5 and not also for the
"ป้องกันการทุจริต" of indicator 10. A keyword in the title counts ``title_weight`` times, one in a
step once per step. The best score wins when it reaches ``min_score`` and is not tied. A section
heading printed over the measure that names one indicator ("ตัวชี้วัดที่ ๔ การใช้ทรัพย์สินของราชการ")
decides instead: the report's author grouped the measure there.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from normalize.data_files import data_json
from normalize.numerals import thai_to_arabic_digits

_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Indicator:
    code: str  # "i2_budget"
    number: int  # 1..10
    name_th: str
    name_en: str


@dataclass(frozen=True)
class _Rules:
    keywords: re.Pattern[str]
    weights: dict[str, dict[int, int]]  # keyword → {indicator number: weight}
    title_weight: int
    min_score: int


def _key(text: str) -> str:
    return _WHITESPACE.sub("", thai_to_arabic_digits(text)).lower()


@cache
def _indicators() -> tuple[Indicator, ...]:
    return tuple(
        Indicator(i["code"], i["number"], i["name_th"], i["name_en"])
        for i in data_json("indicators.json")["indicators"]
    )


@cache
def _rules() -> _Rules:
    data = data_json("indicators.json")
    weights: dict[str, dict[int, int]] = {}
    for indicator in data["indicators"]:
        for keyword, weight in indicator["keywords"].items():
            weights.setdefault(_key(keyword), {})[indicator["number"]] = weight
    alternation = "|".join(re.escape(k) for k in sorted(weights, key=len, reverse=True))
    return _Rules(re.compile(alternation), weights, data["title_weight"], data["min_score"])


INDICATORS: list[Indicator] = list(_indicators())


def indicator_scores(title: str, methods: Sequence[str] = ()) -> dict[int, int]:
    """Keyword score per indicator number (only indicators with a keyword present)."""
    rules = _rules()
    scores: dict[int, int] = {}
    # every keyword of the title counts; a step counts each of its keywords once
    weighted = [(keyword, rules.title_weight) for keyword in _keywords(title)]
    weighted += [(keyword, 1) for method in methods for keyword in set(_keywords(method))]
    for keyword, factor in weighted:
        for number, weight in rules.weights[keyword].items():
            scores[number] = scores.get(number, 0) + weight * factor
    return scores


def _keywords(text: str) -> list[str]:
    return [match.group(0) for match in _rules().keywords.finditer(_key(text))]


def named_indicator(heading: str) -> Indicator | None:
    """The one ITA indicator whose name a heading prints ("ตัวชี้วัดที่ ๒ การใช้งบประมาณ"), else None.

    >>> named_indicator("ตัวชี้วัดที่ 4 การใช้ทรัพย์สิน ของราชการ").number
    4
    """
    key = _key(heading)
    named = [indicator for indicator in _indicators() if _key(indicator.name_th) in key]
    return named[0] if len(named) == 1 else None


def classify_indicator(
    title: str, methods: Sequence[str] = (), section: str | None = None
) -> Indicator | None:
    """The ITA indicator a measure works on, or None when the keywords do not single one out.
    A section heading that names an indicator decides (the author's own grouping); else the
    keywords of the title and steps.

    >>> classify_indicator("การป้องกันการนำทรัพย์สินราชการไปใช้เพื่อประโยชน์ส่วนตัว").number
    4
    """
    named = named_indicator(section) if section else None
    if named:
        return named
    scores = indicator_scores(title, methods)
    if not scores:
        return None
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    best_number, best_score = ranked[0]
    if best_score < _rules().min_score or (len(ranked) > 1 and ranked[1][1] == best_score):
        return None
    return next(i for i in _indicators() if i.number == best_number)
