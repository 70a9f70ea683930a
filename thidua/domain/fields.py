"""What a header means: every field typed and checked, every problem kept with its line.

The build and ``make check`` both get their metadata from `read_fields`; a
value that cannot be read exactly is a problem, never a guess (a date is read
day-first the way Vietnamese authors write it, ``title: 2024`` stays the text
"2024", a list where text belongs is refused).
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from dataclasses import dataclass, field

from . import dates, vietnamese
from .frontmatter import Header
from .messages import t
from .model import Problem
from .suggest import nearest

STATUSES = ("published", "draft", "hidden")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TEMPLATE_NAME = re.compile(r"^[a-z0-9_-]+$")
LANG = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?$")
OUTPUT_PATH = re.compile(r"^[A-Za-z0-9._~/-]+$")
MAX_TEXT = 2000  # characters in one field: a header is not the place for long text
MAX_TITLE = 250
MAX_SUMMARY = 600

TEXT_FIELDS = (
    "title", "summary", "author", "author_unit", "location", "photo_credit", "cover",
    "photo_folder", "cluster", "event", "template", "lang", "url", "save_as", "slug", "status",
)  # fmt: skip
KNOWN_FIELDS = frozenset(
    (*TEXT_FIELDS, "date", "modified", "year", "units", "tags", "photos", "featured")
)


@dataclass
class ContentFields:
    """The typed header of one article or page, and what is wrong with it."""

    source: str  # path shown in messages, e.g. content/articles/2024/x/index.md
    form: str = "none"
    title: str = ""
    date: dt.datetime | None = None
    modified: dt.datetime | None = None
    status: str = "published"
    slug: str = ""  # as given in the header; empty when not given
    tags: list[str] = field(default_factory=list)
    author: str = ""
    author_unit: str = ""
    location: str = ""
    summary: str = ""
    featured: bool = False  # pinned as the lead story of the home page
    featured_until: dt.datetime | None = None  # ... until the end of this day
    cluster: str = ""
    year: int | None = None
    event: str = ""
    units: list[str] = field(default_factory=list)
    photos: object = None  # the raw list; the gallery reads and checks it
    cover: str = ""
    photo_folder: str = ""
    photo_credit: str = ""
    template: str = ""
    lang: str = ""
    url: str = ""
    save_as: str = ""
    lines: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    status_unknown: bool = False  # an unreadable status is held back as a draft, not excused

    @property
    def is_draft(self) -> bool:
        """Written as a draft on purpose: its problems are warnings, it is never published."""
        return self.status == "draft" and not self.status_unknown

    @property
    def unreadable(self) -> bool:
        """The header itself could not be read: no field is known."""
        return any(p.field in ("front matter", "file") for p in self.problems)

    def report(self, name: str, message: str, suggestion=None, fatal: bool = True) -> None:
        line = self.lines.get(name)
        self.problems.append(Problem(self.source, name, message, suggestion, line, fatal))

    @property
    def emulation_year(self) -> int | None:
        """The year given, else the year of the date."""
        if self.year is not None:
            return self.year
        return self.date.year if self.date else None

    def photo_metadata(self) -> dict:
        """The photo fields as the gallery reads them."""
        return {
            "photos": self.photos,
            "cover": self.cover or None,
            "photo_folder": self.photo_folder or None,
            "photo_credit": self.photo_credit or None,
        }


def read_fields(header: Header, source: str) -> ContentFields:
    """Type every field of `header`; problems go to the result's `problems`."""
    fields = ContentFields(source=source, form=header.form, lines=dict(header.lines))
    fields.lines["body"] = header.body_line
    if header.error:
        fields.problems.append(Problem(source, "front matter", header.error, None,
                                       header.error_line))  # fmt: skip
        return fields
    reader = _FieldReader(header, fields)
    for name in TEXT_FIELDS:
        setattr(fields, name, reader.text(name))
    reader.check_lengths()
    fields.date = reader.date("date")
    fields.modified = reader.date("modified")
    fields.year = reader.year()
    fields.status = reader.status()
    fields.tags = reader.text_list("tags")
    fields.units = reader.text_list("units")
    fields.photos = header.values.get("photos")
    fields.featured, fields.featured_until = reader.featured()
    reader.check_formats()
    reader.check_unknown_keys()
    if not fields.title:
        fields.report("title", t("chưa có tiêu đề; hãy thêm một dòng title: … vào phần đầu bài"))
    return fields


