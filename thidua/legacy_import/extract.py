"""Find the article among the debris: title, date, body, photos with captions, byline.

HTML pages come with the element holding the article already marked (see
``source``); for a plain-text copy the article is the largest run of long lines.
The title is the heading-like line before the date lines, never a photo caption;
the date is the page's own date line, one in the byline area, or the date of a
"ngày … tổ chức" sentence about the event, never a date inside a document
reference ("Chỉ thị số 05-CT/TW ngày 15/5/2016"). What cannot be found is left
empty for the archivist to give, never guessed from somewhere else.
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
    "dai ", "tap chi", "cong thong tin", "trang thong tin", "vks ", "tand", "ttxvn",
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
    """The article in `source`; ImportFailed when there is no article text.

    A missing title or date is not a failure here: `title` is '' and `date` None,
    and the import asks the archivist for them.
    """
    lines = [_line(block) for block in source.blocks]
    if source.kind == "html":
        title_idx, title, start, end, captions = _html_region(lines, source.page_titles)
    else:
        title_idx, title, start, end, captions = _text_region(lines)
    title, stamp = _split_title_stamp(title)
    result = Extracted(
        title=title, date=None, body=[], title_guessed=bool(title) and title_idx is None
    )
    region = _cut_at_stop(lines, start, end)
    first_para = next((i for i in region if lines[i].long and not lines[i].debris), start)
    result.date = stamp or _pick_date(lines, title_idx, first_para, region)
    after = region[-1] + 1 if region else end + 1
    tail = _tail(lines, after)
    body, photos, links = _body(lines, region, title, captions)
    result.photos = photos
    result.byline, body, byline_date = _take_byline(body, tail)
    result.body = body
    if not any(b.kind == "p" for b in body):
        raise ImportFailed(
            f"{source.path}: không thấy nội dung bài viết (chỉ có tiêu đề và phần thừa của cổng)"
        )
    if result.date is None:
        result.date = byline_date or _tail_date(lines, after)
    if result.date is None:
        result.date = event_date(body)
    result.documents = list(dict.fromkeys(m.group(0) for m in _DOCUMENT.finditer(result.text)))
    _count_removed(result, lines, region, links)
    return result


def _line(block: Block) -> _Line:
    if block.kind == "image":
        return _Line(block, "")
    text, toolbar = debris.strip_toolbar(block.text)
    return _Line(block, text, toolbar, debris.kind_of(text), debris.is_stop(text))


# -- Where the article is -----------------------------------------------------

# Lines that describe a photo, never a title: "Toàn cảnh hội nghị", "Ảnh: Minh Tuấn".
_CAPTION_STRONG = re.compile(
    r"^(?:\(?\s*ảnh\s*(?:minh\s+họa|minh\s+hoạ|tư\s+liệu)?\s*[:)]|toàn\s+cảnh|quang\s+cảnh|"
    r"hình\s+ảnh|một\s+số\s+hình\s+ảnh|ảnh\s+lưu\s+niệm|chụp\s+ảnh)|\(\s*ảnh\s*:[^()]*\)\s*$",
    re.I,
)
# Lines that usually describe a photo when they stand between the title and the text.
_CAPTION_WEAK = re.compile(
    r"^(?:đồng\s+chí|đ/c|các\s+đại\s+biểu|đại\s+biểu|lãnh\s+đạo|đại\s+diện|tập\s+thể|"
    r"các\s+đơn\s+vị|thành\s+viên|ban\s+tổ\s+chức|các\s+đội|đội\s+bóng|phần\s+thi)\b",
    re.I,
)
_PHOTO_CREDIT = re.compile(r"^\(?\s*ảnh\s*:\s*[^.]{2,60}\)?\s*$", re.I)
_TITLE_WORDS = re.compile(
    r"\b(?:cụm|khối|thi\s+đua|giao\s+ước|ký\s+kết|sơ\s+kết|tổng\s+kết|triển\s+khai|giao\s+lưu|"
    r"hội\s+nghị|hội\s+thao|hội\s+thi|khen\s+thưởng|phong\s+trào|lễ|vksnd|viện\s+kiểm\s+sát)\b",
    re.I,
)
# Debris that stands above a title, never between a title and its text: a title is
# not looked for beyond it.
_ABOVE_TITLE = {
    "breadcrumb", "login link", "visitor counter", "footer", '"Liên kết web"', "timestamped post",
}  # fmt: skip


def _names_article(text: str) -> bool:
    """A line of a text copy that can be a title: five words or more, about the movement
    ('Thi đua - Khen thưởng' is a menu item, 'Học tập và làm theo …' another portal section)."""
    words = [w for w in text.split() if any(ch.isalpha() for ch in w)]
    return len(words) >= 5 and bool(_TITLE_WORDS.search(text))


def is_caption(text: str, weak: bool = False) -> bool:
    """A photo's caption or credit, by how such lines start ('Toàn cảnh …', 'Ảnh: …')."""
    text = text.strip()
    if len(text.split()) > 40 or (text.endswith((".", ";")) and not _PHOTO_CREDIT.match(text)):
        return False
    return bool(_CAPTION_STRONG.search(text) or (weak and _CAPTION_WEAK.match(text)))


