"""Which reader a file needs, decided from its bytes, never its name."""

from __future__ import annotations

import io
import re
import zipfile

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


def sniff_format(data: bytes) -> Format | None:
    """'pdf', 'docx', 'html' or 'text' from the content; None when it is none of them."""
    head = data[:4096]
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if _is_docx(data) else None
    if any(head.startswith(magic) for magic, _ in _NOT_REPORTS):
        return None
    if b"\x00" in head:
        return None  # binary, not text
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if _HTML_START.search(stripped[:2048]) and stripped.startswith(b"<"):
        return "html"
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
            return f"{name}, not a report (PDF, HTML, Word .docx or text dump)"
    if data.startswith(b"PK\x03\x04"):
        return "a ZIP archive that is not a Word .docx document"
    return "not a PDF, HTML page, Word .docx or tab-separated text dump"


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


def _looks_like_text(data: bytes) -> bool:
    try:
        data[:65536].decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start > 65530  # a multibyte character cut by the sample's end
    return True
