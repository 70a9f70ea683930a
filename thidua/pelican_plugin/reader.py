"""The one reader of articles and pages: header → typed fields, body → HTML.

Registered for every Markdown suffix, in place of Pelican's Markdown reader
(and of pelican-yaml-metadata), so the build and ``make check`` read each file
once, the same way. The typed fields travel with the content object as
``front_matter``; their problems go to the build's report. The reader never
raises for content mistakes: it reports them and fills safe placeholders, and
the enrichment step stops the build before anything is written.
"""

from __future__ import annotations

import copy
import datetime as dt
import html
import os
import unicodedata

from markdown import Markdown
from markupsafe import Markup
from pelican.readers import BaseReader
from pelican.urlwrappers import Author, Tag

from thidua.domain import frontmatter, markup, vietnamese
from thidua.domain.fields import ContentFields, read_fields
from thidua.domain.messages import t
from thidua.domain.model import Problem
from thidua.domain.paths import is_inside
from thidua.incremental.pages import PLAN_KEY

from .state import state_of

MARKDOWN_SUFFIXES = ("md", "markdown", "mkd", "mdown")
MAX_FILE_BYTES = 2_000_000  # a report is a few kB; anything huge is a mistake or an attack
PLACEHOLDER_DATE = dt.datetime(1970, 1, 1)


class PortalReader(BaseReader):
    enabled = True
    file_extensions = MARKDOWN_SUFFIXES

    def __init__(self, settings):
        super().__init__(settings)
        # One object a tag and an author, as Pelican groups them anyway (and works out
        # each one's slug once, not once an article).
        self._named: dict[tuple[type, str], Tag | Author] = {}

    def read(self, source_path):
        cache = reader_cache(self.settings)
        cacheable = cache is not None and _cacheable(source_path, self.settings)
        cached, data = None, None
        if cacheable:
            digest, data = cache.digest_of(source_path)
            cached = cache.get(source_path, digest)
        if cached is None:
            if cacheable and data is None:  # read now: the bytes cached are those converted
                with open(source_path, "rb") as handle:
                    data = handle.read()
            cached = self.read_fresh(source_path, data)
            fields, _content = cached
            if cacheable:
                digest = cache.digest(data)
                if not fields.problems:
                    cache.put(source_path, digest, cached)
        if cacheable:
            cache.read_as[source_path] = digest
        fields, content = cached
        state_of(self.settings).register(source_path, fields)
        return content, pelican_metadata(fields, source_path, self.settings, self._named)

    def read_fresh(self, source_path: str, data: bytes | None = None):
        """(typed fields, HTML) of one file, from `data` when its bytes were already read."""
        fields, body = read_source(source_path, self.settings, data)
        content = _markdown_for(self.settings).reset().convert(body) if body else ""
        report_active_content(fields, content, body)
        return fields, content

    def read_fresh_cacheable(self, source_path: str, data: bytes):
        """What `prewarm` caches: the fresh result when the file has no problem, else None."""
        if not _cacheable(source_path, self.settings):
            return None
        result = self.read_fresh(source_path, data)
        return None if result[0].problems else result


# Pelican makes a reader per file extension and per generator (24 a build), each of which
# would load the Markdown extensions again: one converter per settings object is enough
# (it is reset before every file, and one file is converted at a time), made when a file
# is first converted (a rebuild after one edit converts one file, or none).
_CONVERTER: list = [None, None]  # [the settings it was made for, the Markdown converter]


def _markdown_for(settings: dict) -> Markdown:
    if _CONVERTER[0] is not settings:
        markdown_settings = copy.deepcopy(settings["MARKDOWN"])
        extensions = [e for e in markdown_settings.get("extensions", []) if "meta" not in str(e)]
        for extension in markdown_settings.get("extension_configs", {}):
            if extension not in extensions:
                extensions.append(extension)
        markdown_settings["extensions"] = extensions
        _CONVERTER[:] = [settings, Markdown(**markdown_settings)]
    return _CONVERTER[1]


def reader_cache(settings: dict):
    plan = settings.get(PLAN_KEY)
    return getattr(plan, "reader_cache", None)


def _cacheable(source_path: str, settings: dict) -> bool:
    """Files the reader refuses before reading them are never cached."""
    return (is_inside(source_path, settings["PATH"])
            and os.path.getsize(source_path) <= MAX_FILE_BYTES)  # fmt: skip


def report_active_content(fields: ContentFields, content: str, body: str) -> None:
    """Scripts, event handlers and javascript: links in the body are errors at their line."""
    first_line = fields.lines.get("body", 1)
    for what, needle in markup.active_content(content):
        line = markup.line_of(needle, body, first_line)
        message = t(
            "không được dùng {what} trong bài; hãy chỉ viết chữ và liên kết http(s)", what=what
        )
        fields.problems.append(Problem(fields.source, "body", message, line=line))


