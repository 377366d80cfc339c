"""Build the labelled wrap-junction sets in ``tests/data/`` (tests read them; they never re-render).

Two sources:

- **seed** (``wrap_labels_seed.json``): the real report dump ``../shared/samples/khaokrapuk-2568``.
  Its table pages are parsed (tab-separated rows, cell HTML → one paragraph per ``<p>``/``<li>``),
  grouped per (page, column), and every space between two Thai characters is labelled from the
  expected export: the paragraph, spaces removed, is located in the expected strings (spaces
  removed, joined in order); the label is *legit* where the expected text has a space or a field
  boundary (a unit or step split) there, *artifact* where it has none. A space before a list
  marker is legit. The research labels (``research/wrap-space-labels.json``) are attached; where
  they differ from the expected export, or the research marked the space ambiguous, the item is
  flagged ambiguous.
- **rendered** (``wrap_labels_rendered.json``): our own paragraphs (``tests/fixtures/
  wrap_paragraphs.json``) set by WeasyPrint in table columns of several Thai fonts, sizes and
  widths, read back with pdfplumber (cells found by ``find_tables``, characters grouped into lines
  by their top, combining marks riding on their base). Every line break is exact truth: a paragraph
  end, a wrap where the author had a space, or a wrap inside a phrase. Each cell gives a *lines*
  item set (the PDF shape: lines + widths) and each column a *spaces* set (the dump shape: each
  paragraph's lines joined by one space). Line texts are taken from the source paragraph (aligned
  on consonants, Latin letters and digits), because fixing the PDF's glyph-to-text damage is
  another stage's job. Each ``blind`` split, written by another hand, is set as a document of its
  own (the wrap model reads a document's spacing habits).

Run: PYTHAINLP_OFFLINE=1 PYTHAINLP_READ_ONLY=1 /work/venv/bin/python scripts/make_wrap_labels.py
"""

from __future__ import annotations

import html
import io
import json
import re
import sys
from dataclasses import dataclass
from itertools import product
from pathlib import Path

import pdfplumber
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DUMP = SHARED / "samples" / "khaokrapuk-2568.dump.txt"
EXPECTED = SHARED / "samples" / "khaokrapuk-2568.expected.json"
RESEARCH = SHARED / "research" / "wrap-space-labels.json"
PARAGRAPHS = ROOT / "tests" / "fixtures" / "wrap_paragraphs.json"
OUT_SEED = ROOT / "tests" / "data" / "wrap_labels_seed.json"
OUT_RENDERED = ROOT / "tests" / "data" / "wrap_labels_rendered.json"

THAI = "\u0e01-\u0e5b"
THAI_GAP = re.compile(f"(?<=[{THAI}]) +(?=[{THAI}])")
MARKER_AHEAD = re.compile(r"^(?:[0-9๐-๙]{1,3}[.)]|-)(?: |$)")
CONTEXT = 12  # characters of context kept each side of an item
MULTIPLE_SPACES = re.compile(" {2,}")


# --- seed -------------------------------------------------------------------------------------


def cell_paragraphs(cell: str) -> list[str]:
    """A dump cell → its paragraphs: each <p>/<li> one paragraph, entities unescaped."""
    if re.search(r"<(?:p|li)\b", cell):
        soup = BeautifulSoup(cell, "lxml")
        texts = [el.get_text() for el in soup.find_all(["p", "li"])]
    else:
        texts = [html.unescape(cell)]
    return [t for t in (re.sub(r"\s+", " ", t).strip() for t in texts) if t]


def seed_columns(path: Path = DUMP) -> dict[tuple[int, int], list[str]]:
    """(page, column) → paragraphs. The first tab line after a blank line is a page's header row."""
    columns: dict[tuple[int, int], list[str]] = {}
    page, after_blank = 0, True
    for line in path.read_text(encoding="utf-8").split("\n"):
        if not line.strip():
            after_blank = True
            continue
        if "\t" in line:
            if after_blank:
                page += 1
            else:
                for column, cell in enumerate(line.split("\t")):
                    columns.setdefault((page, column), []).extend(cell_paragraphs(cell))
        after_blank = False
    return {key: paras for key, paras in columns.items() if paras}


def expected_strings(path: Path = EXPECTED) -> list[str]:
    document = json.loads(path.read_text(encoding="utf-8"))["documents"][0]
    strings = []
    for measure in document["measures"]:
        strings.append(measure["title"])
        for key in ("methods", "responsible", "results", "outcomes"):
            for value in measure[key]:
                strings.extend(value.split("\n"))
        strings.append(measure["period"])
    return strings


