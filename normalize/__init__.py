"""Pure Thai text functions: text in, text out, no I/O.

Modules by concept:

- ``chars``      code-point repair of extracted Thai (PUA glyphs, sara am, mark order, invisibles)
- ``wraps``      line-wrap space repair (keep an author's space, drop a wrap artefact)
- ``numerals``   Thai ↔ Arabic digits
- ``dates``      Buddhist-era years, fiscal years, Thai dates and periods
- ``amounts``    money amounts as exact ``Decimal``
- ``lists``      numbered steps and bullets
- ``units``      responsible units (ผู้รับผิดชอบ)
- ``agencies``   agency names, districts, provinces, stable agency keys
- ``headers``    table header variants → canonical columns
- ``indicators`` ITA indicator of a measure (keyword rules kept as data)
- ``quality``    Thai text health score of an extracted page
- ``search``     the normalised copy that feeds full-text search
- ``lexicon``    how much of a Thai run is dictionary words (shared by ``chars`` and ``quality``)
- ``data_files`` loading and caching of ``normalize/data``

Thai domain facts live as data in ``normalize/data``.
"""

import os as _os

# pythainlp must never try to download or write a data directory: only bundled data is used.
_os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
_os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