def display_path(source_path: str, settings: dict) -> str:
    """content/articles/... : the path an author recognises."""
    base = os.path.dirname(os.path.abspath(settings["PATH"]))
    return os.path.relpath(os.path.abspath(source_path), base)


def read_source(
    source_path: str, settings: dict, data: bytes | None = None
) -> tuple[ContentFields, str]:
    """(typed fields with their problems, Markdown body) of one file (of `data`, its bytes,
    when the caller already read them)."""
    source = display_path(source_path, settings)
    if not is_inside(source_path, settings["PATH"]):
        return _unreadable(
            source,
            t(
                "là liên kết tới một tệp ngoài thư mục nội dung; hãy chép "
                "chính tệp đó vào thư mục nội dung"
            ),
        )
    if os.path.getsize(source_path) > MAX_FILE_BYTES:
        return _unreadable(
            source,
            t(
                "lớn hơn {limit} MB; một bài viết chỉ cần vài chục kB, ảnh thì đặt thành tệp riêng",
                limit=MAX_FILE_BYTES // 1_000_000,
            ),
        )
    try:
        if data is None:
            with open(source_path, "rb") as handle:
                data = handle.read()
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _unreadable(source, t("không phải văn bản UTF-8; hãy lưu lại tệp với bảng mã UTF-8"))
    try:
        header = frontmatter.split(frontmatter.normalise_text(text))
        return read_fields(header, source), header.body
    except (RecursionError, ValueError, TypeError) as error:  # never a bare traceback
        return _unreadable(source, t("không đọc được tệp: {error}", error=error))


def _unreadable(source: str, message: str) -> tuple[ContentFields, str]:
    fields = ContentFields(source=source)
    fields.problems.append(Problem(source, "file", message))
    fields.status, fields.status_unknown = "draft", True  # never published, never excused
    return fields, ""


def content_slug(fields: ContentFields, source_path: str) -> str:
    """The slug a file is published under: given, else its folder (index.md), else its title.

    Folder and file names are compared after NFC normalisation (macOS writes NFD)
    and made ASCII, so an address never holds spaces or diacritics.
    """
    if fields.slug:
        return fields.slug
    stem, _suffix = os.path.splitext(os.path.basename(source_path))
    if stem == "index":
        folder = unicodedata.normalize("NFC", os.path.basename(os.path.dirname(source_path)))
        return vietnamese.slugify(folder)
    return vietnamese.slugify(fields.title)


def pelican_metadata(
    fields: ContentFields, source_path: str, settings: dict, named: dict | None = None
) -> dict:
    """Pelican's metadata from the typed fields; ours stays in ``front_matter``.
    `named`: the Tag and Author objects already made, by (class, name)."""
    slug = content_slug(fields, source_path)
    if not slug:
        fields.report(
            "slug",
            t(
                "tiêu đề không có chữ hay số nào để làm địa chỉ trang; hãy thêm "
                "một dòng slug:, ví dụ slug: ky-ket-2024"
            ),
        )
        slug = "bai-viet"
    metadata: dict = {
        "title": fields.title or os.path.basename(source_path),
        "slug": slug,
        "front_matter": fields,
    }
    if fields.date:
        metadata["date"] = fields.date
    elif _is_article_file(source_path, settings):
        # Pelican would drop a dateless article without a word in `make check`; keep it
        # in the flow so its problems are all reported (the missing date is one of them).
        metadata["date"] = PLACEHOLDER_DATE
    made = {} if named is None else named

    def one(cls, name: str):
        found = made.get((cls, name))
        if found is None:
            found = made[(cls, name)] = cls(name, settings)
        return found

    tags = [one(Tag, name) for name in fields.tags]
    for tag in tags:
        if not tag.slug:
            fields.report(
                "tags",
                t(
                    "chủ đề '{tag}' không có chữ hay số nào để làm địa chỉ trang; "
                    "hãy sửa hoặc xoá chủ đề này",
                    tag=tag.name,
                ),
            )
    tags = [t for t in tags if t.slug]
    if tags:
        metadata["tags"] = tags
    if fields.author:
        metadata["author"] = one(Author, fields.author)
    if fields.summary:
        # Plain text, never HTML: feeds and listings publish it as written.
        metadata["summary"] = Markup(html.escape(fields.summary, quote=False))
    if fields.modified:
        metadata["modified"] = fields.modified
    for name in ("template", "lang", "url", "save_as"):
        if getattr(fields, name):
            metadata[name] = getattr(fields, name)
    for name in ("author_unit", "location", "photo_credit"):
        metadata[name] = getattr(fields, name)
    # Content with an error is never published, whatever else happens to the build.
    metadata["status"] = "draft" if _fatal(fields) else fields.status
    return metadata


def _is_article_file(source_path: str, settings: dict) -> bool:
    return any(
        is_inside(source_path, os.path.join(settings["PATH"], folder))
        for folder in settings.get("ARTICLE_PATHS") or [""]
    )


def _fatal(fields: ContentFields) -> bool:
    return any(p.fatal for p in fields.problems)
