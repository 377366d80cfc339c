"""Build the corpus of bad inputs that ``extract ingest`` must survive.

    cd /work/main && PYTHONPATH=. python scripts/make_bad_inputs.py [OUT_DIR]

Default OUT_DIR: tests/fixtures/bad (``SMALL_CORPUS``, committed). The large inputs
(``LARGE_CORPUS``: 2,000 pages, a page of 100,000 drawing operations, a 50 MB data URI) and the
folder of 500 files (``mixed_folder``) are built at test time from the functions here, so the
repository stays small. Encrypted PDFs are not rebuilt here: LibreOffice made real ones
(``tests/fixtures/pdf/*-encrypted.pdf`` needs a password, ``*-owner-password.pdf`` opens with the
empty one; see ``scripts/make_fixtures.py``).

Damaged PDFs are our real rendered reports with one kind of damage each; the unusual ones (many
pages, drawing operations, a scanned page) are written by hand (``pdf_document``: a few objects
and a correct cross-reference table), so each file is exactly what it is named for. Every text
is ours: the reports are the invented agencies of ``scripts.fixtures.reports``.
"""

from __future__ import annotations

import base64
import html
import io
import re
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from scripts.fixtures.reports import HUAI_SAI_NGAM, NOEN_SAI_THONG, NONG_NAM_SAI, Report
from scripts.fixtures.reports import printed_cells as report_cells

ROOT = Path(__file__).resolve().parents[1]
BAD_DIR = ROOT / "tests" / "fixtures" / "bad"
PDF_FIXTURES = ROOT / "tests" / "fixtures" / "pdf"
# Real rendered reports to damage: WeasyPrint writes a cross-reference stream, LibreOffice a
# classic cross-reference table.
GOOD_PDF = PDF_FIXTURES / "nongnamsai-2568-weasyprint-landscape.pdf"
XREF_TABLE_PDF = PDF_FIXTURES / "noensaithong-2567-libreoffice-portrait.pdf"
THAI_FILE_NAME = "รายงานผล ITA ปี ๒๕๖๘ (ฉบับแก้ไข ครั้งที่ 2).txt"


# --- a minimal PDF writer ------------------------------------------------------------------


HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def pdf_document(
    page_streams: list[bytes],
    *,
    images: dict[str, bytes] | None = None,
    media_box: tuple[int, int] = (595, 842),
    font: bytes = HELVETICA,
) -> bytes:
    """A valid PDF with one content stream per page and ``font`` (Helvetica) as ``/F1``.

    Equal streams are stored once (a 2,000-page file of the same page stays small). ``images``
    maps a resource name to a ready Image XObject (``image_xobject``).
    """
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled once the page tree's number is known
    pages_tree = add(b"")
    font_number = add(font)
    xobjects = {name: add(body) for name, body in (images or {}).items()}
    resources = f"<< /Font << /F1 {font_number} 0 R >>".encode()
    if xobjects:
        refs = " ".join(f"/{name} {number} 0 R" for name, number in xobjects.items())
        resources += f" /XObject << {refs} >>".encode()
    resources += b" >>"
    stream_numbers: dict[bytes, int] = {}
    for content in page_streams:
        if content not in stream_numbers:
            stream_numbers[content] = add(_stream(content))
    width, height = media_box
    kids = [
        add(
            f"<< /Type /Page /Parent {pages_tree} 0 R /MediaBox [0 0 {width} {height}] "
            f"/Contents {stream_numbers[content]} 0 R /Resources ".encode()
            + resources
            + b" >>"
        )
        for content in page_streams
    ]
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages_tree} 0 R >>".encode()
    kid_refs = " ".join(f"{kid} 0 R" for kid in kids)
    objects[pages_tree - 1] = f"<< /Type /Pages /Kids [{kid_refs}] /Count {len(kids)} >>".encode()
    return _serialise(objects, root=catalog)


def _stream(content: bytes, extra: bytes = b"") -> bytes:
    packed = zlib.compress(content)
    head = f"<< /Length {len(packed)} /Filter /FlateDecode".encode() + extra + b" >>"
    return head + b"\nstream\n" + packed + b"\nendstream"


