"""Fit the wrap model (``normalize/data/wrap_model.json``) on the labelled junctions, and measure
it writer by writer.

Where a rule of ``normalize.wraps`` only hints (``_hint``), the model weighs the hint with the
words beside the space and the document's spacing habits. Training data: every unambiguous
labelled item of ``tests/data/wrap_labels_*.json`` that reaches such a hint, with the features
the pipeline computes for it (the rules alone deciding, so the features are the rules' own).

Measured by leave-one-writer-out: each writer's text (the seed report; our own dev/test/final
text; each blind split, one helper's hand) is scored through the whole pipeline by a model fitted
on the other writers only. The threshold is the highest that keeps the target recall on those
out-of-writer predictions (see ``choose_threshold``). The figures go into the model file.

Needs scikit-learn (in the test extra: ``pip install -e '.[test]'``).
Run: PYTHAINLP_OFFLINE=1 PYTHAINLP_READ_ONLY=1 python scripts/train_wrap_model.py [--check]
(--check: fit and measure, print, but do not write the model file)
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from eval_wraps import (  # noqa: E402
    TARGET_PRECISION,
    TARGET_RECALL,
    Counts,
    evaluate,
    load_sets,
)

from normalize.wrap_model import MODEL_FILE, WrapModel, weighing  # noqa: E402

OUT = ROOT / "normalize" / "data" / MODEL_FILE
# scikit-learn's C, the inverse L2 strength: 0.1, 0.3, 1 and 3 tried, 1 best out of writer
REGULARISATION = 1.0
# The seed is the one real report: its junctions count three times (the least weight with which
# the fitted model repairs it as its expected export does; out of writer nothing changes)
WRITER_WEIGHTS = {"seed": 3.0}
THRESHOLDS = tuple(round(0.70 + 0.01 * step, 2) for step in range(26))


def writer(item: dict) -> str:
    """Whose hand wrote the item's text: each blind split is one helper's."""
    if item["source"] == "seed":
        return "seed"
    return item["split"] if item["split"].startswith("blind") else "ours"


def fit(rows: Sequence[tuple[dict[str, float], bool, str]], threshold: float = 0.5) -> WrapModel:
    """A model fitted on (features, is an artefact, writer) rows."""
    from sklearn.feature_extraction import DictVectorizer

    vectorizer = DictVectorizer()
    features = vectorizer.fit_transform([row for row, _, _ in rows])
    labels, weights = _labels_and_weights(rows)
    regression = _regression().fit(features, labels, sample_weight=weights)
    return _model(vectorizer.feature_names_, regression, threshold)


def fit_without_each_writer(
    rows: Sequence[tuple[dict[str, float], bool, str]], threshold: float = 0.5
) -> dict[str, WrapModel]:
    """For each writer, a model fitted on the other writers' rows.

    Each fit starts from the optimum on every row: one writer of 38 moves it little, so Newton-CG
    needs 3–4 steps instead of ~13 (1.5 s instead of 6–7 s a fit), to the same optimum (weights
    within 4e-4 of a cold start's). A feature only the held-out writer has keeps its column, all
    zeros without them, and the penalty takes its weight to 0 as if it were absent."""
    from sklearn.feature_extraction import DictVectorizer

    vectorizer = DictVectorizer()
    features = vectorizer.fit_transform([row for row, _, _ in rows])
    labels, weights = _labels_and_weights(rows)
    everyone = _regression().fit(features, labels, sample_weight=weights)
    models = {}
    for held_out in sorted({who for *_, who in rows}):
        kept = [index for index, (*_, who) in enumerate(rows) if who != held_out]
        regression = _regression(warm_start=True)
        regression.coef_, regression.intercept_ = everyone.coef_.copy(), everyone.intercept_.copy()
        regression.fit(
            features[kept],
            [labels[index] for index in kept],
            sample_weight=[weights[index] for index in kept],
        )
        models[held_out] = _model(vectorizer.feature_names_, regression, threshold)
    return models


def _regression(warm_start: bool = False):  # a LogisticRegression (scikit-learn, imported late)
    from sklearn.linear_model import LogisticRegression

    # Newton-CG to a tight tolerance reaches the optimum in ~2 s where lbfgs stopped short of it
    # (its objective 0.8 above) after ~10 s: the fit is the same on every machine and quick
    return LogisticRegression(
        C=REGULARISATION, solver="newton-cg", tol=1e-7, max_iter=1_000, warm_start=warm_start
    )


def _labels_and_weights(
    rows: Sequence[tuple[dict[str, float], bool, str]],
) -> tuple[list[bool], list[float]]:
    return [artifact for _, artifact, _ in rows], [WRITER_WEIGHTS.get(who, 1.0) for *_, who in rows]


def _model(names: Sequence[str], regression, threshold: float) -> WrapModel:
    weights = {
        name: round(float(weight), 4)
        for name, weight in zip(names, regression.coef_[0], strict=True)
        if round(float(weight), 4)
    }
    return WrapModel(weights, round(float(regression.intercept_[0]), 4), threshold)


def choose_threshold(
    rows: Sequence[tuple[dict[str, float], bool, str]],
    models: dict[str, WrapModel],
    certain: Counts,
    artifacts: int,
) -> float:
    """The threshold with the best precision that still keeps the target recall, on
    out-of-writer predictions (``models``: each writer's, fitted without them; ``certain``: what
    the rules decide alone, counted in). Precision matters more (a removed author's space damages
    the text), but out of writer the two targets are not met together, and a higher threshold
    buys little precision for much recall."""
    probabilities = [models[who].wrap_probability(features) for features, _, who in rows]
    best = THRESHOLDS[0]
    for threshold in THRESHOLDS:
        removed = [p >= threshold for p in probabilities]
        fp = certain.fp + sum(r and not a for r, (_, a, _) in zip(removed, rows, strict=True))
        tp = certain.tp + sum(r and a for r, (_, a, _) in zip(removed, rows, strict=True))
        precision = tp / (tp + fp) if tp + fp else 1.0
        print(f"  threshold {threshold:.2f}: P {precision:.3f} R {tp / artifacts:.3f}")
        if tp / artifacts >= TARGET_RECALL:
            best = max(best, threshold)
    return best


def training_rows(
    sets: list[dict],
) -> tuple[list[tuple[dict[str, float], bool, str]], Counts, Counts]:
    """The weighed items (features, is an artefact, writer), the counts of what the rules decide
    for certain (every other item), and the counts of the rules alone over all items."""
    with weighing(None):
        result = evaluate(sets, unambiguous_only=True)
    rules = result.total("ours")
    certain = Counts(tp=rules.tp, fp=rules.fp)
    rows = []
    for item, artifact, features, removed in result.weighed:
        certain.tp -= removed and artifact
        certain.fp -= removed and not artifact
        rows.append((features, artifact, writer(item)))
    return rows, certain, rules


def cross_validate(sets: list[dict], models: dict[str, WrapModel]) -> dict[str, Counts]:
    """Each writer's items through the whole pipeline, weighed by their model of ``models``
    (fitted without them)."""
    totals: dict[str, Counts] = defaultdict(Counts)
    for held_out, model in sorted(models.items()):
        subsets = [
            data | {"items": [i for i in data["items"] if writer(i) == held_out]} for data in sets
        ]
        with weighing(model):
            totals[held_out] += evaluate(subsets, unambiguous_only=True).total("ours")
    return totals


def main() -> int:
    sets = load_sets()
    rows, certain, rules = training_rows(sets)
    print(f"{len(rows)} weighed junctions from {len({w for *_, w in rows})} writers")
    print(f"the rules alone: P {rules.precision:.3f} R {rules.recall:.3f}")
    models = fit_without_each_writer(rows)
    threshold = choose_threshold(rows, models, certain, rules.tp + rules.fn)
    by_writer = cross_validate(
        sets, {who: replace(model, threshold=threshold) for who, model in models.items()}
    )
    pooled, blind = Counts(), Counts()
    for who, counts in sorted(by_writer.items()):
        print(f"  {who:8} P {counts.precision:.3f} R {counts.recall:.3f} ({counts.fp},{counts.fn})")
        pooled += counts
        if who.startswith("blind"):
            blind += counts
    print(f"threshold {threshold}: out of writer P {pooled.precision:.3f} R {pooled.recall:.3f}")
    print(f"  blind writers only: P {blind.precision:.3f} R {blind.recall:.3f}")
    print(f"target P ≥ {TARGET_PRECISION}, R ≥ {TARGET_RECALL}")
    if "--check" in sys.argv:
        return 0
    model = fit(rows, threshold)
    document = {
        "_about": (
            "Logistic model of normalize/wrap_model.py: the probability that a space where a "
            "rule of normalize/wraps/rules.py only hints is a line-wrap artefact. Fitted by "
            "scripts/train_wrap_model.py on the labelled junctions of tests/data; the figures "
            "below are out of writer (each writer scored by a model fitted without them)."
        ),
        "cross_validation": {
            who: {"precision": round(c.precision, 4), "recall": round(c.recall, 4)}
            for who, c in [
                *sorted(by_writer.items()),
                ("all writers", pooled),
                ("blind writers", blind),
            ]
        },
        **model.to_dict(),
    }
    OUT.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(model.weights)} weights")
    return 0


if __name__ == "__main__":
    sys.exit(main())