def _html_region(lines: list[_Line], page_titles: list[str]):
    inside = [i for i, line in enumerate(lines) if line.block.in_article]
    if not inside:
        raise ImportFailed("không thấy nội dung bài viết: trang không có đoạn văn nào")
    first, last = inside[0], inside[-1]
    first_para = next((i for i in inside if lines[i].long and not lines[i].debris), first)
    title_idx = _html_title(lines, page_titles, first_para)
    if title_idx is not None:
        return title_idx, lines[title_idx].text, title_idx + 1, last, set()
    # No heading before the body: the page's own title, when it names an article.
    for page_title in page_titles:
        title = _clean_page_title(page_title)
        if _names_article(title) and len(title.split()) >= 6 and not is_caption(title):
            return None, title, first, last, set()
    return None, "", first, last, set()


def _title_like(line: _Line) -> bool:
    words = len(line.text.split())
    return (
        line.block.kind == "text"
        and 4 <= words <= 60
        and not line.debris
        and not line.stop
        and not line.toolbar
        and not line.text.endswith((".", ":", ";"))
        and not is_caption(line.text)
    )


def _after_image(lines: list[_Line], i: int) -> bool:
    """Right after a photo (nothing but empty lines between): the photo's caption."""
    for j in range(i - 1, max(-1, i - 3), -1):
        if lines[j].block.kind == "image":
            return True
        if lines[j].text and not lines[j].toolbar:
            return False
    return False


def _html_title(lines: list[_Line], page_titles: list[str], first_para: int) -> int | None:
    """The heading before the body; the one before the date lines when there are several."""
    candidates = [
        i
        for i in range(max(0, first_para - 40), first_para + 1)
        if (lines[i].block.heading or lines[i].block.title_class)
        and not (lines[i].block.furniture and not lines[i].block.in_article)
        and not lines[i].block.caption_hint
        and not _after_image(lines, i)
        and _title_like(lines[i])
    ]
    if not candidates:
        # A title written as a bold line at the top of the article.
        candidates = [
            i
            for i in range(max(0, first_para - 3), first_para)
            if lines[i].block.bold
            and lines[i].block.in_article
            and not _after_image(lines, i)
            and _title_like(lines[i])
        ]
    named = [
        i
        for i in candidates
        if any(_fold(lines[i].text) in _fold(t) or _fold(t) in _fold(lines[i].text)
               for t in page_titles)
    ]  # fmt: skip
    pool = named or candidates
    if not pool:
        return None
    dated = [
        i for i in pool if any(lines[j].debris == "date line" for j in range(i + 1, first_para))
    ]
    chosen = (dated or pool)[-1]
    if any(lines[i].stop for i in range(chosen, first_para)):
        return None  # the heading of some list between it and the article
    return chosen


def _clean_page_title(title: str) -> str:
    parts = [p.strip() for p in re.split(r"\s+[|–-]\s+", title) if p.strip()]
    return max(parts, key=len) if parts else title