def image_xobject(width: int, height: int, gray_pixels: bytes) -> bytes:
    """An 8-bit grayscale Image XObject, as a scanner would store a page."""
    return _stream(
        gray_pixels,
        f" /Type /XObject /Subtype /Image /Width {width} /Height {height}"
        " /ColorSpace /DeviceGray /BitsPerComponent 8".encode(),
    )


def _serialise(objects: list[bytes], root: int) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    out.write(b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets))
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root {root} 0 R >>\n".encode())
    out.write(f"startxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def text_page(*lines: str) -> bytes:
    """A page stream printing ASCII lines in Helvetica 12 from the top left."""
    shown = b" ".join(f"({_pdf_string(line)}) Tj T*".encode("latin-1") for line in lines)
    return b"BT /F1 12 Tf 14 TL 72 770 Td " + shown + b" ET"


def _pdf_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


# --- damaged and unusual PDFs ---------------------------------------------------------------


def truncated_pdf() -> bytes:
    """A real report cut off at 40 % of its bytes, as an interrupted upload leaves it."""
    data = GOOD_PDF.read_bytes()
    return data[: len(data) * 2 // 5]


def broken_startxref_pdf() -> bytes:
    """A real report whose ``startxref`` points into the header (a reader can rebuild the table)."""
    data = XREF_TABLE_PDF.read_bytes()
    return _changed(re.sub(rb"startxref\s+\d+", b"startxref\n17", data), data)


def broken_xref_offsets_pdf() -> bytes:
    """A real report whose cross-reference entries are all 5 bytes off, as after a bad edit."""
    data = XREF_TABLE_PDF.read_bytes()
    shifted = re.sub(
        rb"(?m)^(\d{10}) (\d{5}) n",
        lambda m: b"%010d %s n" % (int(m.group(1)) + 5, m.group(2)),
        data,
    )
    return _changed(shifted, data)


def _changed(damaged: bytes, original: bytes) -> bytes:
    if damaged == original:
        raise ValueError("the damage found nothing to change: has the fixture's layout changed?")
    return damaged


def many_pages_pdf(pages: int = 2000) -> bytes:
    """A long PDF of simple text pages (the same page stream, so the file stays small)."""
    return pdf_document([text_page("Annex: receipts register", "No table on this page.")] * pages)


def drawing_heavy_pdf(operations: int = 100_000) -> bytes:
    """One page of ``operations`` tiny filled squares (a hatch pattern), then a line of text."""
    columns = 400
    squares = [
        f"{40 + (i % columns) * 1.3:.1f} {60 + (i // columns) * 2.6:.1f} 0.6 0.6 re".encode()
        for i in range(operations)
    ]
    hatch = b"0.5 g\n" + b"\n".join(squares) + b"\nf\n0 g\n"
    return pdf_document([hatch + text_page("Site map of the district office (vector drawing)")])


def image_only_pdf() -> bytes:
    """A 'scanned' report: page 1 of a real Thai report rendered to a grayscale image, no text."""
    return _scanned_pdf()


def _scanned_pdf(typed: bytes = b"") -> bytes:
    """Page 1 of a real Thai report as a grayscale page image, with ``typed`` (a page content
    stream) set on top of it."""
    import pypdfium2  # ships with pdfplumber

    document = pypdfium2.PdfDocument(GOOD_PDF.read_bytes())
    try:
        bitmap = document[0].render(scale=100 / 72, grayscale=True)
        width, height, stride = bitmap.width, bitmap.height, bitmap.stride
        buffer = bytes(bitmap.buffer)
    finally:
        document.close()
    pixels = b"".join(buffer[row * stride : row * stride + width] for row in range(height))
    page_width, page_height = round(width * 72 / 100), round(height * 72 / 100)
    draw = f"q {page_width} 0 0 {page_height} 0 0 cm /Scan1 Do Q".encode()
    return pdf_document(
        [draw + (b"\n" + typed if typed else b"")],
        images={"Scan1": image_xobject(width, height, pixels)},
        media_box=(page_width, page_height),
    )


def stamped_scan_pdf() -> bytes:
    """The scanned page with a line typed on it after scanning (a receipt stamp with the date):
    a little text, the report itself in the image."""
    return _scanned_pdf(b"BT /F1 12 Tf 300 300 Td (RECEIVED 05/01/2025 No. 0147) Tj ET")


def cid_only_pdf() -> bytes:
    """A page whose font maps its codes to no character (no ToUnicode, glyph names no reader
    knows, no embedded font program): every reader gives "(cid:N)" for its text."""
    font = (
        b"<< /Type /Font /Subtype /Type1 /BaseFont /ABCDEF+THSarabunNew "
        b"/Encoding << /Type /Encoding /Differences [1 /g101 /g102 /g103 /g104 /g105 /g106] >> "
        b"/FirstChar 1 /LastChar 6 /Widths [500 500 500 500 500 500] >>"
    )
    lines = [bytes(range(1, 7)) * 8] * 12
    shown = b" ".join(b"(" + line + b") Tj T*" for line in lines)
    return pdf_document([b"BT /F1 16 Tf 20 TL 72 770 Td " + shown + b" ET"], font=font)


def jpeg_named_pdf() -> bytes:
    """A photo of a page, uploaded with a .pdf name."""
    from PIL import Image  # only to write the committed file

    image = Image.new("L", (120, 80), 255)
    image.paste(0, (10, 10, 110, 20))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=60)
    return out.getvalue()


def zip_named_pdf() -> bytes:
    """A ZIP of evidence files (not a Word document), uploaded with a .pdf name."""
    out = io.BytesIO()
    entries = {
        "หลักฐาน/คำสั่งแต่งตั้ง.txt": "คำสั่งองค์การบริหารส่วนตำบลหนองน้ำใส ที่ ๑๒/๒๕๖๘\n",
        "หลักฐาน/ภาพกิจกรรม.txt": "ภาพกิจกรรมวันต่อต้านคอร์รัปชันสากล\n",
    }
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in entries.items():  # a fixed date: the same bytes on every build
            archive.writestr(zipfile.ZipInfo(name, date_time=(2025, 1, 15, 9, 0, 0)), text)
    return out.getvalue()


# --- HTML and text dumps --------------------------------------------------------------------


def html_without_table() -> bytes:
    """An agency web page that links to its report instead of holding the table."""
    return (
        '<!DOCTYPE html>\n<html lang="th"><head><meta charset="utf-8">'
        "<title>การเปิดเผยข้อมูลสาธารณะ (OIT)</title></head><body>\n"
        "<h1>องค์การบริหารส่วนตำบลเนินทรายทอง</h1>\n"
        "<p>รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ๒๕๖๗"
        ' ดาวน์โหลดได้ที่ <a href="o36.pdf">ไฟล์รายงาน (PDF)</a></p>\n</body></html>\n'
    ).encode()


def html_with_data_uri(megabytes: int = 50, report: Report = NOEN_SAI_THONG) -> bytes:
    """A report page whose editor pasted a photo inline: ``megabytes`` of base64 in one attribute."""
    payload = base64.b64encode(bytes(range(256)) * (megabytes * 1024 * 1024 * 3 // 4 // 256))
    head = (
        f'<!DOCTYPE html>\n<html lang="th"><head><meta charset="utf-8">'
        f"<title>{html.escape(report.title)}</title></head><body>\n"
        f"<h1>{html.escape(report.title)}</h1>\n<h2>{html.escape(report.subtitle)}</h2>\n"
        '<p><img alt="ภาพกิจกรรม" src="data:image/jpeg;base64,'
    ).encode()
    return head + payload + b'"></p>\n' + _html_table(report).encode() + b"\n</body></html>\n"


def _html_table(report: Report) -> str:
    header = "".join(f"<th>{html.escape(text)}</th>" for text in report.header)
    rows = []
    for seq in range(1, len(report.measures) + 1):
        cells = "".join(
            "<td>" + "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs) + "</td>"
            for paragraphs in report_cells(report, seq)
        )
        rows.append(f"<tr>{cells}</tr>")
    return f'<table border="1"><tr>{header}</tr>{"".join(rows)}</table>'


def text_dump(report: Report, *, ragged: bool = False) -> bytes:
    """A tab-separated text dump of ``report`` (title lines, header row, one row per measure).

    ``ragged``: trailing empty cells dropped and a stray tab added, as hand-edited dumps have.
    """
    lines = [report.title, report.subtitle, "", "\t".join(report.header)]
    for seq in range(1, len(report.measures) + 1):
        cells = [
            "".join(f"<p>{p}</p>" for p in paragraphs) for paragraphs in report_cells(report, seq)
        ]
        if ragged and seq % 2 == 0:
            while cells and not cells[-1]:
                cells.pop()
            cells = cells[:-1]  # the last column left off
        elif ragged:
            cells.append("")  # one tab too many
        lines.append("\t".join(cells))
    return ("\n".join(lines) + "\n").encode("utf-8")


def ragged_text_dump() -> bytes:
    return text_dump(HUAI_SAI_NGAM, ragged=True)


def thai_named_report() -> bytes:
    """A good report; only its file name (Thai, spaces, brackets) is unusual."""
    return text_dump(NONG_NAM_SAI)


# --- the corpus -----------------------------------------------------------------------------

# The committed small corpus: file name → builder.
SMALL_CORPUS: dict[str, Callable[[], bytes]] = {
    "zero-byte.pdf": lambda: b"",
    "truncated.pdf": truncated_pdf,
    "broken-startxref.pdf": broken_startxref_pdf,
    "broken-xref-offsets.pdf": broken_xref_offsets_pdf,
    "jpeg-named.pdf": jpeg_named_pdf,
    "zip-named.pdf": zip_named_pdf,
    "image-only-scan.pdf": image_only_pdf,
    "stamped-scan.pdf": stamped_scan_pdf,
    "cid-only-text.pdf": cid_only_pdf,
    "html-without-table.html": html_without_table,
    "ragged-tabs.txt": ragged_text_dump,
    THAI_FILE_NAME: thai_named_report,
}
# Built at test time (large, or slow to read): file name → builder.
LARGE_CORPUS: dict[str, Callable[[], bytes]] = {
    "pages-2000.pdf": many_pages_pdf,
    "drawing-100k-ops.pdf": drawing_heavy_pdf,
    "html-data-uri-50mb.html": html_with_data_uri,
}


def distinct_copy(data: bytes, number: int) -> bytes:
    """The same document with different bytes (a trailing comment), so its hash differs."""
    return data + f"\n%copy {number}\n".encode()


def mixed_folder(folder: Path, files: int = 500, corpus_dir: Path = BAD_DIR) -> list[Path]:
    """A folder (in subfolders of 100) of ``files`` files cycling through the small corpus.

    Each file is named ``NNN-<corpus name>``, and its bytes are made distinct
    (``distinct_copy``) so no good report is skipped as already archived.
    """
    corpus = [(name, (corpus_dir / name).read_bytes()) for name in SMALL_CORPUS]
    written = []
    for number in range(files):
        name, data = corpus[number % len(corpus)]
        path = folder / f"batch-{number // 100:02d}" / f"{number:03d}-{name}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(distinct_copy(data, number) if data else data)
        written.append(path)
    return written


def distinct_reports(
    folder: Path, count: int, *, first: int = 0, pdf_only: bool = False
) -> list[Path]:
    """``count`` good reports with distinct bytes: our rendered PDFs and text dumps, in turn.

    Files are numbered from ``first``, so further calls add new reports to the same folder.
    """
    sources = [
        (path.name, path.read_bytes())
        for path in sorted(PDF_FIXTURES.glob("*.pdf"))
        if "encrypted" not in path.name
    ]
    if not pdf_only:
        reports = (NONG_NAM_SAI, NOEN_SAI_THONG, HUAI_SAI_NGAM)
        sources += [(f"{report.slug}.txt", text_dump(report)) for report in reports]
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for number in range(first, first + count):
        name, data = sources[number % len(sources)]
        path = folder / f"{number:03d}-{name}"
        path.write_bytes(distinct_copy(data, number))
        written.append(path)
    return written


def corpus_name(path: Path) -> str:
    """The corpus name a ``mixed_folder`` file was copied from."""
    return path.name.split("-", 1)[1]


def write_corpus(out_dir: Path = BAD_DIR) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, build in SMALL_CORPUS.items():
        path = out_dir / name
        path.write_bytes(build())
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    out_dir = Path(argv[1]) if len(argv) > 1 else BAD_DIR
    for path in write_corpus(out_dir):
        print(f"{path}  {path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
