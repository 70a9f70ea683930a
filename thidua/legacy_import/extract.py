"""Find the article among the debris: title, date, body, photos with captions, byline.

HTML pages come with the element holding the article already marked (see
``source``); for a plain-text copy the article is the largest run of long lines.
The title is the heading just before the body, the date the first one near the
title: dates further away belong to the portal's header or to other posts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from thidua.domain import vietnamese

from . import dates, debris
from .model import Block, BodyBlock, Byline, Extracted, FoundDate, ImportFailed, Photo, Source

LINKS = "lists of links (menus, other posts)"
STOPS = 'headings of other-post lists ("Tin khác", "Các tin đã đưa" …)'
_LONG_WORDS = 12  # a line this long that ends a sentence is article text, not a menu item
_SENTENCE_END = (".", "!", "?", ":", ";", "…", '"', "”", ")")
_OL_ITEM = re.compile(r"^(\d{1,2})\s*[.)/]\s+(?=\S)")
_UL_ITEM = re.compile(r"^[-–—+•·*▪►]\s*(?=\S)")
_TITLE_STAMP = re.compile(r"\s*[(\[]\s*([^()\[\]]*\d{4}[^()\[\]]*)[)\]]\s*$")
_DOCUMENT = re.compile(
    r"\b(?:Kế hoạch|Quyết định|Chỉ thị|Công văn|Thông báo|Hướng dẫn|Nghị quyết|Thông tư|"
    r"Nghị định|Quy chế|Báo cáo|Tờ trình)\s+số\s+\d[\w./\-]*"
    r"(?:\s+ngày\s+(?:\d{1,2}/\d{1,2}/\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}))?",
)
_BYLINE_PREFIX = re.compile(
    r"^(?:(?:tin|bài)(?:\s*(?:,|và|/|&|-)\s*ảnh)?|ảnh|tác\s+giả|người\s+viết|theo|nguồn)\s*:\s*",
    re.I,
)
_OFFICE_START = (
    "van phong", "phong ", "ban ", "thanh tra", "vksnd", "vien ", "toa an", "tand", "cum ",
    "khoi ", "kho bac", "kbnn", "ngan hang", "trung tam", "cong ty", "hoi ", "cong doan",
    "doan ", "chi doan", "chi bo", "bo phan", "to ", "uy ban", "ubnd", "so ", "cuc ",
    "chi cuc", "buu dien", "doi ", "cong an", "hdtdkt", "hoi dong", "bao ", "dang uy",
)  # fmt: skip


@dataclass
class _Line:
    block: Block
    text: str  # without the image toolbar word
    toolbar: int = 0
    debris: str | None = None
    stop: bool = False

    @property
    def long(self) -> bool:
        words = len(self.text.split())
        return words >= _LONG_WORDS and (self.text.endswith(_SENTENCE_END) or words >= 30)


def extract(source: Source) -> Extracted:
    """The article in `source`; ImportFailed when no article text or title is found."""
    lines = [_line(block) for block in source.blocks]
    if source.kind == "html":
        title_idx, title, start, end = _html_region(lines, source.page_titles)
    else:
        title_idx, title, start, end = _text_region(lines)
    title, stamp = _split_title_stamp(title)
    result = Extracted(title=title, date=None, body=[], title_guessed=title_idx is None)
    region = _cut_at_stop(lines, start, end)
    first_para = next((i for i in region if lines[i].long and not lines[i].debris), start)
    result.date = stamp or _pick_date(lines, title_idx, first_para, region)
    tail = _tail(lines, region[-1] + 1 if region else end + 1)
    body, photos, links = _body(lines, region, title)
    result.photos = photos
    result.byline, body = _take_byline(body, tail)
    result.body = body
    if not any(b.kind == "p" for b in body):
        raise ImportFailed(f"no article text found in {source.path}: only a title and debris")
    if result.date is None:
        result.date = _date_in_text(result.text)
    result.documents = list(dict.fromkeys(m.group(0) for m in _DOCUMENT.finditer(result.text)))
    _count_removed(result, lines, region, links)
    return result


def _line(block: Block) -> _Line:
    if block.kind == "image":
        return _Line(block, "")
    text, toolbar = debris.strip_toolbar(block.text)
    return _Line(block, text, toolbar, debris.kind_of(text), debris.is_stop(text))


# -- Where the article is -----------------------------------------------------


def _html_region(lines: list[_Line], page_titles: list[str]) -> tuple[int | None, str, int, int]:
    inside = [i for i, line in enumerate(lines) if line.block.in_article]
    if not inside:
        raise ImportFailed("no article text found: the page has no paragraph of running text")
    first, last = inside[0], inside[-1]
    first_para = next((i for i in inside if lines[i].long and not lines[i].debris), first)
    title_idx = _html_title(lines, page_titles, first_para)
    if title_idx is not None:
        return title_idx, lines[title_idx].text, title_idx + 1, last
    if page_titles:
        # No heading before the body: the page's <title> names the article.
        return None, _clean_page_title(page_titles[0]), first, last
    raise ImportFailed("no title found: the page has no heading before the article text")


def _title_like(line: _Line) -> bool:
    words = len(line.text.split())
    return (
        line.block.kind == "text"
        and 4 <= words <= 60
        and not line.debris
        and not line.stop
        and not line.toolbar
        and not line.text.endswith((".", ":", ";"))
    )


def _html_title(lines: list[_Line], page_titles: list[str], first_para: int) -> int | None:
    """The heading nearest before the body; one the <title> also names wins."""
    candidates = [
        i
        for i in range(max(0, first_para - 40), first_para + 1)
        if (lines[i].block.heading or lines[i].block.title_class)
        and not (lines[i].block.furniture and not lines[i].block.in_article)
        and _title_like(lines[i])
    ]
    if not candidates:
        # A title written as a bold line at the top of the article.
        candidates = [
            i
            for i in range(max(0, first_para - 3), first_para)
            if lines[i].block.bold and lines[i].block.in_article and _title_like(lines[i])
        ]
    named = [
        i
        for i in candidates
        if any(_fold(lines[i].text) in _fold(t) or _fold(t) in _fold(lines[i].text)
               for t in page_titles)
    ]  # fmt: skip
    chosen = (named or candidates or [None])[-1]
    if chosen is not None and any(lines[i].stop for i in range(chosen, first_para)):
        return None  # the heading of some list between it and the article
    return chosen


def _clean_page_title(title: str) -> str:
    parts = [p.strip() for p in re.split(r"\s+\|\s+", title) if p.strip()]
    return max(parts, key=len) if parts else title


def _text_region(lines: list[_Line]) -> tuple[int | None, str, int, int]:
    """The largest run of long lines; menus are runs of short ones."""
    runs: list[tuple[int, int, int]] = []  # (weight, start, end)
    start = end = None
    weight = shorts = 0
    for i, line in enumerate(lines):
        if line.debris and not line.long:
            continue
        if line.stop:
            if start is not None:
                runs.append((weight, start, end))
            start, weight, shorts = None, 0, 0
            continue
        listed = bool(_OL_ITEM.match(line.text) or _UL_ITEM.match(line.text))
        if line.long or (start is not None and (listed or line.toolbar)):
            if start is None:
                start = i
            end, shorts = i, 0
            weight += len(line.text)
        elif start is not None:
            shorts += 1
            if shorts > 3:
                runs.append((weight, start, end))
                start, weight, shorts = None, 0, 0
    if start is not None:
        runs.append((weight, start, end))
    if not runs:
        raise ImportFailed("no article text found: no paragraph of running text in the file")
    _weight, start, end = max(runs)
    for i in range(start - 1, max(-1, start - 9), -1):
        line = lines[i]
        if line.debris or line.toolbar or not line.text:
            continue
        if line.stop:
            break
        if _title_like(line):
            return i, line.text, i + 1, end
    raise ImportFailed(
        "no title found: put the title on its own line just above the first paragraph"
    )


def _cut_at_stop(lines: list[_Line], start: int, end: int) -> list[int]:
    """Indices of the article, up to the first 'Tin khác'-like heading after the body began."""
    region = []
    began = False
    for i in range(start, end + 1):
        line = lines[i]
        if line.stop and began:
            break
        block = line.block
        if block.furniture and not block.in_article and line.debris != "date line":
            continue  # a sidebar between the title and the article element
        began = began or line.long
        region.append(i)
    return region


def _tail(lines: list[_Line], after: int) -> list[str]:
    """Up to two short lines after the article: a byline printed below the body element."""
    tail = []
    for line in lines[after : after + 4]:
        if line.debris or not line.text:
            continue
        if line.stop or line.block.link_share >= 0.5 or len(line.text.split()) > 20:
            break
        tail.append(line.text)
        if len(tail) == 2:
            break
    return tail


# -- The date -----------------------------------------------------------------


def _split_title_stamp(title: str) -> tuple[str, FoundDate | None]:
    match = _TITLE_STAMP.search(title)
    if match:
        found = dates.find_dates(match.group(1))
        if found:
            return title[: match.start()].strip(), _found(found[0], title, "after the title")
    return title.strip(), None


def _pick_date(lines, title_idx, first_para, region) -> FoundDate | None:
    """The article's own date: the first date line after the title, else just before it."""
    after = (title_idx + 1) if title_idx is not None else (region[0] if region else 0)
    for i in range(after, max(after, first_para) + 1):
        if i < len(lines) and lines[i].debris == "date line":
            return _found(dates.find_dates(lines[i].text)[0], lines[i].text, "near the title")
    if title_idx is not None:
        for i in range(title_idx - 1, max(-1, title_idx - 4), -1):
            line = lines[i]
            if line.debris == "date line" and not (line.block.furniture and line.block.link_share):
                return _found(dates.find_dates(line.text)[0], line.text, "just above the title")
    for i in region:
        if lines[i].debris == "date line":
            return _found(dates.find_dates(lines[i].text)[0], lines[i].text, "in the article")
    return None


