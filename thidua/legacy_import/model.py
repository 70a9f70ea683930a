"""The objects passed from one step of the import to the next."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field


class ImportFailed(Exception):
    """The import cannot go on; the message tells the archivist what to do."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code


@dataclass
class Block:
    """One line or paragraph of the source in reading order, with what the markup said of it."""

    text: str
    kind: str = "text"  # "text" or "image"
    tag: str = ""  # the enclosing block element: p, div, li, td, h2 … ("line" for plain text)
    heading: bool = False  # inside h1–h6
    title_class: bool = False  # an element whose class or id says "title" / "tieude"
    bold: bool = False  # every letter inside <strong>/<b>
    italic: bool = False
    centered: bool = False
    list_kind: str = ""  # "ol" or "ul" for a list item
    link_share: float = 0.0  # part of the text inside links: lists of other posts are all links
    caption_hint: bool = False  # figcaption or a class such as "caption"
    group: int = 0  # the table or figure around it: an image and its caption share it
    in_article: bool = False  # inside the element found to hold the article (HTML only)
    furniture: bool = False  # inside nav/aside/footer or a menu, sidebar, counter …
    src: str = ""  # images only
    alt: str = ""

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass
class Source:
    """A legacy page read into blocks in reading order."""

    path: str
    kind: str  # "html" or "text"
    blocks: list[Block]
    page_titles: list[str] = field(default_factory=list)  # og:title, <title>
    url: str = ""  # the page's own address when the saved page says it (canonical, og:url)


@dataclass
class FoundDate:
    value: dt.datetime
    has_time: bool
    evidence: str  # the text it was read from


@dataclass
class Photo:
    src: str = ""  # as written in the page ('' for a caption found in a text copy)
    alt: str = ""
    caption: str = ""


@dataclass
class Byline:
    author: str = ""
    author_unit: str = ""
    raw: str = ""


@dataclass
class BodyBlock:
    """A piece of the clean body: a paragraph, a heading or a list item."""

    kind: str  # "p", "h", "ol", "ul"
    text: str


@dataclass
class Extracted:
    title: str
    date: FoundDate | None
    body: list[BodyBlock]
    photos: list[Photo] = field(default_factory=list)
    byline: Byline | None = None
    title_guessed: bool = False  # from the page's <title>: no heading stood before the text
    documents: list[str] = field(default_factory=list)
    # What was taken away, by kind ("visitor counter": 2), and blocks left outside the article.
    removed: Counter = field(default_factory=Counter)
    outside: int = 0

    @property
    def text(self) -> str:
        """The body as plain text, for the guesses."""
        return "\n".join(b.text for b in self.body)


@dataclass
class Guess:
    """A value read from the text, with where it came from for the archivist to check."""

    value: object
    evidence: str
    given: bool = False  # given by the archivist (option or answers file): nothing to check
    named: list = field(default_factory=list)  # units: the members the text names


@dataclass
class Need:
    """A field the import could not settle: asked for instead of guessed."""

    field: str  # "title", "date", "cluster", "year", "slug"
    message: str  # what is unsettled, with the evidence (Vietnamese)
    candidates: list[str] = field(default_factory=list)  # one line per candidate
    how: str = ""  # what to do (Vietnamese)


# What became of one page.
IMPORTED, NEEDS_ANSWER, DUPLICATE, ALREADY, REFUSED = (
    "imported", "needs-answer", "duplicate", "already-imported", "refused",
)  # fmt: skip
STATUS_LABELS = {
    IMPORTED: "đã nhập",
    NEEDS_ANSWER: "cần trả lời",
    DUPLICATE: "trùng bài đã có",
    ALREADY: "đã nhập lần trước",
    REFUSED: "từ chối",
}


@dataclass
class PageResult:
    page: str  # as the archivist names it (relative to the folder imported)
    status: str
    title: str = ""
    target: str = ""  # the article written, or the existing one it duplicates
    reason: str = ""  # why refused or skipped (Vietnamese)
    needs: list[Need] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was guessed and should be checked
    proposals: list[str] = field(default_factory=list)  # registry proposals written for it
    problems: list[str] = field(default_factory=list)  # what `make check` says of the draft
    removed: Counter = field(default_factory=Counter)
    code: int = 2  # exit code of a one-page import refused: 1 = an article is in the way
    rendered: str = ""  # the article text (dry run)
