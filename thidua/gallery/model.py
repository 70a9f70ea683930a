"""What templates get: a processed photo with ready URLs, and where its files come from."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field

from thidua.domain import vietnamese

from .images import derivative_name
from .settings import EXTENSIONS, FORMAT_TYPES, GallerySettings


@dataclass
class Candidate:
    url: str  # site-relative, no leading slash
    width: int


def _no_prefix() -> str:
    return ""


@dataclass
class Source:
    """One ``<source>`` of a ``<picture>``: a format in every width.

    ``srcset`` is ready to use: a template cannot put SITEURL before each URL of
    a list, so every URL already carries the SITEURL of the page being written.
    """

    type: str
    candidates: list[Candidate]
    siteurl: Callable[[], str] = field(default=_no_prefix, repr=False)

    @property
    def srcset(self) -> str:
        prefix = self.siteurl()
        return ", ".join(f"{prefix}/{c.url} {c.width}w" for c in self.candidates)

    def __getitem__(self, name: str):  # templates may write source["srcset"]
        return getattr(self, name)


@dataclass
class Photo:
    """A published photo. URLs are site-relative; templates prefix ``{{ SITEURL }}/``."""

    file: str
    caption: str
    alt: str
    credit: str
    width: int  # of the largest derivative
    height: int
    sources: list[Source]
    src: str  # middle-sized JPEG, the <img> fallback
    large_url: str  # largest JPEG: lightbox and no-JS link target
    index: int | None = None  # 1-based place in the article's gallery
    original_url: str | None = None
    jpeg: Source | None = field(default=None, repr=False)

    siteurl_of_page: Callable[[], str] = field(default=_no_prefix, repr=False)

    @property
    def srcset(self) -> str:
        """The JPEG srcset of the <img> itself (URLs with the page's SITEURL)."""
        return self.jpeg.srcset if self.jpeg else ""

    @property
    def siteurl(self) -> str:
        """SITEURL of the page being written (relative when RELATIVE_URLS is on)."""
        return self.siteurl_of_page()


class PublishPlan:
    """Every file the output needs (output path -> cache file), with unique URLs."""

    def __init__(self, gs: GallerySettings, object_dir, context: dict | None = None) -> None:
        self.gs = gs
        self.object_dir = object_dir
        context = context if context is not None else {}
        # Pelican's writer keeps the SITEURL of the page being written here.
        self.siteurl = lambda: str(context.get("localsiteurl") or "").rstrip("/")
        self.files: dict[str, str] = {}  # output path -> cache file
        self.sources: dict[str, tuple[str, str]] = {}  # output path -> (key, source path)
        self._bases: dict[str, str] = {}  # url base -> cache key

    def url_base(self, slug: str, name: str, key: str) -> str:
        """``anh/<slug>/<stem>``, made unique when two different files would share it."""
        folder = f"{self.gs.output_dir}/{vietnamese.slugify(slug) or 'bai-viet'}"
        stem = vietnamese.slugify(os.path.splitext(os.path.basename(name))[0]) or "anh"
        base, number = f"{folder}/{stem}", 1
        while self._bases.setdefault(base, key) != key:
            number += 1
            base = f"{folder}/{stem}-{number}"
        return base

    def photo(self, ref, key: str, entry: dict, slug: str, index: int | None = None) -> Photo:
        """The Photo of a processed source `ref` (its cache `key` and `entry`) in article `slug`."""
        path = ref.path
        base = self.url_base(slug, ref.name, key)
        folder = self.object_dir(key)
        sizes = [tuple(s) for s in entry["sizes"]]
        sources = []
        for fmt in self.gs.formats:
            candidates = []
            for width, _height in sizes:
                url = f"{base}-{width}.{EXTENSIONS[fmt]}"
                self._add(url, os.path.join(folder, derivative_name(width, fmt)), key, path)
                candidates.append(Candidate(url, width))
            sources.append(Source(FORMAT_TYPES[fmt], candidates, self.siteurl))
        jpeg = sources[-1]  # formats are ordered best first, JPEG last
        original_url = None
        if entry.get("original"):
            original_url = f"{base}.{entry['original'].rsplit('.', 1)[-1]}"
            self._add(original_url, os.path.join(folder, entry["original"]), key, path)
        width, height = sizes[-1]
        return Photo(
            file=ref.name,
            caption=ref.caption,
            alt=ref.alt or ref.caption or (f"Ảnh {index}" if index else "Ảnh"),
            credit=ref.credit,
            width=width,
            height=height,
            sources=sources,
            src=jpeg.candidates[len(sizes) // 2].url,
            large_url=jpeg.candidates[-1].url,
            index=index,
            original_url=original_url,
            jpeg=jpeg,
            siteurl_of_page=self.siteurl,
        )

    def _add(self, url: str, cache_file: str, key: str, path: str) -> None:
        self.files[url] = cache_file
        self.sources[url] = (key, path)
