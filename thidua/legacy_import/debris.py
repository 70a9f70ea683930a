"""What legacy portals put around and inside an article that is not the article.

Each kind of debris has a name used in the import summary ("visitor counter: 2").
Patterns are matched on whole lines: a word such as "chia sẻ" inside a sentence
of the article is never touched.
"""

from __future__ import annotations

import re

from . import dates

# The CMS image-alignment toolbar ("left center right del"), saved with the page and
# glued to the caption that follows it in copied text: "leftcenterrightdelToàn cảnh …".
TOOLBAR_RE = re.compile(r"left\s*center\s*right\s*del", re.I)
TOOLBAR = '"leftcenterrightdel" (image toolbar)'

_LINE_KINDS: list[tuple[str, re.Pattern]] = [
    (
        "visitor counter",
        re.compile(
            r"^(?:số\s+)?(?:người|lượt)\s+(?:truy\s+cập|online|đang\s+xem)|"
            r"^(?:đang\s+)?(?:truy\s+cập|online|trực\s+tuyến)\s*:|^đang\s+truy\s+cập|"
            r"^(?:tổng\s+)?(?:số\s+)?lượt\s+truy\s+cập|^thống\s+kê\s+truy\s+cập|"
            r"^(?:hôm\s+nay|hôm\s+qua|tuần\s+này|tháng\s+này|năm\s+nay|tất\s+cả|tổng)\s*:\s*[\d.,\s]+$|"
            r"^(?:visitors?|online|hits?)\s*:",
            re.I,
        ),
    ),
    ("IP line", re.compile(r"^(?:địa\s+chỉ\s+)?ip(?:\s+của\s+bạn)?\s*:", re.I)),
    (
        "login link",
        re.compile(
            r"^(?:đăng\s+nhập|đăng\s+ký|đăng\s+xuất|quên\s+mật\s+khẩu|login|logout)"
            r"(?:\s*[|/]\s*(?:đăng\s+nhập|đăng\s+ký|quên\s+mật\s+khẩu))*\s*$",
            re.I,
        ),
    ),
    (
        '"Liên kết web"',
        re.compile(r"^[-–\s]*(?:chọn\s+)?liên\s+kết(?:\s+(?:web|website))?\s*:?[-–\s]*$", re.I),
    ),
    (
        "view count",
        re.compile(
            r"^(?:số\s+)?(?:lượt|lần)\s+(?:xem|đọc)\s*:?\s*[\d.,]*\s*$|^đã\s+xem\s*:?\s*[\d.,]+",
            re.I,
        ),
    ),
    ("breadcrumb", re.compile(r"^(?:trang\s+chủ|home)\s*[>»›/|]|(?:[^>»›]{1,40}[>»›]){2,}", re.I)),
    (
        "footer",
        re.compile(
            r"^(?:bản\s+quyền|copyright|©|\(c\)\s|thiết\s+kế\s+(?:bởi|và)|phát\s+triển\s+bởi|"
            r"chịu\s+trách\s+nhiệm(?:\s+chính|\s+nội\s+dung)?\s*:|giấy\s+phép\s+(?:số|xuất\s+bản)|"
            r"ghi\s+rõ\s+nguồn|cơ\s+quan\s+chủ\s+quản\s*:)",
            re.I,
        ),
    ),
]

# Print, mail and share buttons, font-size switches: a line made only of these.
_BUTTONS = re.compile(
    r"\b(?:in\s+bài(?:\s+viết)?|in\s+trang|in\s+tin|bản\s+in|gửi\s+(?:email|e-mail|bài(?:\s+viết)?|"
    r"tin|cho\s+bạn\s+bè)|chia\s+sẻ|share|facebook|twitter|zalo|email|e-mail|print|tweet|like|"
    r"thích|lưu\s+(?:bài|tin)(?:\s+viết)?|về\s+đầu\s+trang|đầu\s+trang|quay\s+lại|trở\s+về|"
    r"trở\s+lại|bình\s+luận|phản\s+hồi|cỡ\s+chữ|phóng\s+to|thu\s+nhỏ|nghe\s+đọc(?:\s+bài)?|"
    r"in|a\+|a-|top)(?=$|[\s|/•·,:;.\-–])",
    re.I,
)