def _text_region(lines: list[_Line]):
    """The largest run of long lines (menus are runs of short ones); its title above it."""
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
        raise ImportFailed("không thấy nội dung bài viết: tệp không có đoạn văn nào")
    _weight, start, end = max(runs)
    title_idx, captions, head = _text_title(lines, start)
    if title_idx is None:
        return None, "", head, end, set(captions)
    return title_idx, lines[title_idx].text, title_idx + 1, end, set(captions)


def _text_title(lines: list[_Line], start: int) -> tuple[int | None, list[int], int]:
    """The title line above the text: the line before the date lines, skipping captions.

    Between the title and the text a copy may hold the date lines, view counts and
    the captions of photos that did not survive the copy ("Toàn cảnh Hội nghị"):
    none of them is the title. A line that is not like a title (a menu item) means
    the copy has no title: the archivist is asked for it.
    """
    captions: list[int] = []
    pending_weak: list[int] = []
    head = start  # where the article's own lines begin when there is no title
    for i in range(start - 1, max(-1, start - 14), -1):
        line = lines[i]
        if line.block.kind == "image" or not line.text:
            continue
        if line.debris == "date line":
            head = i
            continue
        if line.debris in _ABOVE_TITLE or line.stop:
            break
        if line.debris or _PHOTO_CREDIT.match(line.text):
            continue
        if is_caption(line.text):
            captions.append(i)
            head = i
            continue
        if is_caption(line.text, weak=True):
            pending_weak.append(i)  # a caption if a title stands above it; never the title
            continue
        if _title_like(line) and _names_article(line.text):
            return i, captions + pending_weak, i + 1
        break
    return None, captions, head


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
            return title[: match.start()].strip(), _found(found[0], title, "sau tiêu đề")
    return title.strip(), None


def _pick_date(lines, title_idx, first_para, region) -> FoundDate | None:
    """The article's own date line: the first one after the title, else just before it."""
    after = (title_idx + 1) if title_idx is not None else (region[0] if region else 0)
    for i in range(after, max(after, first_para) + 1):
        if i < len(lines) and lines[i].debris == "date line":
            return _found(dates.find_dates(lines[i].text)[0], lines[i].text, "dòng ngày đăng")
    if title_idx is not None:
        for i in range(title_idx - 1, max(-1, title_idx - 4), -1):
            line = lines[i]
            if line.debris == "date line" and not (line.block.furniture and line.block.link_share):
                return _found(
                    dates.find_dates(line.text)[0], line.text, "dòng ngày ngay trên tiêu đề"
                )
    for i in region:
        if lines[i].debris == "date line":
            return _found(dates.find_dates(lines[i].text)[0], lines[i].text, "dòng ngày trong bài")
    return None


def _tail_date(lines: list[_Line], after: int) -> FoundDate | None:
    """A date line printed under the article, by the byline (before any other-post list)."""
    for line in lines[after : after + 5]:
        if line.stop or (line.block.link_share >= 0.5 and not line.debris):
            break
        if line.debris == "date line":
            return _found(dates.find_dates(line.text)[0], line.text, "dòng ngày cuối bài")
    return None


# Dates that belong to something else than the event: a document's date, a deadline,
# the bounds of a phase ("từ ngày 01/7 đến ngày 31/12/2024").
_NOT_EVENT = re.compile(
    r"(?:\bsố\s+\d[\w./\-]*\s+|\b(?:kế\s+hoạch|quyết\s+định|chỉ\s+thị|công\s+văn|thông\s+báo|"
    r"hướng\s+dẫn|nghị\s+quyết|thông\s+tư|nghị\s+định|quy\s+chế|báo\s+cáo|tờ\s+trình|"
    r"luật|văn\s+bản)\b[^,;]{0,60}|\b(?:từ|đến|tới|trước|sau|hết|kể\s+từ|đến\s+hết|hạn|"
    r"ban\s+hành|ký\s+ban\s+hành)\s*)ngày\s*$",
    re.I,
)
_EVENT_VERBS = re.compile(
    r"\b(?:tổ\s+chức|diễn\s+ra|đã\s+tổ\s+chức|long\s+trọng|khai\s+mạc|ký\s+kết|họp|"
    r"tiến\s+hành)\b",
    re.I,
)
_DAY_BEFORE = re.compile(
    r"(?:^|[.;!?]\s+|,\s*)(?:\S+\s+){0,2}?(?:ngày|sáng|chiều|tối|trưa|vào|lúc|nay)\s*$|^\s*$",
    re.I,
)


