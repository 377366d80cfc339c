"""The command line as users run it: a real subprocess, real files, real archive."""

from __future__ import annotations

import csv
import io
import json
import subprocess

import jsonschema
import pytest
from cli_runs import extract_command
from cli_runs import run_extract as run
from conftest import EXPORT_SCHEMA, ROOT, SAMPLE_DUMP


@pytest.fixture(scope="module")
def mixed_folder(tmp_path_factory):
    """A folder (with a subfolder) of one good report and files that are not reports."""
    folder = tmp_path_factory.mktemp("mixed")
    (folder / "nested").mkdir()
    (folder / "nested" / "report.txt").write_bytes(SAMPLE_DUMP.read_bytes())
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "photo.pdf").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(200))
    (folder / "notes.txt").write_text("just a line of text without any table\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def ingested(mixed_folder, tmp_path_factory):
    db = tmp_path_factory.mktemp("db") / "archive.db"
    return db, run("ingest", str(mixed_folder), "--db", str(db))


def test_bad_files_fail_alone_with_one_line_each(ingested, mixed_folder):
    _, result = ingested
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 3, result.stderr
    assert "Traceback" not in result.stderr
    by_file = {line.split(": ")[1]: line for line in errors}
    assert "empty file" in by_file[str(mixed_folder / "empty.pdf")]
    assert "JPEG" in by_file[str(mixed_folder / "photo.pdf")]
    assert str(mixed_folder / "notes.txt") in by_file
    assert result.stdout.startswith("1 added, 0 already archived, 3 failed; 7 measures added")


def test_second_run_reports_already_archived(ingested, mixed_folder):
    db, _ = ingested
    again = run("ingest", str(mixed_folder / "nested"), "--db", str(db))
    assert again.returncode == 0
    assert again.stdout.startswith("0 added, 1 already archived, 0 failed; 0 measures added")


def test_usage_errors_exit_2(tmp_path):
    assert run("ingest").returncode == 2
    assert run("ingest", str(tmp_path / "missing.pdf")).returncode == 2
    assert run("export", "--db", str(tmp_path / "none.db"), "--format", "json").returncode == 2


def test_json_export_to_file_validates(ingested, tmp_path):
    db, _ = ingested
    out = tmp_path / "export.json"
    result = run("export", "--db", str(db), "--format", "json", "-o", str(out))
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text("utf-8"))
    jsonschema.validate(data, json.loads(EXPORT_SCHEMA.read_text("utf-8")))
    assert data["documents"][0]["source_name"] == "report.txt"


def test_csv_export_one_row_per_measure_with_bom(ingested):
    db, _ = ingested
    result = subprocess.run(
        extract_command("export", "--db", db, "--format", "csv"),
        capture_output=True,
        timeout=300,
    )
    assert result.returncode == 0
    assert result.stdout.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode("utf-8-sig"))))
    assert len(rows) == 7
    first = rows[0]
    assert first["agency"] == "องค์การบริหารส่วนตำบลเขากระปุก"
    assert first["responsible"].split("\n") == ["สำนักปลัด", "กองช่าง", "กองการศึกษาฯ"]
    assert len(first["methods"].split("\n")) == 3
    assert first["methods"].startswith("จัดทำคู่มือหรือมาตรฐานการปฏิบัติงาน")
    assert rows[5]["pages"] == "6,7"
    # read from the text: every period of this report is its fiscal year, units by their names
    assert {(r["period_start"], r["period_end"]) for r in rows} == {("2024-10-01", "2025-09-30")}
    assert first["units"].split("\n") == ["สำนักปลัด", "กองช่าง", "กองการศึกษา ศาสนาและวัฒนธรรม"]
    assert all(r["indicator"] for r in rows)
    # measure 6's fifth step lists three codes under "ได้แก่": its lines are indented, so the
    # six steps are the six lines that start unindented
    lines = rows[5]["methods"].split("\n")
    steps = [line for line in lines if not line.startswith(" ")]
    assert len(steps) == 6 and steps[4].endswith("ได้แก่")
    assert [line[:4] for line in lines[5:8]] == ["  - "] * 3


def test_json_export_carries_what_was_read_from_each_measure(ingested):
    db, _ = ingested
    (document,) = json.loads(run("export", "--db", str(db), "--format", "json").stdout)["documents"]
    first = document["measures"][0]
    assert (first["period_start"], first["period_end"]) == ("2024-10-01", "2025-09-30")
    assert first["units"] == ["สำนักปลัด", "กองช่าง", "กองการศึกษา ศาสนาและวัฒนธรรม"]
    assert first["indicator"] is not None


@pytest.mark.parametrize(
    ("args", "documents"),
    [(["--year", "2568"], 1), (["--year", "2567"], 0), (["--agency", "เขากระปุก"], 1),
     (["--agency", "ไม่มีหน่วยงานนี้"], 0)],
)  # fmt: skip
def test_export_filters(ingested, args, documents):
    db, _ = ingested
    result = run("export", "--db", str(db), "--format", "json", *args)
    assert len(json.loads(result.stdout)["documents"]) == documents


def test_the_bundled_samples_ingest_cleanly_into_the_default_archive(tmp_path):
    """The README's first command: `extract ingest samples/` from a fresh folder, no --db."""
    samples = ROOT / "samples"
    result = run("ingest", str(samples), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    files = sorted(path.name for path in samples.iterdir() if path.is_file())
    assert len(files) >= 5 and {path.rsplit(".", 1)[-1] for path in files} >= {"pdf", "docx", "txt"}
    assert result.stdout.startswith(f"{len(files)} added, 0 already archived, 0 failed")
    assert (tmp_path / "archive.db").exists()
    # the memo without a table is a note, not a failure
    assert "no table found" in result.stderr and "error:" not in result.stderr
    exported = json.loads(run("export", "--format", "json", cwd=tmp_path).stdout)
    years = {doc["fiscal_year_be"] for doc in exported["documents"] if "ทุ่งดอกแก้ว" in doc["agency"]}
    assert years == {2567, 2568}, "one agency in two fiscal years"


def test_a_folder_without_files_is_noted_not_an_error(tmp_path):
    (tmp_path / "empty" / ".hidden").mkdir(parents=True)
    result = run("ingest", str(tmp_path / "empty"), "--db", str(tmp_path / "a.db"))
    assert result.returncode == 0
    assert f"note: {tmp_path / 'empty'}: no files in this folder" in result.stderr
    assert "0 added" in result.stdout
