"""Photos placed in the text with Markdown (``![alt](ky-ket.jpg)``) become ``<picture>``.

The ``<img>`` Markdown writes points at a file beside the article; it is found,
processed like a gallery photo, and replaced by responsive markup linking to the
large image (which the lightbox opens).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from thidua.domain.messages import t

from .model import Photo, Source
from .settings import GallerySettings
from .sources import PhotoRef, locate, problem

IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
KEPT_ATTRIBUTES = ("class", "id", "title")


@dataclass
class InlineImage:
    start: int
    end: int
    attrs: dict[str, str]
    ref: PhotoRef
    linked: bool  # already inside an <a>: no lightbox link around it


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        self.attrs = {name: value or "" for name, value in attrs}

    handle_startendtag = handle_starttag


def parse_attributes(tag: str) -> dict[str, str]:
    parser = _Attributes()
    parser.feed(tag)
    parser.close()
    return parser.attrs


def is_local(src: str) -> bool:
    """A path relative to the article (not a URL, not site-absolute, not a Pelican link)."""
    if not src or src.startswith(("/", "#", "{", "|", "data:")):
        return False
    parts = urlsplit(src)
    return not parts.scheme and not parts.netloc


def find(
    content: str, article_dir: str, gs: GallerySettings
) -> tuple[list[InlineImage], list[str]]:
    """The local images in an article's HTML, and the problems of those that cannot be used."""
    images, problems = [], []
    for match in IMG_TAG.finditer(content or ""):
        attrs = parse_attributes(match.group(0))
        src = attrs.get("src", "")
        if not is_local(src):
            continue
        name = unquote(urlsplit(src).path)
        path, what = locate(article_dir, name, gs)
        if what:
            problems.append(problem(name, t("{what} (ảnh chèn trong bài)", what=what)))
            continue
        before = content[: match.start()].lower()
        linked = before.rfind("<a ") > before.rfind("</a>")
        ref = PhotoRef(
            name=name, path=path, caption=attrs.get("title", ""), alt=attrs.get("alt", "")
        )
        images.append(InlineImage(match.start(), match.end(), attrs, ref, linked))
    return images, problems


def rewrite(
    content: str, replacements: list[tuple[InlineImage, Photo]], prefix: str, sizes: str, group: str
) -> str:
    """`content` with each found ``<img>`` replaced by its ``<picture>`` (first one not lazy)."""
    pieces, last = [], 0
    for number, (image, photo) in enumerate(replacements):
        pieces.append(content[last : image.start])
        pieces.append(picture_html(photo, image, prefix, sizes, eager=number == 0, group=group))
        last = image.end
    pieces.append(content[last:])
    return "".join(pieces)


def picture_html(
    photo: Photo, image: InlineImage, prefix: str, sizes: str, eager: bool, group: str
) -> str:
    def url(path: str) -> str:
        return html.escape(f"{prefix}/{path}")

    def srcset(source: Source) -> str:
        return html.escape(", ".join(f"{prefix}/{c.url} {c.width}w" for c in source.candidates))

    sources = "".join(
        f'<source type="{s.type}" srcset="{srcset(s)}" sizes="{html.escape(sizes)}">'
        for s in photo.sources
        if s.type != "image/jpeg"
    )
    kept = "".join(
        f' {name}="{html.escape(image.attrs[name])}"'
        for name in KEPT_ATTRIBUTES
        if name in image.attrs
    )
    loading = ' fetchpriority="high"' if eager else ' loading="lazy"'
    img = (
        f'<img src="{url(photo.src)}" srcset="{srcset(photo.jpeg)}" sizes="{html.escape(sizes)}"'
        f' width="{photo.width}" height="{photo.height}" alt="{html.escape(photo.alt)}"'
        f'{kept}{loading} decoding="async">'
    )
    markup = f'<picture class="inline-photo">{sources}{img}</picture>'
    if image.linked:
        return markup
    caption = html.escape(photo.caption or photo.alt)
    return (
        f'<a class="inline-photo__link" href="{url(photo.large_url)}" data-lightbox="{group}"'
        f' data-caption="{caption}" data-srcset="{srcset(photo.jpeg)}">{markup}</a>'
    )