def _date_in_text(text: str) -> FoundDate | None:
    found = dates.find_dates(text)
    if not found:
        return None
    snippet = text[max(0, found[0].start - 20) : found[0].end + 5]
    return _found(found[0], snippet, "in the body text (no date line)")


def _found(match: dates.DateMatch, text: str, where: str) -> FoundDate:
    return FoundDate(match.value, match.has_time, f'"{_short(text, 60)}" {where}')


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


# -- The body -----------------------------------------------------------------


def _body(lines, region, title) -> tuple[list[BodyBlock], list[Photo], int]:
    """Body blocks and photos; a caption is the text right after its image."""
    body: list[BodyBlock] = []
    photos: list[Photo] = []
    pending: Photo | None = None  # a photo still waiting for its caption
    pending_group = 0
    toolbar_seen = False
    links = 0
    seen = {_fold(title)}
    for i in region:
        line, block = lines[i], lines[i].block
        if block.kind == "image":
            if pending is not None and toolbar_seen and not pending.src and not pending.caption:
                # The toolbar came first: this is the image it stood beside.
                pending.src, pending.alt, pending_group = block.src, block.alt, block.group
                continue
            pending, pending_group, toolbar_seen = Photo(block.src, block.alt), block.group, False
            photos.append(pending)
            continue
        if line.debris or line.stop:
            continue
        if block.link_share >= 0.6 and len(line.text.split()) < 30:
            links += 1
            continue
        text = line.text
        if line.toolbar:
            if not text:
                if pending is None:
                    pending = Photo()
                    photos.append(pending)
                toolbar_seen = True
                continue
            if pending is not None and not pending.caption:
                pending.caption = text
            else:
                photos.append(Photo(caption=text))
            pending = None
            continue
        if pending is not None and _caption_like(block, pending_group, toolbar_seen):
            pending.caption, pending = text, None
            continue
        pending = None
        if _fold(text) in seen:
            continue  # the title repeated inside the article, a lead printed twice
        seen.add(_fold(text))
        body.append(_body_block(block, text))
    return body, photos, links


