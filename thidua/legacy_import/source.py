"""Read a saved legacy page (HTML) or a copied text into blocks in reading order.

For HTML the element holding the article is found first, the way readers'
"reader mode" does: the element whose paragraphs carry the most text that is
not links. Blocks inside it are marked `in_article`; the rest of the page is
kept so the title and date just before it can still be found.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, Tag, UnicodeDammit
from bs4.element import CData, ProcessingInstruction

from .model import Block, ImportFailed, Source

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".aspx", ".asp", ".php", ".jsp")
_SKIP = {
    "script", "style", "noscript", "iframe", "object", "embed", "svg", "canvas", "button",
    "select", "option", "input", "textarea", "template", "head", "map", "video", "audio",
}  # fmt: skip
_BLOCK = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "tr", "table", "tbody",
    "thead", "tfoot", "ul", "ol", "dl", "dd", "dt", "blockquote", "section", "article", "main",
    "figure", "figcaption", "center", "header", "footer", "aside", "nav", "form", "pre",
    "address", "caption", "hr", "body", "html", "fieldset", "legend", "details", "summary",
}  # fmt: skip
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_FURNITURE_TAGS = {"nav", "aside", "footer"}
_FURNITURE_CLASS = re.compile(
    r"menu|nav|breadcrumb|footer|banner|sidebar|side-bar|counter|thong-?ke|visitor|login|"
    r"dang-?nhap|lien-?ket|weblink|web-?link|share|social|print|toolbar|other|tin-?khac|"
    r"related|comment|binh-?luan|advert|quang-?cao",
    re.I,
)
_TITLE_CLASS = re.compile(r"title|tieu-?de|headline", re.I)
_NOT_TITLE_CLASS = re.compile(r"sub-?title|sapo|desc|caption|site|logo|box|block|menu", re.I)
_CAPTION_CLASS = re.compile(r"caption|chu-?thich|img-?desc|image-?desc|photo-?desc|note", re.I)
_ICON = re.compile(
    r"icon|logo|spacer|blank|pixel|button|btn|banner|print|email|mail|facebook|zalo|twitter|"
    r"share|arrow|bullet|rss|flag|loading",
    re.I,
)
_MIN_ARTICLE_CHARS = 150  # less than this is a menu or a notice, not an article
# Reading walks the page one Python call per level; real pages nest a few dozen levels,
# and this many stays well inside Python's recursion limit (1000).
MAX_DEPTH = 400


def read_source(path: str | Path) -> Source:
    """The blocks of a saved page or text copy; ImportFailed when there is nothing to read."""
    path = Path(path)
    if not path.is_file():
        raise ImportFailed(f"không thấy tệp: {path}")
    data = path.read_bytes()
    if not data.strip():
        raise ImportFailed(f"{path} rỗng: không có nội dung bài viết")
    if _looks_like_html(path, data):
        markup = UnicodeDammit(data, ["utf-8", "windows-1258", "windows-1252"], is_html=True)
        try:
            return _from_html(str(path), normalise(markup.unicode_markup or ""))
        except RecursionError:  # MAX_DEPTH is checked first; this is for a deep caller
            raise _too_deep(path) from None
    return _from_text(str(path), normalise(_decode_text(data)))


def normalise(text: str) -> str:
    """NFC (pasted Vietnamese is often decomposed), no-break and zero-width spaces folded."""
    text = unicodedata.normalize("NFC", text)
    return re.sub(r"[\u00a0\u2007\u202f]", " ", re.sub(r"[\u200b-\u200d\ufeff]", "", text))


def _looks_like_html(path: Path, data: bytes) -> bool:
    if path.suffix.lower() in HTML_SUFFIXES:
        return True
    head = data[:4000].lower()
    return any(tag in head for tag in (b"<html", b"<body", b"<!doctype", b"<div", b"<p>", b"<p "))


def _decode_text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("windows-1258", errors="replace")


def _from_text(path: str, text: str) -> Source:
    lines = [" ".join(line.split()) for line in text.splitlines()]
    blocks = [Block(line, tag="line") for line in lines if line]
    return Source(path, "text", blocks)


# -- HTML ---------------------------------------------------------------------


def _too_deep(path: str | Path) -> ImportFailed:
    return ImportFailed(
        f"{path}: trang lồng quá sâu, không đọc được (hơn {MAX_DEPTH} tầng thẻ HTML)"
    )


def _deeper_than(root: Tag, limit: int) -> bool:
    """Whether elements nest more than `limit` levels, found without recursion."""
    stack = [(root, 0)]
    while stack:
        tag, depth = stack.pop()
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in tag.children if isinstance(child, Tag))
    return False


def _from_html(path: str, markup: str) -> Source:
    soup = BeautifulSoup(markup, "html.parser")
    if _deeper_than(soup, MAX_DEPTH):
        raise _too_deep(path)
    titles = _page_titles(soup)
    url = _page_url(soup, markup)
    for tag in soup.find_all(_SKIP):
        tag.decompose()
    root = soup.body or soup
    container = _find_container(root)
    if container is None:
        raise ImportFailed(
            f"{path}: không thấy nội dung bài viết (không có đoạn văn nào ngoài menu và "
            "danh sách liên kết)"
        )
    walker = _Walker(container)
    walker.walk(root, _Context(in_article=root is container))
    walker.flush(_Context())
    return Source(path, "html", walker.blocks, titles, url)


def _page_titles(soup: BeautifulSoup) -> list[str]:
    titles = []
    for attrs in ({"property": "og:title"}, {"name": "title"}, {"name": "twitter:title"}):
        meta = soup.find("meta", attrs=attrs)
        if meta and meta.get("content"):
            titles.append(" ".join(str(meta["content"]).split()))
    if soup.title and soup.title.string:
        titles.append(" ".join(soup.title.string.split()))
    return [t for t in titles if t]


_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(https?://[^\s>]+?)\s*-->", re.I)


def _page_url(soup: BeautifulSoup, markup: str) -> str:
    """The address the page was saved from: its canonical link, og:url, or the browser's
    'saved from url' note. Used to recognise a page imported before."""
    link = soup.find("link", rel=lambda v: v and "canonical" in v)
    candidates = [link.get("href") if link else None]
    meta = soup.find("meta", attrs={"property": "og:url"})
    candidates.append(meta.get("content") if meta else None)
    saved = _SAVED_FROM.search(markup[:2000])
    candidates.append(saved.group(1) if saved else None)
    for candidate in candidates:
        text = str(candidate or "").strip()
        if text.lower().startswith(("http://", "https://")) and " " not in text:
            return text
    return ""


def _block_parent(node) -> Tag | None:
    for parent in node.parents:
        if parent.name in _BLOCK:
            return parent
    return None


def _class_text(tag: Tag) -> str:
    return " ".join(tag.get("class") or []) + " " + str(tag.get("id") or "")


def _find_container(root: Tag) -> Tag | None:
    """The element whose paragraphs hold the most text that is not links."""
    own: dict[int, int] = defaultdict(int)
    linked: dict[int, int] = defaultdict(int)
    tags: dict[int, Tag] = {}
    for string in root.find_all(string=True):
        if isinstance(string, Comment | Declaration | Doctype | CData | ProcessingInstruction):
            continue
        size = len(string.strip())
        block = _block_parent(string)
        if not size or block is None:
            continue
        key = id(block)
        tags[key] = block
        own[key] += size
        if string.find_parent("a") is not None:
            linked[key] += size
    score: dict[int, float] = defaultdict(float)
    furniture_cache: dict[int, bool] = {}
    for key, size in own.items():
        block = tags[key]
        if size < 25 or linked[key] > size / 2 or block.name in _HEADINGS:
            continue
        if _in_furniture(block, furniture_cache):
            continue
        score[key] += size
        parent = block.parent
        if parent is not None:
            score[id(parent)] += size * 0.9
            tags[id(parent)] = parent
            if parent.parent is not None:
                score[id(parent.parent)] += size * 0.5
                tags[id(parent.parent)] = parent.parent
    if not score:
        return None
    best = max(score, key=lambda k: score[k])
    return tags[best] if score[best] >= _MIN_ARTICLE_CHARS else None


def _in_furniture(tag: Tag, cache: dict[int, bool]) -> bool:
    chain = []
    node: Tag | None = tag
    result = False
    while node is not None and node.name not in (None, "[document]"):
        if id(node) in cache:
            result = cache[id(node)]
            break
        chain.append(node)
        if node.name in _FURNITURE_TAGS or _FURNITURE_CLASS.search(_class_text(node)):
            result = True
            break
        node = node.parent
    for seen in chain:
        cache[id(seen)] = result
    return result


@dataclass(frozen=True)
class _Context:
    tag: str = ""
    heading: bool = False
    title_class: bool = False
    centered: bool = False
    list_kind: str = ""
    caption: bool = False
    group: int = 0
    in_article: bool = False
    furniture: bool = False


@dataclass
class _Piece:
    text: str
    link: bool
    bold: bool
    italic: bool


class _Walker:
    """Turns the DOM into blocks: every block element and <br> ends a block."""

    def __init__(self, container: Tag):
        self.container = container
        self.around = {id(a) for a in container.parents} | {id(container)}
        self.blocks: list[Block] = []
        self.pieces: list[_Piece] = []
        self.groups = itertools.count(1)

    def walk(self, node: Tag, ctx: _Context, link=False, bold=False, italic=False) -> None:
        for child in node.children:
            if isinstance(child, Comment | Declaration | Doctype | CData | ProcessingInstruction):
                continue
            if isinstance(child, NavigableString):
                self.pieces.append(_Piece(str(child), link, bold, italic))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name
            if name == "br":
                self.flush(ctx)
            elif name == "img":
                self.flush(ctx)
                self.image(child, ctx)
            elif name in _BLOCK:
                self.flush(ctx)
                inner = self.enter(child, ctx)
                self.walk(child, inner)
                self.flush(inner)
            else:
                style = str(child.get("style") or "").replace(" ", "").lower()
                self.walk(
                    child,
                    ctx,
                    link or name == "a",
                    bold or name in ("strong", "b") or "font-weight:bold" in style,
                    italic or name in ("em", "i") or "font-style:italic" in style,
                )

    def enter(self, tag: Tag, ctx: _Context) -> _Context:
        classes = _class_text(tag)
        style = str(tag.get("style") or "").replace(" ", "").lower()
        align = str(tag.get("align") or "").lower()
        centered = ctx.centered
        if tag.name == "center" or "text-align:center" in style or align == "center":
            centered = True
        elif re.search(r"text-align:(left|right|justify)", style) or align in ("left", "right"):
            centered = False
        list_kind = ctx.list_kind
        if tag.name == "li":
            parent = tag.find_parent(["ol", "ul"])
            list_kind = parent.name if parent is not None else "ul"
        furniture = ctx.furniture or (
            id(tag) not in self.around
            and (tag.name in _FURNITURE_TAGS or bool(_FURNITURE_CLASS.search(classes)))
        )
        title_class = ctx.title_class or (
            bool(_TITLE_CLASS.search(classes)) and not _NOT_TITLE_CLASS.search(classes)
        )
        return replace(
            ctx,
            tag=tag.name,
            heading=ctx.heading or tag.name in _HEADINGS,
            title_class=title_class,
            centered=centered,
            list_kind=list_kind,
            caption=ctx.caption or tag.name == "figcaption" or bool(_CAPTION_CLASS.search(classes)),
            group=next(self.groups) if tag.name in ("table", "figure") else ctx.group,
            in_article=ctx.in_article or tag is self.container,
            furniture=furniture,
        )

    def flush(self, ctx: _Context) -> None:
        pieces, self.pieces = self.pieces, []
        text = " ".join("".join(p.text for p in pieces).split())
        if not text:
            return
        letters = sum(len(p.text.strip()) for p in pieces) or 1

        def share(flag: str) -> float:
            return sum(len(p.text.strip()) for p in pieces if getattr(p, flag)) / letters

        self.blocks.append(
            Block(
                text=text,
                tag=ctx.tag,
                heading=ctx.heading,
                title_class=ctx.title_class,
                bold=share("bold") > 0.95,
                italic=share("italic") > 0.95,
                centered=ctx.centered,
                list_kind=ctx.list_kind,
                link_share=share("link"),
                caption_hint=ctx.caption,
                group=ctx.group,
                in_article=ctx.in_article,
                furniture=ctx.furniture,
            )
        )

    def image(self, img: Tag, ctx: _Context) -> None:
        src = str(img.get("src") or img.get("data-src") or img.get("data-original") or "").strip()
        if not src or src.startswith("data:") or _ICON.search(src.rsplit("/", 1)[-1]):
            return
        for size in (img.get("width"), img.get("height")):
            if size and str(size).isdigit() and int(size) < 50:
                return  # a bullet or a button, not a photo
        self.blocks.append(
            Block(
                text="",
                kind="image",
                tag="img",
                centered=ctx.centered,
                caption_hint=ctx.caption,
                group=ctx.group,
                in_article=ctx.in_article,
                furniture=ctx.furniture,
                src=src,
                alt=" ".join(str(img.get("alt") or "").split()),
            )
        )
