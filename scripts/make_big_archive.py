"""A synthetic archive of N measures (default 1,000,000) that looks like the real thing, for benchmarks.

    cd /work/main && PYTHONPATH=. PYTHAINLP_OFFLINE=1 PYTHAINLP_READ_ONLY=1 \\
        /work/venv/bin/python scripts/make_big_archive.py /tmp/big/archive.db \\
        [--measures 1000000] [--agencies 8000] [--own-results 0.2] [--publish /tmp/big/published.db]

Agencies copy the national guidance almost word for word, so this archive is built the same way:
the measures of our own fixtures (the text dumps under tests/fixtures/dump, the sample reports of
scripts/fixtures/reports.py, tests/fixtures/wrap_paragraphs.json), parsed by the real pipeline,
are the guidance; each synthetic agency (an invented name on a real district/province pair from
geothai) reports ~25 of them a year over 5 fiscal years with the year changed, and a share of its
measures (``--own-results``) carry results the agency wrote itself (its name, its numbers), so that
those measures' texts are its own. Documents are stored by ``Archive.store`` (the product's code
path and SQL), many to a transaction. Each document has one cover page and no stitched table: the
benchmark is about measures. Not committed: it is a benchmark input.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract.archive import Archive  # noqa: E402
from extract.model import Document, DocumentMeta, Measure, Page  # noqa: E402
from extract.pipeline import process_bytes  # noqa: E402
from normalize.agencies import agency_key, parse_agency  # noqa: E402
from normalize.numerals import arabic_to_thai_digits  # noqa: E402
from scripts.fixtures import reports as fixture_reports  # noqa: E402
from scripts.fixtures.reports import TITLE, Report  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
YEARS = (2564, 2565, 2566, 2567, 2568)
# (type as printed in full, the agency_type value): the local governments that file most reports
AGENCY_TYPES = (
    ("องค์การบริหารส่วนตำบล", 0.70),
    ("เทศบาลตำบล", 0.25),
    ("เทศบาลเมือง", 0.05),
)
# invented place names: first part + second part, none taken from a real list
NAME_HEADS = ("หนอง", "บ้าน", "ห้วย", "ดอน", "โคก", "นา", "ทุ่ง", "วัง", "บึง", "คลอง", "เขา",
              "ท่า", "โนน", "หัว", "ป่า", "สระ", "ดง", "บาง", "ลำ", "เวียง")  # fmt: skip
NAME_TAILS = ("ใหญ่", "แก้ว", "ทอง", "สวรรค์", "น้ำใส", "ดอกไม้", "ยาง", "ไผ่", "มะม่วง", "เจริญ",
              "สามัคคี", "หิน", "แดง", "งาม", "บัว", "โพธิ์", "ตาล", "ศรี", "กระถิน", "สะแก",
              "ขาม", "จันทร์", "เงิน", "พัฒนา", "รุ่งเรือง")  # fmt: skip
# what an agency writes in its own words under a copied measure (its name and its numbers)
OWN_RESULTS = (
    "{agency} ได้ดำเนินการตามมาตรการแล้ว จำนวน {n} ครั้ง มีผู้เข้าร่วม {m} คน",
    "ในปีงบประมาณ พ.ศ. {year} {agency} เผยแพร่ข้อมูลผ่านเว็บไซต์และเพจ Facebook รวม {n} เรื่อง",
    "มีเรื่องร้องเรียนเข้ามา {n} เรื่อง ดำเนินการแล้วเสร็จ {m} เรื่อง ภายในระยะเวลาที่กำหนด",
    "{agency} จัดประชุมชี้แจงบุคลากรจำนวน {m} คน เมื่อวันที่ {n} มีนาคม {year}",
    "ผลการประเมินความพึงพอใจของผู้รับบริการอยู่ในระดับดีมาก ร้อยละ {n}.{m}",
)
_YEAR = re.compile(r"25[5-6][0-9]|๒๕[๕-๖][๐-๙]")


def guidance_measures() -> list[Measure]:
    """The measures of our fixtures, read by the real pipeline: the text agencies copy."""
    measures: list[Measure] = []
    for path in sorted((FIXTURES / "dump").glob("*.dump.txt")):
        measures += process_bytes(path.read_bytes(), path.name).measures
    for report in vars(fixture_reports).values():
        if isinstance(report, Report):
            measures += [_from_report_row(row) for row in report.measures]
    wrap = json.loads((FIXTURES / "wrap_paragraphs.json").read_text("utf-8"))
    measures += [
        Measure(0, m["title"], m["methods"], m.get("responsible", ["สำนักปลัด"]),
                m.get("period", "ตลอดปีงบประมาณ พ.ศ. ๒๕๖๘"), m["results"], m["outcomes"], [1])
        for m in wrap["measures"]
    ]  # fmt: skip
    unique = {m.title: m for m in measures if m.title}
    return list(unique.values())


def _from_report_row(row) -> Measure:
    methods = ["\n".join([s.text, *(f"- {item}" for item in s.subitems)]) for s in row.steps]
    return Measure(0, row.title, methods, list(row.responsible), row.period, list(row.results),
                   list(row.outcomes), [1])  # fmt: skip


def invented_agencies(count: int, rng: random.Random) -> list[tuple[str, str, str]]:
    """``count`` (agency name, district, province): invented names on real district/province pairs."""
    import geothai

    places = []
    for province in geothai.provinces():
        if province.name_th == "กรุงเทพมหานคร":
            continue  # no อบต./เทศบาล there
        for district in geothai.districts(province.code):
            name = district.name_th.removeprefix("อำเภอ").removeprefix("กิ่งอำเภอ")
            places.append((name, province.name_th))
    names = [head + tail for head in NAME_HEADS for tail in NAME_TAILS]
    seen: set[tuple[str, str]] = set()
    agencies = []
    while len(agencies) < count:
        district, province = rng.choice(places)
        name = rng.choice(names)
        if (name, district) in seen:
            continue
        seen.add((name, district))
        kind = rng.choices([t for t, _ in AGENCY_TYPES], [w for _, w in AGENCY_TYPES])[0]
        agencies.append((kind + name, district, province))
    return agencies


def with_year(text: str, year: int) -> str:
    """Every printed fiscal year becomes ``year``, in the digits it was printed in."""
    return _YEAR.sub(
        lambda m: arabic_to_thai_digits(str(year)) if m.group(0)[0] == "๒" else str(year), text
    )


def report_document(
    agency: tuple[str, str, str],
    year: int,
    guidance: list[Measure],
    rng: random.Random,
    own_results: float,
    measures_per_report: int,
) -> Document:
    name, district, province = agency
    subtitle = f"ประจำปีงบประมาณ พ.ศ. {arabic_to_thai_digits(str(year))} {name} อำเภอ{district} จังหวัด{province}"
    parsed = parse_agency(f"{TITLE} {subtitle}")
    chosen = rng.sample(guidance, min(len(guidance), measures_per_report))
    measures = []
    for seq, template in enumerate(chosen, 1):
        results = [with_year(r, year) for r in template.results]
        if rng.random() < own_results:
            own = rng.choice(OWN_RESULTS).format(
                agency=name, n=rng.randint(2, 400), m=rng.randint(2, 99), year=year
            )
            results = [*results[:1], own]
        measures.append(
            replace(
                template,
                seq=seq,
                title=with_year(template.title, year),
                methods=[with_year(m, year) for m in template.methods],
                period=with_year(template.period, year),
                results=results,
                outcomes=[with_year(o, year) for o in template.outcomes],
                pages=[1 + seq // 8],
            )
        )
    meta = DocumentMeta(
        title=TITLE,
        agency=name,
        agency_type=parsed.agency_type if parsed else None,
        district=district,
        province=province,
        fiscal_year_be=year,
        fiscal_year_ce=year - 543,
        agency_key=agency_key(parsed) if parsed else None,
    )
    cover = f"{TITLE}\n{subtitle}"
    sha = hashlib.sha256(f"synthetic|{name}|{district}|{province}|{year}".encode()).hexdigest()
    return Document(
        source_name=f"{sha[:12]}.dump.txt",
        sha256=sha,
        format="text",
        meta=meta,
        page_count=1,
        pages=[Page(1, cover, cover, 1.0, 1.0)],
        tables=[],
        measures=measures,
    )


def build(
    path: Path,
    measures: int,
    agencies: int,
    own_results: float,
    seed: int = 2568,
    batch: int = 400,
) -> dict[str, float]:
    rng = random.Random(seed)
    guidance = guidance_measures()
    places = invented_agencies(agencies, rng)
    per_report = max(1, round(measures / (agencies * len(YEARS))))
    path.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    stored = documents = 0
    with Archive(path) as archive:
        archive.conn.execute("PRAGMA synchronous = OFF")  # a benchmark input: rebuilt, not kept
        archive.conn.execute("PRAGMA cache_size = -400000")
        plan = [(a, y) for y in YEARS for a in places]
        while stored < measures and documents < len(plan):
            with archive.transaction():
                for agency, year in plan[documents : documents + batch]:
                    want = min(per_report, measures - stored)
                    if want <= 0:
                        break
                    doc = report_document(agency, year, guidance, rng, own_results, want)
                    stored += archive.store(doc).measures
                    documents += 1
            elapsed = time.perf_counter() - start
            print(f"{stored:,} measures, {documents:,} documents, {elapsed:.0f} s", flush=True)
        archive.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        texts = archive.conn.execute("SELECT count(*) FROM measure_texts").fetchone()[0]
    return {
        "measures": stored,
        "documents": documents,
        "guidance_measures": len(guidance),
        "distinct_measure_texts": texts,
        "seconds": time.perf_counter() - start,
        "bytes": path.stat().st_size,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db", type=Path, help="archive to create (must not exist)")
    parser.add_argument("--measures", type=int, default=1_000_000)
    parser.add_argument("--agencies", type=int, default=8_000)
    parser.add_argument(
        "--own-results", type=float, default=0.2,
        help="share of measures whose results the agency wrote itself (distinct texts)",
    )  # fmt: skip
    parser.add_argument("--publish", type=Path, help="also publish the archive to this file")
    args = parser.parse_args(argv)
    if args.db.exists():
        parser.error(f"{args.db} exists; give a new path")
    figures = build(args.db, args.measures, args.agencies, args.own_results)
    print(json.dumps(figures, indent=1))
    if args.publish:
        from extract.publish import publish_archive

        start = time.perf_counter()
        publish_archive(args.db, args.publish)
        print(f"published {args.publish} ({args.publish.stat().st_size / 1e6:,.0f} MB) in "
              f"{time.perf_counter() - start:.0f} s")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
