"""What the wrap model weighs at a line end where a rule only hints (``normalize.wrap_model``)."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import cache

from normalize.wraps.stats import WrapStats
from normalize.wraps.words import JUNCTION_CONTEXT, Words, first_thai_word, item_tags, word_lists


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
    tags = item_tags(before + after)
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
    words = word_lists()
    segments = left[-JUNCTION_CONTEXT:].rsplit("\n", 1)[-1].split(" ")
    segment, ahead = segments[-1], right[:JUNCTION_CONTEXT].split("\n", 1)[0]
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
    first = first_thai_word(segment)
    if first:
        features[f"segment_first={first}"] = 1.0
    return features


def _introduced_list(segments: Sequence[str]) -> bool:
    """A list introducer (ได้แก่, เช่น…) ends or sits in one of the earlier segments of the line."""
    return any(word in segment for segment in segments for word in word_lists().list_introducers)


@cache
def _series_ahead() -> re.Pattern[str]:
    """Up to four more segments, then a list conjunction after a space: the series goes on."""
    conjunctions = "|".join(map(re.escape, word_lists().list_conjunctions))
    return re.compile(f"^[^ ]+(?: [^ ]+){{0,3}}? (?:{conjunctions})")
