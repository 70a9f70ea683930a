"""What the search index holds of each published report, from what the build already knows.

No built page is read back: the title, the text (the article's own HTML with
its tags dropped), the facts shown beside it (cluster, units, event, place,
author, photo captions), the words with every diacritic removed (Pagefind keeps
"đ" apart from "d", so "dak nong" needs "Đắk Nông" folded), the filters and
the metadata a result shows. Each record becomes a small HTML document that
only Pagefind reads; the published pages are not touched.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field

from thidua.domain import vietnamese

_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class SearchRecord:
    path: str  # the page's file in the site, e.g. bai-viet/2024/x/index.html
    title: str
    text: str
    meta: dict[str, str] = field(default_factory=dict)
    filters: dict[str, str] = field(default_factory=dict)
    sort: dict[str, str] = field(default_factory=dict)


def plain_text(fragment: str) -> str:
    """Text of an HTML fragment the templates did not make (the article body)."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", fragment or ""))).strip()


def folded_words(text: str) -> list[str]:
    """Each word that changes when its marks are removed, folded, once, in order.

    'Đắk Nông ký kết' -> ['dak', 'nong', 'ky', 'ket']; words without marks are
    left out since the text already matches them.
    """
    seen: dict[str, None] = {}
    for word in set(_WORD.findall(text.casefold())):
        folded = vietnamese.strip_diacritics(word)
        if folded != word:
            seen.setdefault(folded, None)
    return sorted(seen)


def article_record(article, date_label: str, fold: bool = True) -> SearchRecord:
    """The record of one published report."""
    emulation = article.emulation
    facts = [emulation.cluster.full_name, *(u.name for u in emulation.units)]
    if emulation.event is not None:
        facts.append(emulation.event.label)
    facts += [getattr(article, name, "") or "" for name in ("location", "author_unit")]
    if getattr(article, "author", None):
        facts.append(str(article.author))
    photos = article.gallery.photos if article.gallery else []
    captions = [photo.caption for photo in photos if photo.caption]
    text = " ".join([plain_text(article.content), *captions, *filter(None, facts)])
    meta = {"title": article.title, "date": date_label, "cluster": emulation.cluster.full_name}
    filters = {"year": str(emulation.year), "cluster": emulation.cluster.full_name}
    if emulation.event is not None:
        meta["event"] = filters["event"] = emulation.event.label
    cover = article.gallery.cover if article.gallery else None
    if cover is not None and cover.jpeg is not None:
        meta["image"] = "/" + cover.jpeg.candidates[0].url
        meta["image_alt"] = cover.alt
    if fold:
        meta["fold"] = " ".join(folded_words(f"{article.title} {text}"))
    save_as = article.save_as + ("index.html" if article.save_as.endswith("/") else "")
    return SearchRecord(
        path=posixpath.normpath(save_as), title=article.title, text=text, meta=meta,
        filters=filters, sort={"date": article.date.isoformat()},
    )  # fmt: skip


def record_html(record: SearchRecord, language: str) -> str:
    """The document Pagefind indexes for `record` (text escaped; nothing else in it)."""
    esc = html.escape
    parts = [f'<!DOCTYPE html><html lang="{esc(language)}"><head><meta charset="utf-8">'
             f"<title>{esc(record.title)}</title></head><body><main data-pagefind-body>"
             f"<h1>{esc(record.title)}</h1><p>{esc(record.text)}</p>"]  # fmt: skip
    for name, value in record.meta.items():
        if name != "title":
            parts.append(f'<span hidden data-pagefind-meta="{esc(name)}:{esc(value)}"></span>')
    for name, value in record.filters.items():
        parts.append(f'<span hidden data-pagefind-filter="{esc(name)}:{esc(value)}"></span>')
    for name, value in record.sort.items():
        parts.append(f'<span hidden data-pagefind-sort="{esc(name)}:{esc(value)}"></span>')
    parts.append("</main></body></html>")
    return "".join(parts)
