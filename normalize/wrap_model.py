"""The weighing of soft wrap evidence: a logistic model over named features.

The rules of ``normalize.wraps`` settle most spaces for certain (a word broken across the space, a
word that needs a complement, a number phrase…). Where they only have a hint (a clause opener
after the space, a word the document usually spaces, a line end and nothing else), the hint is one
feature among others (the words on either side, how this document spaces them) and this model
gives the probability that the space is a wrap. Its weights are data
(``data/wrap_model.json``), fitted by ``scripts/train_wrap_model.py`` on the labelled junctions
of our own text and measured writer by writer, each scored by a model that never saw it.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType

from normalize.data_files import data_json

MODEL_FILE = "wrap_model.json"


@dataclass(frozen=True)
class WrapModel:
    """``wrap probability = 1 / (1 + exp(-(intercept + Σ weight × value)))``; a space whose
    probability reaches ``threshold`` is removed."""

    weights: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    intercept: float = 0.0
    threshold: float = 0.5

    @classmethod
    def from_dict(cls, data: Mapping) -> WrapModel:
        return cls(
            MappingProxyType(dict(data["weights"])),
            float(data["intercept"]),
            float(data["threshold"]),
        )

    def to_dict(self) -> dict:
        return {
            "threshold": self.threshold,
            "intercept": self.intercept,
            "weights": dict(sorted(self.weights.items())),
        }

    def wrap_probability(self, features: Mapping[str, float]) -> float:
        score = self.intercept + sum(
            self.weights.get(name, 0.0) * value for name, value in features.items()
        )
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, score))))


@cache
def shipped_model() -> WrapModel:
    """The model fitted on all the labelled text (``normalize/data/wrap_model.json``)."""
    return WrapModel.from_dict(data_json(MODEL_FILE))


_active: list[WrapModel | None] = []  # innermost ``weighing`` last; empty: the shipped model


def active_model() -> WrapModel | None:
    """The model that weighs soft evidence now; None: each soft rule decides alone."""
    return _active[-1] if _active else shipped_model()


@contextmanager
def weighing(model: WrapModel | None) -> Iterator[None]:
    """Weigh soft evidence with ``model`` (None: by the rules alone) inside the block: used to
    train the model on the rules' own evidence and to score each writer by a model fitted
    without them."""
    _active.append(model)
    try:
        yield
    finally:
        _active.pop()
