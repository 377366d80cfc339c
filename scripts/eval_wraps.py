"""Precision and recall of wrap-space removal on the labelled sets in ``tests/data/``.

Removal is the positive class: precision = removed spaces that were wrap artefacts / all removed;
recall = artefacts removed / all artefacts. Printed per source (the seed report, each rendered
font setting), per input shape (``spaces``: wraps already turned into spaces, as in text dumps and
HTML; ``lines``: the line breaks are known, as in PDF cells), per split (``dev``: text read while
writing the rules, the whole seed included; ``test``: first held out, later read in part while
tuning; ``final``: written after the rules were frozen, evaluated once, since read; ``blind``
to ``blind36``: each written by another hand that never saw the rules, scored once after a freeze),
for keep-all, remove-all, the language alone (rules and wrap model, no layout: a dump's spaces at
unknown positions, every PDF wrap a line end) and ours. Also how well PDF line junctions are told
apart as paragraph breaks or wraps, and the speed in characters per second. The seed's columns get
the repair stage's width hints (the same column on the table's other pages).

The wrap model was fitted on these very items, so the figures per split are in sample; its
out-of-writer figures (each writer scored by a model fitted without them, from
``scripts/train_wrap_model.py``) are printed after them and are the ones to quote.

Run: PYTHAINLP_OFFLINE=1 PYTHAINLP_READ_ONLY=1 /work/venv/bin/python scripts/eval_wraps.py
[--curve: precision/recall at other operating points] [--errors [--split=final]]
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from normalize.data_files import data_json  # noqa: E402
from normalize.wrap_model import MODEL_FILE, shipped_model, weighing  # noqa: E402
from normalize.wraps import (  # noqa: E402
    WrapStats,
    decide_junction,
    explain_line_junctions,
    explain_wrap_spaces,
    layout,
    stats_from_columns,
    words,
)

DATA = ROOT / "tests" / "data"
SETS = ("wrap_labels_seed.json", "wrap_labels_rendered.json")
SYSTEMS = ("keep-all", "remove-all", "rules-only", "ours")
TARGET_PRECISION, TARGET_RECALL = 0.98, 0.95


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, artifact: bool, removed: bool) -> None:
        if artifact and removed:
            self.tp += 1
        elif artifact:
            self.fn += 1
        elif removed:
            self.fp += 1
        else:
            self.tn += 1

    def __iadd__(self, other: Counts) -> Counts:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.tn += other.tn
        return self

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def total(self) -> int:
        return self.tp + self.fp + self.fn + self.tn


@dataclass
class Result:
    """Counts per (source, shape, split) and system, plus the items each system got wrong."""

    counts: dict[tuple[str, str, str], dict[str, Counts]] = field(
        default_factory=lambda: defaultdict(lambda: {s: Counts() for s in SYSTEMS})
    )
    errors: list[dict] = field(default_factory=list)
    # every item the wrap model weighed: (item, is a wrap artefact, its features, removed)
    weighed: list[tuple[dict, bool, dict[str, float], bool]] = field(default_factory=list)
    breaks: Counts = field(default_factory=Counts)  # positive = a paragraph break
    chars: int = 0
    seconds: float = 0.0

    def total(
        self,
        system: str,
        *,
        shape: str | None = None,
        split: str | None = None,
        source: str | None = None,
    ) -> Counts:
        total = Counts()
        for (src, shp, spl), by_system in self.counts.items():
            if shape in (None, shp) and split in (None, spl) and source in (None, src):
                total += by_system[system]
        return total


def load_sets(directory: Path = DATA) -> list[dict]:
    return [json.loads((directory / name).read_text(encoding="utf-8")) for name in SETS]


def evaluate(sets: Iterable[dict], *, unambiguous_only: bool = False) -> Result:
    result = Result()
    for data in sets:
        items = [i for i in data["items"] if not (unambiguous_only and i["ambiguous"])]
        stats = _document_stats(data, items)
        _evaluate_spaces(data, [i for i in items if i["shape"] == "spaces"], stats, result)
        _evaluate_lines(data, [i for i in items if i["shape"] == "lines"], stats, result)
    return result


def _document_stats(data: dict, items: Iterable[dict]) -> dict[tuple[str, str], WrapStats]:
    """One WrapStats per document that holds one of ``items`` (the seed report; one writer's
    paragraphs in one rendered setting), from its raw texts as the repair stage sees them. Only
    those: scoring one held-out writer should not read every other writer's documents."""
    wanted = {
        _document(
            data["columns"][i["column"]] if i["shape"] == "spaces" else data["cells"][i["cell"]]
        )
        for i in items
    }
    columns: dict[tuple[str, str], list[list[str]]] = defaultdict(list)
    texts: dict[tuple[str, str], list[str]] = defaultdict(list)
    for column in data["columns"]:
        if (name := _document(column)) in wanted:
            columns[name].append(column["paragraphs"])
    for cell in data.get("cells", []):
        if (name := _document(cell)) in wanted:
            texts[name].append("\n".join(cell["lines"]))
    return {name: stats_from_columns(columns[name], texts[name]) for name in wanted}