class _FieldReader:
    def __init__(self, header: Header, fields: ContentFields):
        self.header = header
        self.fields = fields

    def text(self, name: str) -> str:
        value = self.header.values.get(name)
        if value is None:
            return ""
        if isinstance(value, (list, dict)):
            kind = t("danh sách") if isinstance(value, list) else t("các dòng 'tên: giá trị'")
            self.fields.report(
                name, t("phải là chữ, không phải {kind}; hãy viết cả giá trị trên một dòng, "
                        "ví dụ {name}: …", kind=kind, name=name)
            )  # fmt: skip
            return ""
        # The scalar as written: YAML would turn `title: 2024` into a number.
        return str(self.header.texts.get(name, value)).strip()

    def check_lengths(self) -> None:
        limits = {"title": MAX_TITLE, "summary": MAX_SUMMARY}
        for name in TEXT_FIELDS:
            value = getattr(self.fields, name)
            limit = limits.get(name, MAX_TEXT)
            if len(value) > limit:
                self.fields.report(
                    name, t("dài {length} ký tự, quá mức {limit} ký tự; hãy viết ngắn lại",
                            length=len(value), limit=limit)
                )  # fmt: skip
                setattr(self.fields, name, value[:limit])

    def date(self, name: str) -> dt.datetime | None:
        if self.header.values.get(name) is None:
            return None
        raw = self.header.texts.get(name)
        if raw is None:
            self.fields.report(
                name,
                t(
                    "phải là một ngày, không phải danh sách; ví dụ {name}: 27/05/2024 09:00",
                    name=name,
                ),
            )
            return None
        try:
            return dates.parse_date(raw)
        except dates.DateError as error:
            self.fields.report(name, str(error))
            return None

    def year(self) -> int | None:
        raw = self.text("year")
        if not raw:
            return None
        if not re.fullmatch(r"\d{4}", raw) or not 1900 <= int(raw) <= 2100:
            suggestion = str(self.fields.date.year) if self.fields.date else None
            self.fields.report(
                "year",
                t(
                    "'{raw}' không phải là một năm; hãy viết năm thi đua bằng 4 chữ số, ví dụ 2024",
                    raw=raw,
                ),
                suggestion,
            )
            return None
        return int(raw)

    def status(self) -> str:
        raw = self.text("status") or "published"
        if raw not in STATUSES:
            self.fields.report(
                "status", t("không có trạng thái '{raw}'; hãy ghi một trong {choices} "
                            "(chữ thường)", raw=raw, choices=", ".join(STATUSES)),
                nearest(raw.lower(), STATUSES),
            )  # fmt: skip
            self.fields.status_unknown = True
            return "draft"  # never publish what is not clearly published
        return raw

    def flag(self, name: str) -> bool:
        value = self.header.values.get(name)
        if value is None:
            return False
        text = str(self.header.texts.get(name, value)).strip().lower()
        if text in ("true", "yes", "có", "1"):
            return True
        if text in ("false", "no", "không", "0", ""):
            return False
        self.fields.report(
            name, t("'{text}' không phải true hay false; hãy ghi true hoặc false", text=text)
        )
        return False

    def featured(self) -> tuple[bool, dt.datetime | None]:
        """`featured: true`, or `featured: 30/06/2024` (pinned until that day)."""
        text = str(self.header.texts.get("featured", "")).strip()
        if not text or not any(ch.isdigit() for ch in text) or text in ("0", "1"):
            return self.flag("featured"), None
        try:
            return True, dates.parse_date(text)
        except dates.DateError as error:
            self.fields.report("featured", t("{error}; hoặc ghi true / false", error=error))
            return False, None

    def text_list(self, name: str) -> list[str]:
        value = self.header.values.get(name)
        if value is None:
            return []
        if isinstance(value, dict):
            self.fields.report(
                name, t("phải là danh sách như [a, b], không phải các dòng 'tên: giá trị'")
            )
            return []
        if not isinstance(value, list):
            value = str(self.header.texts.get(name, value)).split(",")
        items = []
        for item in value:
            if isinstance(item, (list, dict)):
                self.fields.report(
                    name, t("mỗi mục phải là chữ, không phải một danh sách lồng bên trong")
                )
                continue
            if item is not None and str(item).strip():
                items.append(str(item).strip())
        return items

    def check_formats(self) -> None:
        fields = self.fields
        if fields.slug and not SLUG.match(fields.slug):
            suggestion = vietnamese.slugify(fields.slug)
            fields.report(
                "slug", t("chỉ được có chữ thường không dấu a-z, số 0-9 và một dấu gạch nối "
                          "giữa các từ, vì slug là địa chỉ của trang"),
                f"'{suggestion}'" if suggestion else None,
            )  # fmt: skip
            fields.slug = suggestion
        if fields.template and not TEMPLATE_NAME.match(fields.template):
            fields.report(
                "template",
                t("'{value}' không phải tên một mẫu trang như 'page'", value=fields.template),
            )
            fields.template = ""
        if fields.lang and not LANG.match(fields.lang):
            fields.report(
                "lang", t("'{value}' không phải mã ngôn ngữ như 'vi'", value=fields.lang), "'vi'"
            )
            fields.lang = ""
        for name in ("url", "save_as"):
            value = getattr(fields, name)
            if value:
                problem = output_path_problem(value, name)
                if problem:
                    fields.report(name, problem)
                    setattr(fields, name, "")
        if fields.year is not None and fields.date is not None:
            warning = dates.years_apart_warning(fields.date, fields.year)
            if warning:
                fields.report("date", warning, fatal=False)

    def check_unknown_keys(self) -> None:
        for key in self.header.values:
            if key not in KNOWN_FIELDS:
                self.fields.report(
                    key, t("không phải tên trường mà cổng thông tin biết, nên bị bỏ qua; hãy sửa "
                           "lại tên trường hoặc xoá dòng này"),
                    nearest(key, sorted(KNOWN_FIELDS)), fatal=False,
                )  # fmt: skip


def output_path_problem(value: str, name: str) -> str | None:
    """Why `value` cannot be a page address inside the site, or None."""
    if ":" in value or value.startswith(("/", "\\")) or "\\" in value:
        return t(
            "'{value}' phải là một đường dẫn bên trong trang, ví dụ 'gioi-thieu/index.html'",
            value=value,
        )
    if not OUTPUT_PATH.match(value):
        return t(
            "'{value}' chỉ được có chữ cái không dấu, chữ số và các dấu '-', '_', '.', '/'",
            value=value,
        )
    parts = value.split("/")
    if any(part in ("..", ".") for part in parts) or posixpath.normpath(value) != value.rstrip("/"):
        return t("'{value}' không được có '..', '.' hay '//'", value=value)
    if name == "save_as" and not value.endswith(".html"):
        return t("'{value}' phải là tên một tệp .html, ví dụ 'gioi-thieu/index.html'", value=value)
    return None
