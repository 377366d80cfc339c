"""Write ``normalize/data/thai_widths.json``: glyph advance widths (em) of a TH Sarabun-metric font.

The wrap model (``normalize.wraps``) lays text out the way a word processor did, so it needs the
advance width of each code point. Debian's Laksaman (fonts-thai-tlwg) is a clone of TH Sarabun New,
which has the metrics of the TH Sarabun PSK / SarabunIT๙ fonts Thai government documents are set in.
Combining marks have zero advance. Needs fontTools (script-only dependency).

Run: /work/venv/bin/python scripts/make_width_table.py [--font PATH]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FONT = Path("/usr/share/fonts/truetype/tlwg/Laksaman.ttf")
OUTPUT = ROOT / "normalize" / "data" / "thai_widths.json"

# Code points the table covers: printable ASCII, Thai, and the punctuation reports use.
RANGES = [(0x20, 0x7E), (0x0E01, 0x0E5B)]
EXTRA = "\u00a0“”‘’–—…•·×÷°%"


def code_points() -> list[int]:
    points = [cp for start, end in RANGES for cp in range(start, end + 1)]
    return points + [ord(ch) for ch in EXTRA if ord(ch) not in points]


def advance_widths(font_path: Path) -> tuple[str, dict[str, float]]:
    font = TTFont(font_path)
    cmap = font.getBestCmap()
    metrics = font["hmtx"]
    units = font["head"].unitsPerEm
    widths = {}
    for cp in code_points():
        glyph = cmap.get(cp)
        if glyph is not None:
            widths[chr(cp)] = round(metrics[glyph][0] / units, 4)
    return font["name"].getDebugName(4) or font_path.stem, widths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--font", type=Path, default=DEFAULT_FONT)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    name, widths = advance_widths(args.font)
    # Code points the font lacks are laid out at the average letter width.
    letters = [w for ch, w in widths.items() if ch.isalpha() and w > 0]
    table = {
        "font": name,
        "unit": "em",
        "default": round(sum(letters) / len(letters), 4),
        "widths": widths,
    }
    args.output.write_text(json.dumps(table, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{len(widths)} code points from {name} → {args.output.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