def _caption_like(block: Block, group: int, toolbar_seen: bool) -> bool:
    short = len(block.text.split()) <= 40
    return (
        block.caption_hint
        or (block.italic and short)
        or bool(group and block.group == group)
        or (block.centered and short)
        or ((toolbar_seen or block.tag == "line") and short)
    )


def _body_block(block: Block, text: str) -> BodyBlock:
    numbered = _OL_ITEM.match(text)
    if block.list_kind:
        if numbered:
            return BodyBlock("ol", text[numbered.end() :])
        return BodyBlock(block.list_kind, _UL_ITEM.sub("", text))
    if numbered:
        return BodyBlock("ol", text[numbered.end() :])
    if _UL_ITEM.match(text):
        return BodyBlock("ul", _UL_ITEM.sub("", text, count=1))
    words = len(text.split())
    if (
        words <= 25
        and not text.endswith((".", ";", ","))
        and (block.heading or block.bold or (text.isupper() and 2 <= words <= 15))
    ):
        return BodyBlock("h", text)
    return BodyBlock("p", text)


# -- The byline ---------------------------------------------------------------


def _take_byline(body: list[BodyBlock], tail: list[str]) -> tuple[Byline | None, list[BodyBlock]]:
    """The last short line(s), ending the body or just below it, naming a person or an office."""
    ends = [(b.text, True) for b in body[-2:] if b.kind in ("p", "h")]
    if body and body[-1].kind not in ("p", "h"):
        ends = []
    for lines in (ends + [(t, False) for t in tail], ends) if tail else (ends,):
        if len(lines) >= 2:
            (first, first_in_body), (second, second_in_body) = lines[-2], lines[-1]
            pair = parse_byline_pair(first, second)
            if pair:
                return pair, body[: len(body) - first_in_body - second_in_body]
        if lines:
            text, in_body = lines[-1]
            single = parse_byline(text)
            if single:
                return single, body[: len(body) - in_body]
    return None, body