def event_date(body: list[BodyBlock]) -> FoundDate | None:
    """The date of a 'Sáng ngày 22/3/2024, …, Khối … tổ chức …' sentence in the first
    paragraphs: the day of the event, never a date of a document the text cites."""
    paragraphs = [b.text for b in body if b.kind == "p"][:3]
    for text in paragraphs:
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            if not _EVENT_VERBS.search(sentence):
                continue
            for match in dates.find_dates(sentence):
                before = sentence[: match.start]
                if not _DAY_BEFORE.search(before) or _NOT_EVENT.search(before):
                    continue
                snippet = sentence[max(0, match.start - 20) : match.end + 40]
                return _found(match, snippet, "câu nói ngày tổ chức sự kiện")
    return None


def _found(match: dates.DateMatch, text: str, where: str) -> FoundDate:
    return FoundDate(match.value, match.has_time, f"“{_short(text, 70)}” ({where})")


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


# -- The body -----------------------------------------------------------------

PHOTO_CREDITS = "photo credits"


def _body(lines, region, title, captions=frozenset()) -> tuple[list[BodyBlock], list[Photo], int]:
    """Body blocks and photos; a caption is the text right after its image."""
    body: list[BodyBlock] = []
    photos: list[Photo] = []
    pending: Photo | None = None  # a photo still waiting for its caption
    pending_group = 0
    toolbar_seen = False
    links = 0
    seen = {_fold(title)} if title else set()
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
        if _PHOTO_CREDIT.match(text):
            continue  # "Ảnh: Minh Tuấn": counted with the debris
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
        if pending is not None and (
            _caption_like(block, pending_group, toolbar_seen) or is_caption(text, weak=True)
        ):
            pending.caption, pending = text, None
            continue
        pending = None
        if i in captions or is_caption(text):
            # The caption of a photo the text copy lost: kept with the photos, not the text.
            photos.append(Photo(caption=text))
            continue
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

_SEPARATORS = (r"\s*[-–—]\s+|\s+[-–—]\s*", r",\s+")
_TRAILING_DATE = re.compile(r"[\s,\-–—|(]*$")


def _take_byline(
    body: list[BodyBlock], tail: list[str]
) -> tuple[Byline | None, list[BodyBlock], FoundDate | None]:
    """The last short line(s), ending the body or just below it, naming a person or an office;
    a date printed with it ('Nguyễn Văn An - 12/07/2024') is the post's date."""
    ends = [(b.text, True) for b in body[-2:] if b.kind in ("p", "h")]
    if body and body[-1].kind not in ("p", "h"):
        ends = []
    for lines in (ends + [(t, False) for t in tail], ends) if tail else (ends,):
        if len(lines) >= 2:
            (first, first_in_body), (second, second_in_body) = lines[-2], lines[-1]
            second_text, when = _strip_date(second)
            pair = parse_byline_pair(first, second_text)
            if pair:
                pair.raw = f"{first} / {second}"
                return pair, body[: len(body) - first_in_body - second_in_body], when
        if lines:
            text, in_body = lines[-1]
            clean, when = _strip_date(text)
            single = parse_byline(clean)
            if single:
                single.raw = text
                return single, body[: len(body) - in_body], when
    return None, body, None


def _strip_date(text: str) -> tuple[str, FoundDate | None]:
    """'Nguyễn Văn An - 12/07/2024' → ('Nguyễn Văn An', the date)."""
    found = dates.find_dates(text)
    if not found:
        return text, None
    last = found[-1]
    if text[last.end :].strip(" .)") or len(found) > 1:
        return text, None
    rest = text[: last.start].rstrip(" ,-–—|(")
    if not rest:
        return text, None
    return rest, _found(last, text, "vùng tác giả cuối bài")