class SpacedIndex:
    """The expected strings with spaces removed, joined in order; ``spaced[i]`` tells whether a
    space (or the start of a string: a field boundary) came before character ``i``."""

    def __init__(self, strings: list[str]) -> None:
        chars, spaced = [], []
        for text in strings:
            before = True
            for char in text:
                if char.isspace():
                    before = True
                    continue
                chars.append(char)
                spaced.append(before)
                before = False
        self.text = "".join(chars)
        self.spaced = spaced

    def label(self, left: str, right: str) -> bool | None:
        """Whether the expected text has a space between ``left`` and ``right`` (both without
        spaces), found by the longest context that occurs; None when it is not found or ambiguous."""
        best = (0, 0, 0)
        for keep_right in range(len(right), 0, -1):
            piece = right[:keep_right]
            if piece not in self.text:
                continue
            low, high = 0, len(left)  # the longest left context that still occurs with it
            while low < high:
                middle = (low + high + 1) // 2
                if left[-middle:] + piece in self.text:
                    low = middle
                else:
                    high = middle - 1
            if low and low + keep_right > best[0]:
                best = (low + keep_right, low, keep_right)
        total, keep_left, keep_right = best
        if total < 4:
            return None
        needle = left[-keep_left:] + right[:keep_right]
        labels = {
            self.spaced[m.start() + keep_left] for m in re.finditer(re.escape(needle), self.text)
        }
        return labels.pop() if len(labels) == 1 else None


def research_labels() -> dict[tuple[str, int], dict]:
    data = json.loads(RESEARCH.read_text(encoding="utf-8"))
    return {(data["paragraphs"][item["para"]], item["pos"]): item for item in data["items"]}


def seed_set() -> dict:
    columns = seed_columns()
    index = SpacedIndex(expected_strings())
    research = research_labels()
    items = []
    column_list = []
    for (page, column), paragraphs in sorted(columns.items()):
        column_id = len(column_list)
        column_list.append({"page": page, "column": column, "paragraphs": paragraphs})
        for number, text in enumerate(paragraphs):
            for gap in THAI_GAP.finditer(text):
                left, right = text[: gap.start()], text[gap.end() :]
                if MARKER_AHEAD.match(right):
                    legit, how = True, "before a list marker"
                else:
                    legit = index.label(left.replace(" ", ""), right.replace(" ", ""))
                    how = "expected export"
                if legit is None:
                    raise SystemExit(f"no expected label for {left[-20:]}|{right[:20]}")
                known = research.get((text, gap.start()))
                research_label = known["label"] if known else None
                disputed = research_label is not None and (research_label == "legit") != legit
                items.append(
                    {
                        "source": "seed",
                        "shape": "spaces",
                        "split": "dev",
                        "column": column_id,
                        "paragraph": number,
                        "pos": gap.start(),
                        "left": left[-CONTEXT:],
                        "right": right[:CONTEXT],
                        "label": "legit" if legit else "artifact",
                        "ambiguous": bool(disputed or (known and known["ambiguous"])),
                        "research_label": research_label,
                        "how": how,
                    }
                )
    return {
        "description": "Thai–Thai spaces of the seed dump's table cells, per (page, column), labelled "
        "from the expected export (see scripts/make_wrap_labels.py).",
        "columns": column_list,
        "items": items,
    }


# --- rendered fixtures -----------------------------------------------------------------------


@dataclass(frozen=True)
class Setting:
    name: str
    font: str
    size: float  # pt
    widths: tuple[float, ...]  # inner width of each column, pt
    align: str = "left"


SETTINGS = [  # a TH Sarabun-metric font (as the width table), and two with other metrics
    Setting("laksaman16", "Laksaman", 16, (105, 150, 140, 125)),
    Setting("garuda12", "Garuda", 12, (115, 175, 160, 140)),
    Setting("loma13-justify", "Loma", 13, (100, 140, 135, 120), "justify"),
]
FIELDS = ("title", "methods", "results", "outcomes")
PADDING = 3.0  # pt


def measure_cells(measure: dict) -> list[list[str]]:
    """The measure's cells as rendered: a run of spaces (one writer sets phrases apart by two)
    shows as the one space HTML collapses it to."""
    cells = [[measure["title"]], *[measure[field] for field in FIELDS[1:]]]
    return [[MULTIPLE_SPACES.sub(" ", text) for text in cell] for cell in cells]


