"""``extract export --agency/--year`` as people type them: short agency names, stray spaces, CE
years and two-digit BE years; LIKE wildcards are text. The bundled samples, ingested for real."""

from __future__ import annotations

import json

import pytest
from cli_runs import ingest, one_error_line, run_extract
from conftest import ROOT


@pytest.fixture(scope="module")
def samples_archive(tmp_path_factory):
    db = tmp_path_factory.mktemp("samples") / "archive.db"
    assert ingest(ROOT / "samples", "--db", db).returncode == 0
    return db


def exported_agencies(db, *filters: str) -> list[str]:
    result = run_extract("export", "--db", db, "--format", "json", *filters)
    assert result.returncode == 0, result.stderr
    return [doc["agency"] for doc in json.loads(result.stdout)["documents"]]


THUNG_DOK_KAEO = ["องค์การบริหารส่วนตำบลทุ่งดอกแก้ว"] * 2  # 2567 and 2568


@pytest.mark.parametrize(
    ("agency", "expected"),
    [
        ("ทุ่งดอกแก้ว", THUNG_DOK_KAEO),
        ("อบต.ทุ่งดอกแก้ว", THUNG_DOK_KAEO),
        ("อบต. ทุ่งดอกแก้ว", THUNG_DOK_KAEO),
        ("องค์การบริหารส่วนตำบล ทุ่งดอกแก้ว", THUNG_DOK_KAEO),
        (" ทุ่งดอกแก้ว ", THUNG_DOK_KAEO),
        ("ทต.ห้วยน้ำริน", ["เทศบาลตำบลห้วยน้ำริน"]),
        ("%", []),  # no LIKE wildcards
        ("_", []),
        ("ทุ่ง%แก้ว", []),
    ],
)
def test_agency_as_typed(samples_archive, agency, expected):
    assert exported_agencies(samples_archive, "--agency", agency) == expected


@pytest.mark.parametrize(
    ("year", "documents"),
    [("2568", 4), ("๒๕๖๘", 4), ("68", 4), ("๖๘", 4), ("2025", 4), ("2024", 2), ("2567", 2)],
)
def test_year_in_buddhist_or_common_era(samples_archive, year, documents):
    assert len(exported_agencies(samples_archive, "--year", year)) == documents


@pytest.mark.parametrize("year", ["99999999999999999999999", "2350", "สองพัน", "5"])
def test_a_year_that_is_no_year_is_one_line(samples_archive, year):
    result = run_extract("export", "--db", samples_archive, "--format", "csv", "--year", year)
    assert result.returncode == 2
    assert one_error_line(result).startswith(f"error: --year {year}: not a fiscal year")
    assert result.stdout == ""
