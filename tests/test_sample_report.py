"""The real sample report end to end: ingest → archive → JSON export equal to the expected export."""

from __future__ import annotations

import json
import sqlite3

import jsonschema
import pytest
from conftest import EXPORT_SCHEMA, SAMPLE_DUMP, SAMPLE_EXPECTED

from extract.export import export_documents
from extract.pipeline import ingest_paths

EXPECTED = json.loads(SAMPLE_EXPECTED.read_text("utf-8"))["documents"][0]
DOCUMENT_FIELDS = [key for key in EXPECTED if key != "measures"]


@pytest.fixture(scope="module")
def exported(sample_archive):
    return export_documents(sample_archive)


def test_export_validates_against_the_schema(exported):
    jsonschema.validate(exported, json.loads(EXPORT_SCHEMA.read_text("utf-8")))


@pytest.mark.parametrize("field", DOCUMENT_FIELDS)
def test_document_field(exported, field):
    assert exported["documents"][0][field] == EXPECTED[field]


def test_seven_measures(exported):
    assert [m["seq"] for m in exported["documents"][0]["measures"]] == [1, 2, 3, 4, 5, 6, 7]


# Wrap decisions the repair still gets wrong on the real sample (issue 2/5 stay open for them):
# the dump gives no layout evidence there, and the language rules point the other way.
# Strict: a fix turns the case into XPASS, which fails until its entry here is removed.
KNOWN_WRAP_MISSES = {
    (
        "methods",
        6,
    ): "'จริยธรรม และประมวล' kept; list items 'สมาชิกสภา ท้องถิ่น' ~0.2 em too wide to place",
    ("results", 6): "'ความรู้ ความเข้าใจ' kept: a mid-line space with too little stretch to call",
    ("outcomes", 6): "author space 'ลูกจ้างของหน่วยงาน มีความรู้' joined",
}
MEASURE_FIELDS = ["title", "methods", "responsible", "period", "results", "outcomes", "pages"]


@pytest.mark.parametrize(
    ("field", "seq"),
    [
        pytest.param(
            field,
            seq,
            id=f"{field}-{seq}",
            marks=[pytest.mark.xfail(reason=KNOWN_WRAP_MISSES[field, seq], strict=True)]
            if (field, seq) in KNOWN_WRAP_MISSES
            else [],
        )
        for field in MEASURE_FIELDS
        for seq in range(1, 8)
    ],
)
def test_measure_field(exported, field, seq):
    measure = exported["documents"][0]["measures"][seq - 1]
    assert measure[field] == EXPECTED["measures"][seq - 1][field]


def test_every_page_and_the_table_are_exported(exported):
    document = exported["documents"][0]
    assert [p["number"] for p in document["pages"]] == list(range(1, 10))
    assert "ดุลยพินิจ" in document["pages"][1]["text"] or "ดุลย พินิจ" in document["pages"][1]["text"]
    (table,) = document["tables"]
    assert table["pages"] == list(range(1, 10))
    assert table["header"][4] == "สรุปผลการดำเนินการตามมาตรการ/กิจกรรม"
    assert len(table["rows"]) == 7  # 9 body rows, two continuation rows merged


def _contents(db) -> dict[str, list[tuple]]:
    with sqlite3.connect(db) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {name: conn.execute(f"SELECT * FROM [{name}]").fetchall() for name in names}


def test_ingesting_the_same_bytes_again_changes_nothing(tmp_path):
    db = tmp_path / "archive.db"
    first = ingest_paths([SAMPLE_DUMP], db)
    before = _contents(db)
    copy = tmp_path / "renamed-copy.txt"
    copy.write_bytes(SAMPLE_DUMP.read_bytes())
    second = ingest_paths([SAMPLE_DUMP, copy], db)
    assert first.count("added") == 1
    assert second.count("already archived") == 2 and second.count("added") == 0
    assert _contents(db) == before
