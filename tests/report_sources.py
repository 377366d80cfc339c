"""Our readers' output in the shape of ``scripts.fixtures.reports`` expectations, for comparing
what a reader made of a rendered report with the report it was rendered from."""

from __future__ import annotations

from typing import Any

from extract.model import Document, Measure

DOCUMENT_FIELDS = (
    "title",
    "agency",
    "agency_type",
    "district",
    "province",
    "fiscal_year_be",
    "fiscal_year_ce",
)


def measure_export(measure: Measure) -> dict[str, Any]:
    """A measure as ``expected_measures`` gives it (no pages: formats paginate differently)."""
    return {
        "seq": measure.seq,
        "title": measure.title,
        "methods": measure.methods,
        "responsible": measure.responsible,
        "period": measure.period,
        "results": measure.results,
        "outcomes": measure.outcomes,
        "extra": measure.extra,
    } | ({"section": measure.section} if measure.section else {})


def document_export(document: Document) -> dict[str, Any]:
    """A processed document as ``expected_document`` gives it."""
    fields: dict[str, Any] = {name: getattr(document.meta, name) for name in DOCUMENT_FIELDS}
    fields["measures"] = [measure_export(m) for m in document.measures]
    return fields