def _document(holder: dict) -> tuple[str, str]:
    return holder.get("setting", "seed"), holder.get("document", "")


def _stats_for(stats: dict[tuple[str, str], WrapStats], holder: dict) -> WrapStats:
    return stats[_document(holder)]


def _evaluate_spaces(data: dict, items: list[dict], stats: dict, result: Result) -> None:
    by_column: dict[int, list[dict]] = defaultdict(list)
    for item in items:
        by_column[item["column"]].append(item)
    for column_id, column_items in by_column.items():
        column = data["columns"][column_id]
        paragraphs = column["paragraphs"]
        document_stats = _stats_for(stats, column)
        started = time.process_time()
        explained = explain_wrap_spaces(
            paragraphs, document_stats, width_hints=_width_hints(data["columns"], column)
        )
        result.seconds += time.process_time() - started
        result.chars += sum(len(p) for p in paragraphs)
        gaps = {
            (number, gap.start): gap
            for number, decisions in enumerate(explained)
            for gap in decisions
        }
        for item in column_items:
            artifact = item["label"] == "artifact"
            text = paragraphs[item["paragraph"]]
            start = item["pos"]
            end = start + len(text[start:]) - len(text[start:].lstrip(" "))
            rules = decide_junction(text[:start], text[end:], line_end=None, stats=document_stats)
            gap = gaps.get((item["paragraph"], start))
            predictions = {
                "keep-all": False,
                "remove-all": True,
                "rules-only": not rules.keep,
                "ours": gap is not None and not gap.decision.keep,
            }
            key = (item["source"], "spaces", item["split"])
            for system, prediction in predictions.items():
                result.counts[key][system].add(artifact, prediction)
            if gap is not None and gap.decision.evidence is not None:
                features = dict(gap.decision.evidence)
                result.weighed.append((item, artifact, features, predictions["ours"]))
            if artifact != predictions["ours"]:
                line, reason = (gap.line, gap.decision.reason) if gap else ("?", "?")
                result.errors.append(
                    item | {"error": "FN" if artifact else "FP", "line": line, "reason": reason}
                )


def _width_hints(columns: list[dict], column: dict) -> list[list[str]]:
    """As the repair stage passes them: the same column of the table on its other pages, nearest
    page first (the seed; a rendered column is one whole field, without pages)."""
    if "page" not in column:
        return []
    others = [
        other
        for other in columns
        if other.get("column") == column["column"]
        and other.get("setting") == column.get("setting")
        and other["page"] != column["page"]
    ]
    others.sort(key=lambda other: (abs(other["page"] - column["page"]), other["page"]))
    return [other["paragraphs"] for other in others]


def _evaluate_lines(data: dict, items: list[dict], stats: dict, result: Result) -> None:
    by_cell: dict[int, list[dict]] = defaultdict(list)
    for item in items:
        by_cell[item["cell"]].append(item)
    for cell_id, cell_items in by_cell.items():
        cell = data["cells"][cell_id]
        started = time.process_time()
        junctions = explain_line_junctions(
            cell["lines"],
            line_widths=cell["line_widths"],
            width=cell["width"],
            font_size=cell["font_size"],
            stats=_stats_for(stats, cell),
        )
        result.seconds += time.process_time() - started
        result.chars += sum(len(line) for line in cell["lines"])
        for item in cell_items:
            junction = junctions[item["junction"] - 1]
            result.breaks.add(item["kind"] == "break", junction.kind == "break")
            if item["kind"] == "break" or not item["thai"]:
                continue
            artifact = item["label"] == "artifact"
            left, right = cell["lines"][item["junction"] - 1], cell["lines"][item["junction"]]
            rules = decide_junction(left, right, line_end=True, stats=_stats_for(stats, cell))
            predictions = {
                "keep-all": False,
                "remove-all": True,
                "rules-only": not rules.keep,
                "ours": junction.kind == "join",
            }
            key = (item["source"], "lines", item["split"])
            for system, prediction in predictions.items():
                result.counts[key][system].add(artifact, prediction)
            if junction.evidence is not None:
                features = dict(junction.evidence)
                result.weighed.append((item, artifact, features, predictions["ours"]))
            if artifact != predictions["ours"]:
                result.errors.append(
                    item
                    | {
                        "error": "FN" if artifact else "FP",
                        "line": junction.kind,
                        "reason": junction.reason,
                    }
                )


def _cell(counts: Counts) -> str:
    if not counts.total:
        return "-"
    return f"{counts.precision:.3f}/{counts.recall:.3f} ({counts.fp},{counts.fn})"


# Each blind split is one more writer's text (a helper that never saw the rules)
BLIND = ("blind", *(f"blind{number}" for number in range(2, 37)))
SUMMARIES = (
    ("spaces shape (dumps, HTML)", {"shape": "spaces"}),
    ("lines shape (PDF)", {"shape": "lines"}),
    ("seed report", {"source": "seed"}),
    ("rendered dev", {"rendered": True, "split": "dev"}),
    ("rendered test", {"rendered": True, "split": "test"}),
    ("rendered final (held out)", {"rendered": True, "split": "final"}),
    *((f"rendered {split} (another hand)", {"rendered": True, "split": split}) for split in BLIND),
    ("overall", {}),
)