def render(setting: Setting, measures: list[dict]) -> bytes:
    from weasyprint import HTML

    outer = [w + 2 * PADDING + 0.5 for w in setting.widths]  # content + padding + border
    cols = "".join(f'<col style="width:{w}pt">' for w in outer)
    rows = []
    for measure in measures:
        cells = "".join(
            "<td>" + "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs) + "</td>"
            for paragraphs in measure_cells(measure)
        )
        rows.append(f"<tr>{cells}</tr>")
    document = f"""<html><head><style>
@page {{ size: 800pt 20000pt; margin: 20pt; }}
body {{ font-family: '{setting.font}'; font-size: {setting.size}pt; line-height: 1.35; }}
table {{ border-collapse: collapse; table-layout: fixed; width: {sum(outer)}pt; }}
td {{ border: 0.5pt solid black; padding: {PADDING}pt; vertical-align: top;
      text-align: {setting.align}; overflow-wrap: anywhere; }}  /* an e-mail wider than its cell */
p {{ margin: 0 0 2pt 0; }}
</style></head><body><table>{cols}{"".join(rows)}</table></body></html>"""
    return HTML(string=document).write_pdf()


SKELETON = re.compile(r"[\u0e01-\u0e2e\u0e46\u0e50-\u0e59A-Za-z0-9]")  # ๆ is drawn on its line too
STARTS_CLUSTER = re.compile(r"[ \u0e01-\u0e2e\u0e40-\u0e44\u0e50-\u0e59A-Za-z0-9(]")


def page_lines(chars: list[dict]) -> list[list[dict]]:
    """Characters of a cell grouped into visual lines by their top, left to right."""
    lines: list[list[dict]] = []
    for char in sorted(chars, key=lambda c: (round(c["top"], 1), c["x0"])):
        if lines and abs(lines[-1][0]["top"] - char["top"]) < char["size"] * 0.3:
            lines[-1].append(char)
        else:
            lines.append([char])
    return [sorted(line, key=lambda c: c["x0"]) for line in lines]


def skeleton_count(chars: list[dict]) -> int:
    return sum(len(SKELETON.findall(c["text"])) for c in chars)


def align_lines(paragraphs: list[str], lines: list[list[dict]]) -> list[tuple[int, int, int]]:
    """Each visual line → (paragraph, start, end) of its text in the source paragraphs, found by
    counting skeleton characters (consonants, ๆ, Latin letters, digits) along the source."""
    spans = []
    para, position = 0, 0
    for line in lines:
        need = skeleton_count(line)
        text = paragraphs[para]
        while position < len(text) and text[position] == " ":
            position += 1
        if position >= len(text):
            para, position = para + 1, 0
            text = paragraphs[para]
        start, seen = position, 0
        while position < len(text) and seen < need:
            seen += bool(SKELETON.match(text[position]))
            position += 1
        while position < len(text) and not STARTS_CLUSTER.match(text[position]):
            position += 1  # trailing vowels, marks and punctuation of the line's last cluster
        if seen != need:
            raise ValueError(f"line does not align: {text[start:position]!r}")
        spans.append((para, start, position))
        if position >= len(text):
            para, position = para + 1, 0
    return spans


def line_width(line: list[dict]) -> float:
    ink = [c for c in line if c["text"].strip()]
    return max(c["x1"] for c in ink) - min(c["x0"] for c in ink)


def documents(measures: list[dict]) -> dict[str, list[dict]]:
    """The measures grouped into documents by who wrote them: each blind split is another hand's,
    and a document's spacing habits (which the wrap model reads) are its writer's own."""
    grouped: dict[str, list[dict]] = {}
    for measure in measures:
        split = measure["split"]
        grouped.setdefault(split if split.startswith("blind") else "ours", []).append(measure)
    return grouped


