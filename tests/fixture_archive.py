"""An archive of every fixture we have, for the serving tests (search, Datasette, browser).

Used as a pytest plugin (``pytest_plugins = ["fixture_archive"]``) so one session builds it once;
test modules use its fixtures and never import it (pytest could not rewrite its asserts then).
It holds the real sample dump from ../shared, every file under tests/fixtures (PDFs, our text
dumps; files that are not reports simply fail to ingest), and a report whose cells carry markup and
script text, as hostile input for the escaping tests.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from conftest import FIXTURES, SAMPLE_DUMP, cell_texts

from extract.pipeline import ingest_paths
from extract.serve import archive_datasette
from normalize.search import search_text
from normalize.search_query import SearchQuery, parse_query

# Cells as an agency's web page would hold them: entities that decode to markup, which the archive
# keeps as text (it is what was published) and every page must show escaped.
HOSTILE_DUMP = "\n".join(
    [
        "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
        "ประจำปีงบประมาณ พ.ศ.๒๕๖๘ องค์การบริหารส่วนตำบลโป่งสลัก อำเภอแก่งกระจาน จังหวัดเพชรบุรี",
        "",
        "มาตรการ/กิจกรรม\tวิธีการดำเนินการ\tผู้รับผิดชอบ\tระยะเวลา\tสรุปผลการดำเนินการ\tผลลัพธ์",
        "\t".join(
            [
                "<p>ทดสอบการแสดงผลข้อความแปลกปลอม &lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;</p>",
                "<p>๑. แสดงป้าย &lt;img src=x onerror=alert(1)&gt; ในหน้าเว็บ</p>"
                "<p>๒. ลิงก์ javascript:alert(2) ต้องเป็นข้อความ</p>",
                "<p>สำนักปลัด</p>",
                "<p>ปีงบประมาณ ๒๕๖๘</p>",
                "<p>ตรวจแล้วไม่พบสคริปต์ทำงาน &lt;b&gt;ตัวหนา&lt;/b&gt;</p>",
                "<ul><li>ข้อความแสดงตามที่พิมพ์</li></ul>",
            ]
        ),
        "",
    ]
)


def build_fixture_archive(directory: Path) -> Path:
    """Ingest every fixture (and the hostile report) into ``directory/archive.db``."""
    hostile = directory / "inputs" / "pongsalak-hostile-2568.dump.txt"
    hostile.parent.mkdir(parents=True)
    hostile.write_text(HOSTILE_DUMP, encoding="utf-8")
    db = directory / "archive.db"
    summary = ingest_paths([SAMPLE_DUMP, FIXTURES, hostile], db, jobs=2)
    assert summary.count("added") >= 5, [(o.path.name, o.reason) for o in summary.failed]
    return db


@pytest.fixture(scope="session")
def fixtures_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_archive(tmp_path_factory.mktemp("fixtures-archive"))


@pytest.fixture(scope="session")
def fixture_texts(fixtures_archive: Path) -> dict[int, str]:
    """measure id → normalised searchable text, read back from the fixtures archive."""
    return measure_texts(fixtures_archive)


@pytest.fixture(scope="session")
def expected_search():
    """``expected_search(query)``: the measure ids a search of the fixtures archive must return."""

    def expected(query: str, texts: dict[int, str]) -> list[int]:
        return expected_ids(texts, query)

    return expected


def measure_texts(db: Path) -> dict[int, str]:
    """Every measure's searchable text rebuilt from its stored columns, normalised: the ground
    truth a search is checked against (a substring test, independent of FTS)."""
    texts = {}
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        for row in conn.execute("SELECT * FROM measures"):
            parts = [*cell_texts(row), row["agency"], row["district"] or "", row["province"] or ""]
            texts[row["id"]] = search_text("\n".join(p for p in parts if p))
    return texts


def expected_ids(texts: dict[int, str], query: str) -> list[int]:
    """Ids whose normalised text holds some term of every OR-group and no negated term."""
    parsed: SearchQuery = parse_query(query)
    if not parsed.groups:
        return []
    return sorted(
        measure_id
        for measure_id, text in texts.items()
        if all(any(term in text for term in group) for group in parsed.groups)
        and not any(term in text for term in parsed.negated)
    )


@pytest.fixture(scope="session")
def db(fixtures_archive):
    """A read-only connection to the fixtures archive, rows as ``sqlite3.Row``."""
    conn = sqlite3.connect(f"file:{fixtures_archive}?mode=ro", uri=True, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    yield conn
    conn.close()


@pytest.fixture(scope="session")
def fixtures_datasette(fixtures_archive: Path):
    """Datasette on the archive of every fixture, as ``extract serve`` configures it."""
    return archive_datasette(fixtures_archive)
