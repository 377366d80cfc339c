"""Which reader a file needs, and which encoding an HTML page is in, decided from its bytes,
never its name."""

from __future__ import annotations

import codecs
import io
import re
import zipfile

from charset_normalizer import from_bytes

from extract.model import Format

_HTML_START = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|table|meta|div|p|h[1-6]|title)[\s>/]", re.IGNORECASE
)
# magic numbers of files agencies upload by mistake, for a plain error message
_NOT_REPORTS = (
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\xd0\xcf\x11\xe0", "an old Office (.doc/.xls) file"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"\x1f\x8b", "a gzip archive"),
)


_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# <meta charset="…">, <meta http-equiv="Content-Type" content="text/html; charset=…">, <?xml encoding>
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.-]+)|<\?xml[^>]*?encoding\s*=\s*["']([a-z0-9_:.-]+)""",
    re.IGNORECASE,
)
# Thai single-byte pages are TIS-620 / ISO-8859-11, which windows-874 extends (WHATWG decodes
# them all as windows-874); Latin labels are a common mistake on old Thai sites.
_THAI_SINGLE_BYTE = "cp874"
_LATIN_SINGLE_BYTE = frozenset(["cp1252", "iso8859-1", "ascii", "iso8859-15"])
_UTF8_THAI = re.compile(rb"\xe0[\xb8\xb9][\x80-\xbf]")
_ASCII_BYTES = bytes(range(0x80))
_THAI_LETTERS = re.compile("[\u0e01-\u0e5b]")
_DECLARATION_SCAN = 16384  # Word's saved pages put the meta after a long block of styles


def sniff_format(data: bytes) -> Format | None:
    """'pdf', 'docx', 'xlsx', 'html' or 'text' from the content; None when it is none of them."""
    head = data[:4096]
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _office_format(data)
    if any(head.startswith(magic) for magic, _ in _NOT_REPORTS):
        return None
    if head.startswith(_UTF16_BOMS):
        return (
            "html" if _HTML_START.search(head.decode("utf-16", errors="ignore").encode()) else None
        )
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    opens_as_html = stripped.startswith(b"<") and _HTML_START.search(stripped[:2048])
    if opens_as_html and head.count(b"\x00") * 10 < len(head):
        return "html"  # a stray NUL does not make a page binary
    if b"\x00" in head:
        return None  # binary, not text
    if b"\t" in data and _looks_like_text(data):
        return "text"
    if _HTML_START.search(head):
        return "html"
    return None


def describe_unrecognised(data: bytes) -> str:
    """A plain reason why ``sniff_format`` found no reader."""
    if not data:
        return "empty file"
    if not data.strip():
        return "file holds only whitespace"
    for magic, name in _NOT_REPORTS:
        if data.startswith(magic):
            return f"{name}, not a report (PDF, HTML, Word .docx, Excel .xlsx or text dump)"
    if data.startswith(b"PK\x03\x04"):
        return "a ZIP archive that is not a Word .docx or Excel .xlsx document"
    return "not a PDF, HTML page, Word .docx, Excel .xlsx or tab-separated text dump"


def _office_format(data: bytes) -> Format | None:
    """'docx' or 'xlsx' for a ZIP archive holding a Word document or an Excel workbook."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return None
    if "word/document.xml" in names:
        return "docx"
    return "xlsx" if "xl/workbook.xml" in names else None


def _looks_like_text(data: bytes) -> bool:
    try:
        data[:65536].decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start > 65530  # a multibyte character cut by the sample's end
    return True


def html_encoding(data: bytes) -> str:
    """The Python codec to decode an HTML page with.

    A byte-order mark wins; then bytes that are valid UTF-8 (a page re-saved as UTF-8 often keeps
    its old declaration); then the ``<meta>`` declaration, unless it names a Latin code page for
    bytes that read as Thai; undeclared single-byte Thai is windows-874.
    """
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith(_UTF16_BOMS):
        return "utf-16"
    if _is_utf8(data) or _mostly_utf8_thai(data):
        return "utf-8"  # (decoded with replacement: a few damaged bytes do not make it Thai 874)
    declared = declared_encoding(data)
    if declared not in (None, "utf-8", *_LATIN_SINGLE_BYTE):
        return declared
    if _reads_as_thai(data):
        return _THAI_SINGLE_BYTE
    if declared is not None:
        return declared
    guess = from_bytes(data[:65536]).best()
    return guess.encoding if guess is not None else "utf-8"


def declared_encoding(data: bytes) -> str | None:
    """The codec a page's ``<meta>`` (or XML declaration) names, if Python knows it."""
    match = _DECLARED_CHARSET.search(data[:_DECLARATION_SCAN])
    if match is None:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii").lower()
    if label in ("tis-620", "tis620", "iso-8859-11", "iso8859-11", "x-windows-874", "windows-874"):
        return _THAI_SINGLE_BYTE
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    # a page that reached us as bytes cannot be UTF-16 without a byte-order mark (WHATWG: UTF-8)
    return "utf-8" if name.startswith(("utf-16", "utf-32")) else name


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _high_bytes(data: bytes) -> bytes:
    return data.translate(None, _ASCII_BYTES)


def _mostly_utf8_thai(data: bytes) -> bool:
    high = len(_high_bytes(data))
    return high > 0 and 3 * len(_UTF8_THAI.findall(data)) >= 0.8 * high


def _reads_as_thai(data: bytes) -> bool:
    """Bytes above ASCII that decode in windows-874 to Thai text, almost all of them letters."""
    high = _high_bytes(data)
    if not high:
        return False
    text = high.decode(_THAI_SINGLE_BYTE, errors="replace")
    return len(_THAI_LETTERS.findall(text)) >= 0.9 * len(text)
