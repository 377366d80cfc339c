"""Speed of the full normalise pass over a few MB of Thai report text, on one core.

The pass is what the pipeline runs on PDF text: per line ``repair_thai_chars`` then
``restore_sara_am``, Thai → Arabic digits for the search copy, and ``assess_thai_quality`` per page.

Text comes from the real sample report in ../shared (read at run time, never copied): its cell text
is cut into phrases, and pages are assembled from phrases drawn at random and sometimes glued
together, so the text holds new letter runs rather than the same few repeated (the dictionary
caches would otherwise make the figures meaningless). Two corpora are timed:

- clean: the report's text as published;
- damaged: the same pages as a font that loses sara am's ring prints them ("ส านักงาน"), so every
  page takes the dictionary path.

A report repeats its phrases, so the dictionary caches help on both. ``--unique`` adds a third
corpus with almost no repetition: pythainlp's bundled Wikipedia titles (names, places, topics),
damaged the same way, as the cold-cache worst case.

Figures are per core: CPU seconds of this process (wall time is printed beside them).

Usage: PYTHAINLP_OFFLINE=1 PYTHAINLP_READ_ONLY=1 python scripts/bench_normalize.py [--mb 3]
"""

from __future__ import annotations

import argparse
import html
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SEED = ROOT.parent / "shared" / "samples" / "khaokrapuk-2568.dump.txt"

from normalize.chars import repair_thai_chars, restore_sara_am  # noqa: E402
from normalize.lexicon import coverage  # noqa: E402
from normalize.numerals import thai_to_arabic_digits  # noqa: E402
from normalize.quality import assess_thai_quality  # noqa: E402

LINE_CHARS = 90  # a PDF line of a table cell or a paragraph
PAGE_LINES = 40


def seed_phrases() -> list[str]:
    text = html.unescape(re.sub(r"<[^>]+>", "\n", SEED.read_text(encoding="utf-8")))
    return [p for p in re.split(r"[\t\n ]+", text) if p.strip()]


def make_pages(phrases: list[str], megabytes: float, rng: random.Random) -> list[str]:
    """Pages of lines built from random phrases; one junction in five glues two phrases."""
    pages: list[str] = []
    size = 0
    while size < megabytes * 1_000_000:
        lines = []
        for _ in range(PAGE_LINES):
            line = ""
            while len(line) < LINE_CHARS:
                glue = "" if rng.random() < 0.2 else " "
                line = f"{line}{glue}{rng.choice(phrases)}" if line else rng.choice(phrases)
            lines.append(line)
        page = "\n".join(lines)
        pages.append(page)
        size += len(page.encode("utf-8"))
    return pages


def title_pages(megabytes: float, rng: random.Random) -> list[str]:
    from importlib import resources

    path = resources.files("pythainlp.corpus").joinpath("wikipedia_titles_th.txt")
    titles = [t for t in path.read_text(encoding="utf-8").splitlines()[2:] if t.strip()]
    rng.shuffle(titles)
    pages, lines, line, size = [], [], "", 0
    for title in titles:
        line = f"{line} {title}" if line else title
        if len(line) >= LINE_CHARS:
            lines.append(line)
            line = ""
        if len(lines) == PAGE_LINES:
            pages.append("\n".join(lines))
            size += len(pages[-1].encode("utf-8"))
            lines = []
            if size >= megabytes * 1_000_000:
                break
    return pages


def lose_the_ring(page: str) -> str:
    """ำ as a font with a broken ToUnicode map gives it: a space, then า."""
    return page.replace("\u0e33", " \u0e32")


def normalise_page(page: str) -> tuple[str, str, float]:
    repaired = "\n".join(restore_sara_am(repair_thai_chars(line)) for line in page.split("\n"))
    return repaired, thai_to_arabic_digits(repaired), assess_thai_quality(page).score


def run(name: str, pages: list[str]) -> None:
    coverage.cache_clear()  # time the dictionary work, not a warm cache
    chars = sum(map(len, pages))
    megabytes = sum(len(p.encode("utf-8")) for p in pages) / 1_000_000
    wall, cpu = time.perf_counter(), time.process_time()
    scores = [normalise_page(page)[2] for page in pages]
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    low = sum(score < 0.8 for score in scores)
    # per core: CPU seconds of this process (other work on the machine does not count)
    print(
        f"{name:14} {megabytes:5.2f} MB {chars / 1e6:5.2f} M chars  cpu {cpu:5.2f} s "
        f"(wall {wall:5.2f} s)  {chars / cpu / 1e6:5.2f} M chars/s  {megabytes / cpu:5.2f} MB/s  "
        f"pages below 0.8: {low}/{len(pages)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=3.0, help="UTF-8 megabytes per corpus")
    parser.add_argument("--seed", type=int, default=2568)
    parser.add_argument("--unique", action="store_true", help="also time unrepeated text")
    args = parser.parse_args()

    start = time.perf_counter()
    normalise_page(lose_the_ring("ส านักงาน ยุทธศำสตร์ ๒๕๖๘"))  # loads dictionary and data files
    print(f"first call (loads the dictionary and data files): {time.perf_counter() - start:.2f} s")

    rng = random.Random(args.seed)
    pages = make_pages(seed_phrases(), args.mb, rng)
    run("clean", pages)
    run("damaged", [lose_the_ring(page) for page in pages])
    if args.unique:
        titles = title_pages(args.mb, rng)
        run("unique", titles)
        run("unique-damaged", [lose_the_ring(page) for page in titles])


if __name__ == "__main__":
    main()
