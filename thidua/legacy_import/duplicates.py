"""Articles already on the site, to skip a page imported before or a report already there.

A page is the same as an article when the article was imported from the same
source (the same file, by its SHA-256, or the same address the saved page
names: both are written in the draft's header as "# nguồn: …"), or when both
have the same title, compared folded, and the same day (within a week: the
portal's posting date and the event date an editor gave the site's article).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from thidua.domain import frontmatter, vietnamese
from thidua.domain.dates import DateError, parse_date

SOURCE_LINE = "# nguồn:"
_FINGERPRINT = re.compile(r"^# nguồn:.*\bsha256 ([0-9a-f]{16,64})", re.M)
_URL = re.compile(r"^# địa chỉ gốc: (\S+)", re.M)
_HEADER_LIMIT = 64_000
NEAR_DAYS = 7  # a report and its posting: days apart, never a week


def fingerprint(data: bytes) -> str:
    """The first 16 hex digits of the file's SHA-256: the same file, whatever its name."""
    return hashlib.sha256(data).hexdigest()[:16]


def title_key(title: str) -> str:
    """Titles compared without case, marks, punctuation or spacing."""
    return vietnamese.slugify(title)


@dataclass
class Known:
    path: Path
    title: str
    day: dt.date | None
    fingerprints: set[str] = field(default_factory=set)
    urls: set[str] = field(default_factory=set)


class Index:
    """Every article under content/articles, read once; new drafts are added as written."""

    def __init__(self, content: Path):
        self.content = content
        self.known: list[Known] = []
        articles = content / "articles"
        if articles.is_dir():
            for path in sorted(articles.rglob("*.md")):
                if path.is_file():
                    self._read(path)

    def _read(self, path: Path) -> None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return
        header = text[:_HEADER_LIMIT]
        values = frontmatter.parse(text).values or {}
        title = str(values.get("title") or values.get("Title") or "")
        self.known.append(
            Known(
                path,
                title,
                _day(values.get("date") or values.get("Date")),
                set(_FINGERPRINT.findall(header)),
                set(_URL.findall(header)),
            )
        )

    def add(self, path: Path, title: str, day: dt.date | None, print_: str, url: str) -> None:
        self.known.append(Known(path, title, day, {print_} if print_ else set(),
                                {url} if url else set()))  # fmt: skip

    def by_source(self, print_: str, url: str) -> Known | None:
        for known in self.known:
            if print_ in known.fingerprints or (url and url in known.urls):
                return known
        return None

    def by_title_and_day(self, title: str, day: dt.date, days: int = NEAR_DAYS) -> Known | None:
        """An article with the same title dated the same day, or within a few days: the
        portal's posting date and the site's event date of one report differ by that much."""
        key = title_key(title)
        near = [
            k
            for k in self.known
            if key and title_key(k.title) == key and k.day and abs((k.day - day).days) <= days
        ]
        return min(near, key=lambda k: abs((k.day - day).days), default=None)

    def same_title(self, title: str) -> list[Known]:
        key = title_key(title)
        return [k for k in self.known if key and title_key(k.title) == key]


def _day(value) -> dt.date | None:
    if value is None:
        return None
    try:
        return parse_date(value if isinstance(value, dt.date) else str(value)).date()
    except (DateError, ValueError):
        return None
