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

The modules, in the order the evidence is read: ``words`` (Thai text as the rules read it),
``stats`` (how the document itself spaces its words), ``rules`` and ``features`` (one junction,
and what the wrap model weighs there), ``layout`` (a column's line width), then the two shapes
of input: ``spaces`` (wraps turned into spaces) and ``lines`` (wraps kept as line breaks).
"""

from normalize.wraps.features import junction_features, series_features, word_tag_features
from normalize.wraps.layout import ColumnLayout, LineStatus, estimate_line_width, stats_from_columns
from normalize.wraps.lines import (
    LIST_MARKER_BREAK,
    STEP_LABEL_BREAK,
    LineJunction,
    explain_line_junctions,
    join_across_wrap,
    join_wrapped_lines,
)
from normalize.wraps.rules import JunctionDecision, decide_junction
from normalize.wraps.spaces import GapDecision, explain_wrap_spaces, repair_wrap_spaces
from normalize.wraps.stats import WrapStats
from normalize.wraps.words import NO_BREAK_SPACE, text_width

__all__ = [
    "LIST_MARKER_BREAK",
    "NO_BREAK_SPACE",
    "STEP_LABEL_BREAK",
    "ColumnLayout",
    "GapDecision",
    "JunctionDecision",
    "LineJunction",
    "LineStatus",
    "WrapStats",
    "decide_junction",
    "estimate_line_width",
    "explain_line_junctions",
    "explain_wrap_spaces",
    "join_across_wrap",
    "join_wrapped_lines",
    "junction_features",
    "repair_wrap_spaces",
    "series_features",
    "stats_from_columns",
    "text_width",
    "word_tag_features",
]