def rendered_set() -> dict:
    all_measures = json.loads(PARAGRAPHS.read_text(encoding="utf-8"))["measures"]
    cells_out, columns_out, items = [], [], []
    for setting, (document, measures) in product(SETTINGS, documents(all_measures).items()):
        with pdfplumber.open(io.BytesIO(render(setting, measures))) as pdf:
            page = pdf.pages[0]
            rows = page.find_tables()[0].rows
            # per field: (source paragraph, its line spans, split) in reading order
            fields: dict[int, list[tuple[str, list[tuple[int, int]], str]]] = {}
            for measure, row in zip(measures, rows, strict=True):
                for field, bbox in enumerate(row.cells):
                    paragraphs = measure_cells(measure)[field]
                    lines = page_lines([c for c in page.crop(bbox).chars if c["text"] != " "])
                    spans = align_lines(paragraphs, lines)
                    cell_id = len(cells_out)
                    cells_out.append(
                        {
                            "setting": setting.name,
                            "document": document,
                            "split": measure["split"],
                            "lines": [paragraphs[p][s:e].strip() for p, s, e in spans],
                            "line_widths": [round(line_width(line), 2) for line in lines],
                            "width": setting.widths[field],
                            "font_size": setting.size,
                        }
                    )
                    items.extend(line_items(cell_id, setting, measure["split"], paragraphs, spans))
                    for number, text in enumerate(paragraphs):
                        own = [(s, e) for p, s, e in spans if p == number]
                        fields.setdefault(field, []).append((text, own, measure["split"]))
        for field, entries in sorted(fields.items()):
            column_id = len(columns_out)
            dumped = [" ".join(text[s:e].strip() for s, e in own) for text, own, _ in entries]
            columns_out.append(
                {
                    "setting": setting.name,
                    "document": document,
                    "field": FIELDS[field],
                    "paragraphs": dumped,
                    "splits": [split for _, _, split in entries],
                }
            )
            for number, (text, own, split) in enumerate(entries):
                items.extend(space_items(column_id, number, setting, split, text, own))
    return {
        "description": "Our own paragraphs rendered by WeasyPrint in table columns and read back "
        "with pdfplumber (see scripts/make_wrap_labels.py): exact wrap truth.",
        "settings": [setting.__dict__ | {"widths": list(setting.widths)} for setting in SETTINGS],
        "cells": cells_out,
        "columns": columns_out,
        "items": items,
    }


def line_items(cell_id, setting, split, paragraphs, spans) -> list[dict]:
    """Each line junction of a cell: a paragraph break, or a wrap with or without the author's space."""
    items = []
    for index in range(1, len(spans)):
        (p0, _, e0), (p1, s1, _) = spans[index - 1], spans[index]
        if p1 != p0:
            kind = "break"
        else:
            kind = "wrap_space" if " " in paragraphs[p0][e0:s1] else "wrap_join"
        left, right = paragraphs[p0][:e0].rstrip(), paragraphs[p1][s1:]
        items.append(
            {
                "source": f"rendered:{setting.name}",
                "shape": "lines",
                "split": split,
                "cell": cell_id,
                "junction": index,
                "left": left[-CONTEXT:],
                "right": right[:CONTEXT],
                "kind": kind,
                "thai": bool(THAI_PAIR.match(left[-1:] + right[:1])),
                "label": None
                if kind == "break"
                else ("legit" if kind == "wrap_space" else "artifact"),
                "ambiguous": False,
            }
        )
    return items


THAI_PAIR = re.compile(f"^[{THAI}][{THAI}]$")


def space_items(column_id, number, setting, split, text, spans) -> list[dict]:
    """Each Thai–Thai space of a paragraph in the dump shape (its lines joined by one space)."""
    pieces = [text[s:e].strip() for s, e in spans]
    joined = " ".join(pieces)
    wraps = {}  # position in ``joined`` of a space standing for a line break → the author's space?
    position = 0
    for line, piece in enumerate(pieces[:-1]):
        position += len(piece)
        wraps[position] = " " in text[spans[line][1] : spans[line + 1][0]]
        position += 1
    items = []
    for gap in THAI_GAP.finditer(joined):
        author = wraps.get(gap.start(), True)
        items.append(
            {
                "source": f"rendered:{setting.name}",
                "shape": "spaces",
                "split": split,
                "column": column_id,
                "paragraph": number,
                "pos": gap.start(),
                "left": joined[: gap.start()][-CONTEXT:],
                "right": joined[gap.end() :][:CONTEXT],
                "label": "legit" if author else "artifact",
                "line_end": gap.start() in wraps,
                "ambiguous": False,
            }
        )
    return items


def write_compact(path: Path, data: dict) -> None:
    """JSON with one list entry per line: small, and a change shows as a changed line."""
    lines = ["{"]
    for index, (key, value) in enumerate(data.items()):
        comma = "," if index < len(data) - 1 else ""
        if isinstance(value, list):
            entries = [json.dumps(v, ensure_ascii=False, separators=(",", ":")) for v in value]
            lines.append(f"{json.dumps(key)}:[")
            lines.extend(f"{e}," for e in entries[:-1])
            lines.extend(entries[-1:])
            lines.append(f"]{comma}")
        else:
            lines.append(f"{json.dumps(key)}:{json.dumps(value, ensure_ascii=False)}{comma}")
    lines.append("}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    seed = seed_set()
    write_compact(OUT_SEED, seed)
    print(f"seed: {len(seed['items'])} items → {OUT_SEED.relative_to(ROOT)}")
    rendered = rendered_set()
    write_compact(OUT_RENDERED, rendered)
    print(f"rendered: {len(rendered['items'])} items → {OUT_RENDERED.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
