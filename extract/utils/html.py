"""HTML fragments → text blocks (paragraphs and list items), never markup.

Shared by every reader whose cells hold HTML: the text dump (cells are HTML fragments) and HTML pages.
Pages also need what a reader of the page would not see taken away: hidden elements, scripts,
navigation menus and footers.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from bs4 import (
    BeautifulSoup,
    Comment,
    Declaration,
    Doctype,
    NavigableString,
    ProcessingInstruction,
    Tag,
)

from extract.model import BlockKind, TextBlock
from extract.utils.colour import markup_fill
from normalize.lists import step_marker

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
        "nav",
        "aside",
        "main",
        "td",
        "th",
        "caption",
        "thead",
        "tbody",
        "tfoot",
        "dl",
        "dt",
        "dd",
        "center",
        "address",
        "figure",
        "figcaption",
        "form",
        "fieldset",
        "legend",
        "details",
        "summary",
        "hr",
    ]
)
SKIPPED_TAGS = frozenset(
    ["script", "style", "template", "noscript", "head", "title", "meta", "link", "button", "select"]
)
_NOT_TEXT = (Comment, Declaration, Doctype, ProcessingInstruction)
MAX_TREE_DEPTH = 512  # as Chromium's HTML parser
_SPACES = re.compile(r"[ \t\r\n\f\u00a0\u202f]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# class/id words of site furniture: menus, breadcrumbs, sidebars, footers
_FURNITURE_WORDS = frozenset(
    [
        "nav",
        "navbar",
        "navigation",
        "menu",
        "menubar",
        "mainmenu",
        "topmenu",
        "submenu",
        "sidebar",
        "breadcrumb",
        "breadcrumbs",
        "footer",
        "skip",
        "sitemap",
        "pagination",
        "share",
        "social",
    ]
)
_FURNITURE_ROLES = frozenset(["navigation", "contentinfo", "complementary", "menu", "menubar"])
_WORD_SPLIT = re.compile(r"[-_\s]+")
_BACKGROUND_STYLE = re.compile(r"background(?:-color)?\s*:\s*([^;]+)", re.IGNORECASE)


def is_hidden(tag: Tag) -> bool:
    """Content the page does not show: hidden attribute, display:none, Word's mso-hide."""
    if tag.has_attr("hidden") or tag.get("aria-hidden") == "true":
        return True
    style = tag.get("style") or ""
    return bool(_HIDDEN_STYLE.search(style) or "mso-hide:all" in style.replace(" ", "").lower())


def cell_fill(cell: Tag) -> str | None:
    """The colour a table cell is shaded with: its inline style's background, else its bgcolor
    (``markup_fill`` key; None for white or none). Colours set by a class in a style sheet are not
    read."""
    found = _BACKGROUND_STYLE.search(cell.get("style") or "")
    value = found.group(1).strip() if found else str(cell.get("bgcolor") or "")
    if value.lower().startswith(("rgb", "hsl")):
        value = value[: value.find(")") + 1]  # the function form, spaces and all
    else:
        value = next((word for word in value.split() if not word.startswith("url(")), "")
    return markup_fill(value)


def is_furniture(tag: Tag) -> bool:
    """Site furniture around the content: navigation, menus, breadcrumbs, sidebars, footers."""
    if tag.name in ("nav", "footer", "aside"):
        return True
    if (tag.get("role") or "").lower() in _FURNITURE_ROLES:
        return True
    names = " ".join([*(tag.get("class") or []), tag.get("id") or ""]).lower()
    return any(word in _FURNITURE_WORDS for word in _WORD_SPLIT.split(names))


def is_link_list(tag: Tag) -> bool:
    """A list or table whose every piece of text is a link: a menu, whatever its markup."""
    if tag.name not in ("ul", "ol", "table", "div"):
        return False
    links = tag.find_all("a")
    if not links:
        return False
    linked = sum(_text_length(a) for a in links)
    return linked > 0 and linked == _text_length(tag)


def remove_unseen(root: Tag) -> None:
    """Take out what a reader of the page does not see or does not read as content: comments,
    scripts and styles, hidden elements, then navigation, footers and link menus (never an element
    holding most of the page's text: a wrapper merely named "…-sidebar" is not furniture)."""
    for comment in root.find_all(string=lambda text: isinstance(text, Comment)):
        comment.extract()
    _decompose(t for t in root.find_all(True) if t.name in SKIPPED_TAGS or is_hidden(t))
    total = _text_length(root)
    _decompose(
        tag
        for tag in root.find_all(True)
        if (is_furniture(tag) or is_link_list(tag)) and _text_length(tag) * 2 <= total
    )