# Headings of the lists of other posts that follow an article: the article ends there.
_STOPS = re.compile(
    r"^(?:các\s+|những\s+)?(?:tin|bài|bài\s+viết|tin\s+tức)\s+(?:khác|đã\s+đưa|liên\s+quan|"
    r"cùng\s+(?:chuyên\s+mục|loại|chủ\s+đề|danh\s+mục)|mới(?:\s+nhất|\s+hơn)?|cũ\s+hơn|"
    r"xem\s+nhiều(?:\s+nhất)?|đọc\s+nhiều(?:\s+nhất)?|nổi\s+bật|tiêu\s+điểm)$|"
    r"^(?:xem\s+thêm|ý\s+kiến\s+bạn\s+đọc|gửi\s+ý\s+kiến(?:\s+bạn\s+đọc)?|bình\s+luận|"
    r"thư\s+viện\s+ảnh|liên\s+kết(?:\s+web(?:site)?)?|thông\s+báo|video(?:\s+clip)?|"
    r"tin\s+ảnh|ảnh\s+hoạt\s+động)$",
    re.I,
)


def strip_toolbar(text: str) -> tuple[str, int]:
    """The text without the image toolbar word, and how many times it was there."""
    cleaned, count = TOOLBAR_RE.subn(" ", text)
    return (" ".join(cleaned.split()) if count else text), count


def kind_of(text: str) -> str | None:
    """The kind of debris a whole line is, or None for article text."""
    line = text.strip()
    if not line:
        return None
    if not any(ch.isalnum() for ch in line):
        return "separator"  # "|", "---", "* * *", "»": share-bar and layout leftovers
    for kind, pattern in _LINE_KINDS:
        if pattern.search(line) and (kind != "breadcrumb" or len(line.split()) <= 25):
            return kind
    if _only_buttons(line):
        return "print/share buttons"
    if dates.is_date_line(line):
        return "date line"
    if dates.is_post_stamp(line):
        return "timestamped post"
    return None


def _only_buttons(line: str) -> bool:
    if len(line.split()) > 14:
        return False
    rest, count = _BUTTONS.subn(" ", line)
    # What is left may be the counts shown on share buttons ("Chia sẻ 12 | Thích 3").
    return count > 0 and not any(ch.isalpha() for ch in rest)


def is_stop(text: str) -> bool:
    """A heading such as 'Tin khác' or 'Các tin đã đưa': what follows is not the article."""
    line = " ".join(text.strip().strip(":»›>-–—|*#[]()").split())
    return len(line.split()) <= 6 and bool(_STOPS.match(line))


# How each kind of debris is named in the import's messages and report (Vietnamese).
LABELS = {
    "visitor counter": "bộ đếm lượt truy cập",
    "IP line": "dòng “IP của bạn”",
    "login link": "liên kết “Đăng nhập”",
    '"Liên kết web"': "hộp “Liên kết web”",
    "view count": "số lượt xem",
    "breadcrumb": "đường dẫn chuyên mục",
    "footer": "chân trang",
    "print/share buttons": "nút in, gửi, chia sẻ",
    "date line": "dòng ngày đăng",
    "timestamped post": "tin khác kèm ngày giờ",
    "separator": "dòng chỉ có dấu (“|”, “---”)",
    TOOLBAR: "chữ “leftcenterrightdel” (thanh công cụ ảnh)",
    "lists of links (menus, other posts)": "danh sách liên kết (menu, tin khác)",
    'headings of other-post lists ("Tin khác", "Các tin đã đưa" …)': (
        "tiêu đề danh sách tin khác (“Tin khác”, “Các tin đã đưa” …)"
    ),
    "photo credits": "dòng “Ảnh: …”",
}


def label(kind: str) -> str:
    return LABELS.get(kind, kind)
