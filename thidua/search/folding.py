"""A diacritic-free copy of each page's searchable words, hidden in the indexed HTML.

Pagefind 1.5 folds tone and vowel marks when it matches ("uoc" finds "ước"),
but keeps "đ" a letter of its own, so "dak nong" never reaches "Đắk Nông" and
"giao uoc thi dua" misses every page that writes "đua". Before indexing, each
page gets a hidden ``data-pagefind-meta="fold"`` element listing its words with
every mark removed (``vietnamese.strip_diacritics``: đ -> d). Pagefind searches
metadata too, so a query typed without marks matches those words, while the
page's excerpt still comes from its real text. The published HTML never
carries this copy: only the files handed to Pagefind do.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from thidua.domain import vietnamese

FOLD_META = "fold"
_BODY_ATTR = "data-pagefind-body"
_IGNORE_ATTR = "data-pagefind-ignore"
_SKIPPED_TAGS = {"script", "style", "template", "noscript"}
_VOID_TAGS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "source", "track", "wbr",
}  # fmt: skip
_WORD = re.compile(r"\w+")
_BODY_END = re.compile(r"</body\s*>", re.IGNORECASE)


class _IndexedText(HTMLParser):
    """Collects the text Pagefind indexes: inside data-pagefind-body (or the whole
    <body> when no page element is marked), outside ignored elements."""

    def __init__(self, whole_body: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.whole_body = whole_body
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, opens body, skips)
        self.body_depth = 0
        self.skip_depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name for name, _value in attrs}
        opens_body = _BODY_ATTR in names or (self.whole_body and tag == "body")
        skips = tag in _SKIPPED_TAGS or _IGNORE_ATTR in names
        if self.body_depth and not self.skip_depth:
            self.parts.extend(v for n, v in attrs if n == "alt" and v)
        if tag in _VOID_TAGS:
            return
        self.stack.append((tag, opens_body, skips))
        self.body_depth += opens_body
        self.skip_depth += skips

    def handle_endtag(self, tag: str) -> None:
        if not any(open_tag == tag for open_tag, _, _ in self.stack):
            return  # a stray end tag: nothing to close
        while self.stack:
            open_tag, opens_body, skips = self.stack.pop()
            self.body_depth -= opens_body
            self.skip_depth -= skips
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.body_depth and not self.skip_depth:
            self.parts.append(data)


def indexed_text(page_html: str, whole_body: bool = False) -> str:
    """The text of a page that Pagefind indexes, as one string."""
    parser = _IndexedText(whole_body)
    parser.feed(page_html)
    parser.close()
    return " ".join(parser.parts)


def folded_words(text: str) -> list[str]:
    """Each word that changes when its marks are removed, folded, once, in order.

    'Đắk Nông ký kết' -> ['dak', 'nong', 'ky', 'ket']; words without marks are
    left out since the page text already matches them.
    """
    seen: dict[str, None] = {}
    for word in _WORD.findall(text.casefold()):
        folded = vietnamese.strip_diacritics(word)
        if folded != word:
            seen.setdefault(folded, None)
    return list(seen)


def fold_block(words: list[str]) -> str:
    """The hidden element Pagefind reads the folded words from."""
    return (
        f'<div hidden {_IGNORE_ATTR}><span data-pagefind-meta="{FOLD_META}">'
        f"{html.escape(' '.join(words))}</span></div>"
    )


def with_folded_copy(page_html: str, whole_body: bool = False) -> str:
    """The page with its folded words added just before </body> (unchanged if none)."""
    words = folded_words(indexed_text(page_html, whole_body))
    if not words:
        return page_html
    block = fold_block(words)
    ends = list(_BODY_END.finditer(page_html))
    if not ends:
        return page_html + block
    at = ends[-1].start()
    return page_html[:at] + block + page_html[at:]


def marks_body(page_html: str) -> bool:
    """Whether the page marks its main content for the index."""
    return _BODY_ATTR in page_html