def _decompose(tags: Iterable[Tag]) -> None:
    for tag in list(tags):
        if not tag.decomposed:  # not already gone with an ancestor
            tag.decompose()


def _text_length(tag: Tag) -> int:
    return len(_SPACES.sub("", tag.get_text()))


def limit_depth(root: Tag, max_depth: int = MAX_TREE_DEPTH) -> None:
    """Elements nested deeper than ``max_depth`` become their text: a browser's parser caps the
    depth too, and no page nests that deep but a broken or hostile one."""
    stack = [(root, 0)]
    while stack:
        tag, depth = stack.pop()
        for child in tag.find_all(True, recursive=False):
            if depth + 1 < max_depth:
                stack.append((child, depth + 1))
            else:
                text = child.get_text()
                child.clear()
                child.append(text)


def _list_kind(item: Tag) -> BlockKind:
    parent = item.find_parent(["ol", "ul"])
    return "step" if parent is not None and parent.name == "ol" else "li"


def collapse_spaces(text: str) -> str:
    """Runs of whitespace (``&nbsp;`` included) as one space, ends trimmed."""
    return _SPACES.sub(" ", text).strip()


def fragment_blocks(fragment: str) -> list[TextBlock]:
    """Blocks of an HTML fragment: '<p>๑. ก</p> <p>๒. ข</p>' → two paragraphs."""
    soup = BeautifulSoup(fragment, "lxml")
    root = soup.body or soup
    limit_depth(root)
    return element_blocks(root)


def element_blocks(element: Tag) -> list[TextBlock]:
    """Blocks of an element's content, each ``<p>``/``<li>``/… one block, ``<br>`` a line break."""
    return [item for item in flow_blocks(element) if isinstance(item, TextBlock)]


def flow_blocks(element: Tag, stops: Collection[Tag] = ()) -> list[TextBlock | Tag]:
    """Blocks of an element's content in reading order, each element of ``stops`` (the page's
    tables) left in place of its content."""
    collector = _BlockCollector({id(tag) for tag in stops})
    collector.walk(element, "p")
    collector.flush()
    return collector.items


_END_OF_BLOCK = object()  # marks, on the walk's stack, where a block element closes


class _BlockCollector:
    """Walks the tree with its own stack (pages can nest elements deeper than Python recurses)."""

    def __init__(self, stops: set[int] | None = None) -> None:
        self.items: list[TextBlock | Tag] = []
        self.stops = stops or set()
        self.lines: list[str] = [""]
        self.kind: BlockKind = "p"

    def walk(self, element: Tag, kind: BlockKind) -> None:
        stack: list[tuple[object, BlockKind]] = [(c, kind) for c in reversed(element.contents)]
        while stack:
            node, kind = stack.pop()
            if node is _END_OF_BLOCK:
                self.flush()
            elif isinstance(node, NavigableString):
                if not isinstance(node, _NOT_TEXT):
                    self.lines[-1] += str(node)
            elif isinstance(node, Tag) and self.visit(node):
                if node.name in BLOCK_TAGS:
                    self.flush()
                    kind = _list_kind(node) if node.name == "li" else kind
                    self.kind = kind
                    stack.append((_END_OF_BLOCK, kind))
                stack += [(child, kind) for child in reversed(node.contents)]

    def visit(self, tag: Tag) -> bool:
        """Handle a tag that holds no text to walk; True when its content is to be walked."""
        name = tag.name
        if name in SKIPPED_TAGS or is_hidden(tag) or (":" in name and name.endswith(":p")):
            return False  # Word's <o:p> holds only &nbsp;
        if name == "br":
            self.lines.append("")
            return False
        if id(tag) in self.stops:
            self.flush()
            self.items.append(tag)
            return False
        return True

    def flush(self) -> None:
        lines = [collapse_spaces(line) for line in self.lines]
        lines = [line for line in lines if line]
        if lines:
            # an item of a numbered list that also prints its number is an ordinary paragraph
            kind: BlockKind = "p" if self.kind == "step" and step_marker(lines[0]) else self.kind
            self.items.append(TextBlock(lines=lines, kind=kind))
        self.lines = [""]
        self.kind = "p"
