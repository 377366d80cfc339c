"""The same report as PDF, HTML page, Word document and text dump exports the same measures.

Every fixture rendered from a report in ``scripts.fixtures.reports`` (tests/fixtures/{pdf,html,
docx,dump}) is ingested through ``extract.pipeline`` into one real archive and exported; each
export must equal the report's source, and so every format of one report must equal the others.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURES

from extract.export import export_documents
from extract.pipeline import ingest_paths
from scripts.fixtures.render_docx import DOCX_FIXTURES
from scripts.fixtures.render_dump import DUMP_FIXTURES
from scripts.fixtures.render_html import REPORT_PAGES
from scripts.fixtures.render_pdf import REPORT_FIXTURES as PDF_FIXTURES
from scripts.fixtures.reports import REPORTS, Report, expected_document, expected_measures

DOCUMENT_FIELDS = [name for name in expected_document(REPORTS[0]) if name != "measures"]


def _sources() -> list[tuple[Report, str, Path]]:
    """(report, format, file) for every fixture rendered from one of our reports."""
    sources = [(r, "pdf", FIXTURES / "pdf" / f"{v.name}.pdf") for r, v in PDF_FIXTURES]
    sources += [(r, "html", FIXTURES / "html" / f"{v.name}.html") for r, v in REPORT_PAGES]
    sources += [(r, "docx", FIXTURES / "docx" / f"{v.name}.docx") for r, v in DOCX_FIXTURES]
    sources += [(r, "text", FIXTURES / "dump" / f"{v.name}.dump.txt") for r, v in DUMP_FIXTURES]
    return sources


SOURCES = _sources()
IDS = [path.name for _, _, path in SOURCES]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """Every source ingested into one archive, exported, by file name."""
    db = tmp_path_factory.mktemp("cross-format") / "archive.db"
    summary = ingest_paths([path for _, _, path in SOURCES], db, jobs=2)
    assert summary.failed == []
    return {document["source_name"]: document for document in export_documents(db)["documents"]}


def measures_without_pages(document: dict) -> list[dict]:
    """The exported measures in the source's shape: pages differ by format, extra is {} when
    there is none."""
    return [
        {
            **{key: value for key, value in measure.items() if key != "pages"},
            "extra": measure.get("extra", {}),
        }
        for measure in document["measures"]
    ]


def test_every_format_of_every_report_is_here():
    formats = {(report.slug, fmt) for report, fmt, _ in SOURCES}
    assert formats == {(r.slug, f) for r in REPORTS for f in ("pdf", "html", "docx", "text")}


@pytest.mark.parametrize(("report", "fmt", "path"), SOURCES, ids=IDS)
def test_measures_equal_the_report_source(exported, report, fmt, path):
    document = exported[path.name]
    assert document["format"] == fmt
    assert measures_without_pages(document) == expected_measures(report)


@pytest.mark.parametrize(("report", "fmt", "path"), SOURCES, ids=IDS)
def test_document_fields_equal_the_report_source(exported, report, fmt, path):
    expected = expected_document(report)
    assert {name: exported[path.name][name] for name in DOCUMENT_FIELDS} == {
        name: expected[name] for name in DOCUMENT_FIELDS
    }


@pytest.mark.parametrize("report", REPORTS, ids=[r.slug for r in REPORTS])
def test_every_format_of_a_report_gives_the_same_measures(exported, report):
    groups: dict[str, list[str]] = {}  # measures as JSON → sources that gave them
    for source_report, _, path in SOURCES:
        if source_report is report:
            measures = measures_without_pages(exported[path.name])
            groups.setdefault(json.dumps(measures, ensure_ascii=False), []).append(path.name)
    assert len(groups) == 1, f"sources disagree: {sorted(groups.values())}"