def summary(result: Result, system: str, *, rendered: bool = False, **selection: str) -> Counts:
    """Counts of ``system`` over the items matching ``selection`` (rendered: not the seed)."""
    if not rendered:
        return result.total(system, **selection)
    total = Counts()
    for source in {key[0] for key in result.counts if key[0] != "seed"}:
        total += result.total(system, source=source, **selection)
    return total


def print_report(result: Result, title: str) -> None:
    print(f"\n== {title}: removal precision/recall (FP,FN) ==")
    print(
        f"{'source':28} {'shape':6} {'split':5} {'n':>5} {'artef':>5}  "
        + "  ".join(f"{s:>22}" for s in SYSTEMS)
    )
    for key in sorted(result.counts):
        by_system = result.counts[key]
        _print_row(f"{key[0]:28} {key[1]:6} {key[2]:5}", by_system)
    print()
    for label, selection in SUMMARIES:
        _print_row(f"{label:41}", {s: summary(result, s, **selection) for s in SYSTEMS})


def _print_row(label: str, by_system: dict[str, Counts]) -> None:
    ours = by_system["ours"]
    print(
        f"{label} {ours.total:5} {ours.tp + ours.fn:5}  "
        + "  ".join(f"{_cell(by_system[s]):>22}" for s in SYSTEMS)
    )


CURVE = (0.5, 0.7, 0.8, 0.9, 0.95)  # wrap-model thresholds, beside the shipped one


def print_curve(sets: list[dict]) -> None:
    """Precision and recall as the wrap model's threshold moves (None: each soft rule decides
    alone). In sample: the model was fitted on these items; its out-of-writer figures are the
    honest ones (``print_cross_validation``)."""
    shipped = shipped_model()
    print("\n== operating points of the wrap model (in sample) ==")
    print(f"{'threshold':>9}  {'overall P/R':>13}")
    for threshold in (None, *sorted({*CURVE, shipped.threshold})):  # None: the rules alone
        model = replace(shipped, threshold=threshold) if threshold is not None else None
        with weighing(model):
            overall = evaluate(sets).total("ours")
        mark = "  <- used" if threshold == shipped.threshold else ""
        print(f"{threshold or 'rules':>9}  {overall.precision:.3f}/{overall.recall:.3f}{mark}")


def print_cross_validation() -> None:
    """The model file's out-of-writer figures (scripts/train_wrap_model.py)."""
    figures = data_json(MODEL_FILE)["cross_validation"]
    print("\n== wrap model out of writer (each writer scored by a model fitted without them) ==")
    for who, counts in figures.items():
        print(f"  {who:13} P {counts['precision']:.3f} R {counts['recall']:.3f}")


def _clear_text_caches() -> None:
    """Forget what the wrap model cached about the texts it has seen (widths, words, layouts)."""
    for cached in (
        words.newmm_words,
        words.text_width,
        layout.first_breakable,
        layout._strong_sign_between,
        layout._Paragraph.of,
        layout.ColumnLayout._of,
    ):
        cached.cache_clear()


def main() -> int:
    sets = load_sets()
    started = time.process_time()
    result = evaluate(sets)
    first_run = time.process_time() - started
    print_report(result, "all items")
    print_report(evaluate(sets, unambiguous_only=True), "unambiguous items")
    breaks = result.breaks
    print(
        f"\nPDF line junctions: paragraph breaks found {breaks.tp}/{breaks.tp + breaks.fn}, "
        f"wraps taken for breaks {breaks.fp}/{breaks.fp + breaks.tn}"
    )
    _clear_text_caches()  # keep the dictionary, TNC and WordNet loads, not the per-text caches
    warm = evaluate(sets)
    print(
        f"speed (CPU time): {warm.chars / warm.seconds:,.0f} chars/s warm ({warm.chars:,} chars in "
        f"{warm.seconds:.2f} s); first run {first_run:.2f} s with the dictionary, TNC and WordNet loads"
    )
    overall, final = result.total("ours"), summary(result, "ours", rendered=True, split="final")
    print(
        f"\nours overall P {overall.precision:.3f} R {overall.recall:.3f}; held-out final P "
        f"{final.precision:.3f} R {final.recall:.3f}; target P ≥ {TARGET_PRECISION}, "
        f"R ≥ {TARGET_RECALL}"
    )
    print_cross_validation()
    if "--curve" in sys.argv:
        print_curve(sets)
    if "--errors" in sys.argv:
        shown = [a.removeprefix("--split=") for a in sys.argv if a.startswith("--split=")]
        for error in result.errors:
            if shown and error["split"] not in shown:
                continue
            print(
                f"{error['error']} {error['source']:28} {error['shape']:6} {error['line']:6} "
                f"{error['left'][-18:]:>18}|{error['right'][:18]:18} {error['reason']}"
            )
    ok = overall.precision >= TARGET_PRECISION and overall.recall >= TARGET_RECALL
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