def parse_byline(text: str) -> Byline | None:
    """'Vũ Thị Hoa - Phòng 3, VKSND tỉnh Bắc Giang', 'Nguyễn Văn A (VKSND huyện X)',
    'Nguyễn Văn A', or an office 'Văn phòng Thanh tra tỉnh'; None for article text."""
    raw = text
    text = _BYLINE_PREFIX.sub("", text.strip()).rstrip(". ").strip()
    if not text or len(text.split()) > 20 or text.endswith((":", ";", ",")):
        return None
    paren = re.match(r"^(.+?)\s*\((.+)\)$", text)
    if paren and is_person(paren.group(1)):
        return Byline(paren.group(1).strip(), paren.group(2).strip(), raw)
    for separator in (r"\s+[-–—]\s+", r",\s+"):
        parts = re.split(separator, text, maxsplit=1)
        if len(parts) == 2 and is_person(parts[0]) and _is_office(parts[1]):
            return Byline(parts[0].strip(), parts[1].strip(), raw)
    if is_person(text):
        return Byline(text, "", raw)
    if _is_office(text) and len(text.split()) <= 15:
        return Byline("", text, raw)
    return None


def parse_byline_pair(first: str, second: str) -> Byline | None:
    """A person on one line and their unit on the next."""
    name = _BYLINE_PREFIX.sub("", first.strip()).rstrip(". ")
    unit = second.strip().rstrip(". ")
    if is_person(name) and _is_office(unit) and len(unit.split()) <= 15:
        return Byline(name, unit, f"{first} / {second}")
    return None


def is_person(text: str) -> bool:
    """2–5 capitalised words with letters only: 'Vũ Thị Hoa', 'NGUYỄN VĂN AN'."""
    words = text.strip().split()
    if not 2 <= len(words) <= 5 or _is_office(text):
        return False
    return all(w[0].isupper() and all(ch.isalpha() or ch in "'’-" for ch in w) for w in words)


def _is_office(text: str) -> bool:
    folded = vietnamese.strip_diacritics(text).lower().strip() + " "
    return folded.startswith(_OFFICE_START)


# -- Helpers ------------------------------------------------------------------


def _fold(text: str) -> str:
    return vietnamese.slugify(text)


def _count_removed(result: Extracted, lines: list[_Line], region: list[int], links: int) -> None:
    inside = set(region)
    for i, line in enumerate(lines):
        if line.toolbar:
            result.removed[debris.TOOLBAR] += line.toolbar
        if line.debris:
            result.removed[line.debris] += 1
        elif line.stop:
            result.removed[STOPS] += 1
        elif i not in inside and line.block.kind == "text":
            result.outside += 1
    if links:
        result.removed[LINKS] += links