def parse_byline(text: str) -> Byline | None:
    """'Vũ Thị Hoa - Phòng 3, VKSND tỉnh Bắc Giang', 'Vũ Thị Hoa- Phòng 3', 'Nguyễn Văn A
    (VKSND huyện X)', 'Đình Toàn Đài TT-TH', 'Nguyễn Văn A', or an office 'Văn phòng Thanh
    tra tỉnh'; None for article text."""
    raw = text
    text = _BYLINE_PREFIX.sub("", text.strip()).rstrip(". ").strip()
    if not text or len(text.split()) > 20 or text.endswith((":", ";", ",")):
        return None
    paren = re.match(r"^(.+?)\s*\((.+)\)$", text)
    if paren and is_person(paren.group(1)):
        return Byline(paren.group(1).strip(), paren.group(2).strip(), raw)
    for separator in _SEPARATORS:
        parts = re.split(separator, text, maxsplit=1)
        if len(parts) == 2 and is_person(parts[0]) and _is_unit(parts[1]):
            return Byline(parts[0].strip(), parts[1].strip(), raw)
    if is_person(text):
        return Byline(text, "", raw)
    glued = _split_glued(text)
    if glued:
        return Byline(glued[0], glued[1], raw)
    if _is_office(text) and len(text.split()) <= 15:
        return Byline("", text, raw)
    return None


def _split_glued(text: str) -> tuple[str, str] | None:
    """'Đình Toàn Đài TT-TH': a name, then a unit starting with an office word or an
    abbreviation, with nothing between them."""
    words = text.split()
    for size in range(2, min(5, len(words) - 1) + 1):
        name, unit = " ".join(words[:size]), words[size:]
        if not is_person(name):
            continue
        first = unit[0]
        if (_is_office(" ".join(unit)) and len(unit) >= 2) or _abbreviation(first):
            return name, " ".join(unit)
    return None


def _abbreviation(word: str) -> bool:
    """'TT-TH', 'VKSND', 'UBND': letters in capitals (a dash or a dot between)."""
    letters = [ch for ch in word if ch.isalpha()]
    return (
        len(letters) >= 2
        and all(ch.isupper() for ch in letters)
        and all(ch.isalpha() or ch in "-./&" for ch in word)
    )


def parse_byline_pair(first: str, second: str) -> Byline | None:
    """A person on one line and their unit on the next."""
    name = _BYLINE_PREFIX.sub("", first.strip()).rstrip(". ")
    unit = second.strip().rstrip(". ")
    if is_person(name) and _is_unit(unit) and len(unit.split()) <= 15:
        return Byline(name, unit, f"{first} / {second}")
    return None


def is_person(text: str) -> bool:
    """2–5 capitalised words with letters only: 'Vũ Thị Hoa', 'NGUYỄN VĂN AN'; not an
    office, and no abbreviation among ordinary words ('Đình Toàn Đài TT-TH' is not a name)."""
    words = text.strip().split()
    if not 2 <= len(words) <= 5 or _is_office(text):
        return False
    if not all(w[0].isupper() and all(ch.isalpha() or ch in "'’-" for ch in w) for w in words):
        return False
    capitals = [_abbreviation(w) for w in words]
    return all(capitals) or not any(capitals)


def _is_office(text: str) -> bool:
    folded = vietnamese.strip_diacritics(text).lower().strip() + " "
    return folded.startswith(_OFFICE_START)


def _is_unit(text: str) -> bool:
    """What may follow a name in a byline: an office, or a unit's abbreviation ('Đài TT-TH')."""
    words = text.split()
    return bool(words) and (_is_office(text) or _abbreviation(words[0]))


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
        elif i in inside and _PHOTO_CREDIT.match(line.text):
            result.removed[PHOTO_CREDITS] += 1
        elif line.stop:
            result.removed[STOPS] += 1
        elif i not in inside and line.block.kind == "text":
            result.outside += 1
    if links:
        result.removed[LINKS] += links
