"""HTML fragments → text blocks (paragraphs and list items), never markup.

Shared by every reader whose cells hold HTML: the text dump (cells are HTML fragments) and HTML pages.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from extract.model import BlockKind, TextBlock

BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "table",
        "tr",
        "section",
        "article",
        "header",
        "footer",
    ]
)
SKIPPED_TAGS = frozenset(
    ["script", "style", "template", "noscript", "head", "title", "meta", "link", "button", "select"]
)
_SPACES = re.compile(r"[ \t\r\n\f\u00a0\u202f]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def is_hidden(tag: Tag) -> bool:
    """Content the page does not show: hidden attribute, display:none, Word's mso-hide."""
    if tag.has_attr("hidden") or tag.get("aria-hidden") == "true":
        return True
    style = tag.get("style") or ""
    return bool(_HIDDEN_STYLE.search(style) or "mso-hide:all" in style.replace(" ", "").lower())


def fragment_blocks(fragment: str) -> list[TextBlock]:
    """Blocks of an HTML fragment: '<p>๑. ก</p> <p>๒. ข</p>' → two paragraphs."""
    soup = BeautifulSoup(fragment, "lxml")
    root = soup.body or soup
    return element_blocks(root)


def element_blocks(element: Tag) -> list[TextBlock]:
    """Blocks of an element's content, each ``<p>``/``<li>``/… one block, ``<br>`` a line break."""
    collector = _BlockCollector()
    collector.walk(element, "p")
    collector.flush()
    return collector.blocks


class _BlockCollector:
    def __init__(self) -> None:
        self.blocks: list[TextBlock] = []
        self.lines: list[str] = [""]
        self.kind: BlockKind = "p"

    def walk(self, element: Tag, kind: BlockKind) -> None:
        for child in element.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                self.lines[-1] += str(child)
            elif isinstance(child, Tag):
                self.visit(child, kind)

    def visit(self, tag: Tag, kind: BlockKind) -> None:
        name = tag.name.lower() if tag.name else ""
        if name in SKIPPED_TAGS or is_hidden(tag) or (":" in name and name.endswith(":p")):
            return  # Word's <o:p> holds only &nbsp;
        if name == "br":
            self.lines.append("")
            return
        if name not in BLOCK_TAGS:
            self.walk(tag, kind)
            return
        self.flush()
        if name == "li":
            parent = tag.find_parent(["ol", "ul"])
            kind = "step" if parent is not None and parent.name == "ol" else "li"
        self.kind = kind
        self.walk(tag, kind)
        self.flush()

    def flush(self) -> None:
        lines = [_SPACES.sub(" ", line).strip() for line in self.lines]
        lines = [line for line in lines if line]
        if lines:
            self.blocks.append(TextBlock(lines=lines, kind=self.kind))
        self.lines = [""]
        self.kind = "p"
