"""Write the imported article in our format: a folder with index.md and its photos.

Nothing that exists is ever overwritten: an article with the same slug anywhere
under content/articles, or a photo file already in the folder, stops the import
before anything is written. Nothing is written outside content/articles either,
and only real images from inside the --photos folder are copied: the saved page
and its folder come from elsewhere and are not trusted.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml
from PIL import Image

from thidua.domain import vietnamese

from .model import BodyBlock, Byline, FoundDate, Guess, ImportFailed, Photo

CHECK = "# kiểm tra"
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".tif", ".tiff", ".avif")
_SLUG_LIMIT = 80  # long legacy titles make unreadable URLs
_ALT_LIMIT = 125  # what screen readers read comfortably
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# What the gallery accepts as sources (GALLERY_SOURCE_FORMATS), as Pillow names them.
_IMAGE_FORMATS = ("JPEG", "MPO", "PNG", "WEBP", "TIFF", "GIF", "AVIF")


@dataclass
class PlannedPhoto:
    name: str  # file name in the article folder
    src: str  # as written in the legacy page
    caption: str
    alt: str
    alt_from_caption: bool
    source_file: Path | None = None  # found in the --photos folder and checked
    data: bytes = field(default=b"", repr=False)  # the checked bytes, written as they are
    skipped: str = ""  # why the file found in the --photos folder is left out


@dataclass
class Draft:
    """Everything the article file says, each guess with its evidence."""

    source_name: str
    imported_on: dt.date
    title: str
    title_guessed: bool
    date: FoundDate
    cluster: Guess
    year: Guess
    event: Guess | None
    units: Guess
    byline: Byline | None
    location: Guess | None
    summary: Guess | None
    tags: list
    body: list[BodyBlock]
    photos: list[PlannedPhoto] = field(default_factory=list)
    photos_folder: Path | None = None
    documents: list[str] = field(default_factory=list)
    title_given: bool = False  # given by the archivist: nothing to check
    event_problem: str = ""  # why no event was written
    fingerprint: str = ""  # of the source file: a re-run recognises the page by it
    url: str = ""  # the address the saved page names


def slug_for(title: str) -> str:
    slug = vietnamese.slugify(title)
    if len(slug) > _SLUG_LIMIT:
        slug = slug[:_SLUG_LIMIT].rsplit("-", 1)[0]
    return slug or "bai-viet"


def checked_slug(given: str) -> str:
    """A --slug as given, refused unless it is a plain folder name: it becomes part of a path."""
    if _SLUG.fullmatch(given):
        return given
    suggestion = vietnamese.slugify(given)
    hint = f"dùng {suggestion}" if suggestion else "dùng chữ thường không dấu và chữ số"
    raise ImportFailed(
        f"tên thư mục (slug) {given!r} không hợp lệ: chỉ gồm chữ thường không dấu và chữ số, "
        f"nối bằng một dấu gạch ngang — {hint}"
    )


# -- Photos -------------------------------------------------------------------


def plan_photos(photos: list[Photo], folder: Path | None) -> list[PlannedPhoto]:
    """File names for the photos (ASCII, unique) and, with a folder, the files to copy."""
    planned: list[PlannedPhoto] = []
    used: set[str] = set()
    for number, photo in enumerate(photos, start=1):
        original = _basename(photo.src)
        stem, suffix = os.path.splitext(original)
        suffix = suffix.lower() if suffix.lower() in IMAGE_SUFFIXES else ".jpg"
        name = f"{vietnamese.slugify(stem) or f'anh-{number}'}{suffix}"
        while name in used:
            name = f"{os.path.splitext(name)[0]}-{number}{suffix}"
        used.add(name)
        alt, from_caption = _alt(photo)
        plan = PlannedPhoto(name, photo.src, photo.caption, alt, from_caption)
        found = _find_file(folder, original) if folder and original else None
        if found is not None:
            _take_file(plan, folder, found)
        planned.append(plan)
    return planned


def _basename(src: str) -> str:
    if not src:
        return ""
    path = unquote(urlsplit(src.replace("\\", "/")).path)
    return path.rstrip("/").rsplit("/", 1)[-1]


def _find_file(folder: Path, name: str) -> Path | None:
    """The saved image named like the page's <img>, at any depth, case aside (links too)."""
    exact = folder / name
    if exact.is_file() or exact.is_symlink():
        return exact
    wanted = name.lower()
    for path in sorted(folder.rglob("*")):
        if path.name.lower() == wanted and (path.is_file() or path.is_symlink()):
            return path
    return None


def _take_file(plan: PlannedPhoto, folder: Path, path: Path) -> None:
    """Keep the file's bytes in `plan`, or say in `plan.skipped` why it is left out.

    A saved folder can hold links (unpacked from an archive, say): one to
    /etc/passwd must not be published as a photo. So only a regular file whose
    real path is inside the folder counts, and only if Pillow reads it as an
    image; its bytes are kept so that what is written is what was checked.
    """
    real = Path(os.path.realpath(path))
    if not real.is_relative_to(os.path.realpath(folder)):
        reason = "là liên kết tới tệp ngoài thư mục"
    elif not real.is_file():
        reason = "không phải tệp thường"
    elif (data := _image_bytes(real)) is None:
        reason = "không phải ảnh"
    else:
        plan.source_file, plan.data = path, data
        return
    plan.skipped = f"bỏ qua ảnh '{path.name}': {reason}"


def _image_bytes(path: Path) -> bytes | None:
    """The file's bytes if it is an image the gallery accepts, else None (unreadable too)."""
    try:
        data = path.read_bytes()
        with Image.open(io.BytesIO(data), formats=_IMAGE_FORMATS) as image:
            image.verify()
    except Exception:  # Pillow raises many kinds on broken or hostile files: all mean "no"
        return None
    return data


def _alt(photo: Photo) -> tuple[str, bool]:
    alt = photo.alt.strip()
    meaningless = (
        not alt
        or len(alt.split()) < 2
        or alt.lower().endswith(IMAGE_SUFFIXES)
        or alt.lower() in ("image", "hình ảnh", "ảnh", "ảnh minh họa", "ảnh minh hoạ")
    )
    if not meaningless:
        return alt, False
    caption = photo.caption.strip().rstrip(".")
    if len(caption) > _ALT_LIMIT:
        caption = caption[: _ALT_LIMIT - 1].rsplit(" ", 1)[0] + "…"
    return caption, True


# -- The file -------------------------------------------------------------------


def _yaml(value) -> str:
    """One YAML value on one line, quoted only when YAML needs it."""
    dumped = yaml.safe_dump(
        value, allow_unicode=True, default_flow_style=True, width=1_000_000, sort_keys=False
    )
    return dumped.removesuffix("\n...\n").strip()


def _quoted(text: str) -> str:
    """Text always in YAML quotes, whatever it looks like ('Ghi chú: …', '- 3 đơn vị', …)."""
    dumped = yaml.safe_dump(text, allow_unicode=True, default_style="'", width=1_000_000)
    return dumped.strip()


def _comment(text: str) -> str:
    return " ".join(str(text).split())


def render(draft: Draft) -> str:
    """index.md: the YAML front matter with its "kiểm tra" notes, then the Markdown body."""
    lines = ["---", *header_notes(draft)]

    def put(key: str, value, checked: bool = True, raw: bool = False) -> None:
        text = str(value) if raw else _yaml(value)
        lines.append(f"{key}: {text}" + (f"   {CHECK}" if checked else ""))

    put("title", draft.title, not draft.title_given)
    when = draft.date.value
    put(
        "date",
        when.strftime("%Y-%m-%d %H:%M" if draft.date.has_time else "%Y-%m-%d"),
        not draft.date.evidence.startswith("do người nhập"),
        raw=True,
    )
    put("cluster", draft.cluster.value.slug, not draft.cluster.given)
    put("year", draft.year.value, not draft.year.given)
    if draft.event is not None:
        put("event", draft.event.value, not draft.event.given)
    else:
        lines.append(f"# event:   {CHECK}: {_comment(draft.event_problem)}")
    if draft.units.named:
        lines.append(
            f"# units: {_yaml(list(draft.units.named))}   {CHECK}: chỉ bỏ dấu # nếu đúng là chỉ "
            "những đơn vị này tham gia"
        )
    if draft.byline and draft.byline.author:
        put("author", draft.byline.author)
    if draft.byline and draft.byline.author_unit:
        put("author_unit", draft.byline.author_unit)
    if draft.location:
        put("location", draft.location.value)
    if draft.summary:
        # Pelican reads `summary` as Markdown: escaped like the body, quoted as YAML text.
        put("summary", _quoted(escape(draft.summary.value)), raw=True)
    put("tags", draft.tags)
    put("status", "draft", checked=False)
    lines += _photo_lines(draft)
    lines.append("---")
    return "\n".join(lines) + "\n" + body_markdown(draft.body)


def header_notes(draft: Draft) -> list[str]:
    """The comment block at the top: where the file came from and why each field says so."""
    source = f"# nguồn: {_comment(draft.source_name)}"
    if draft.fingerprint:
        source += f" · sha256 {draft.fingerprint}"
    notes = [
        f"# nhập từ cổng cũ ngày {draft.imported_on:%d/%m/%Y}: đọc lại các trường ghi "
        f'"{CHECK.removeprefix("# ")}" rồi đặt status: published',
        source + " (giữ dòng này: nhập lại sẽ nhận ra trang đã nhập)",
    ]
    if draft.url:
        notes.append(f"# địa chỉ gốc: {_comment(draft.url)}")

    def note(key: str, evidence: str) -> None:
        notes.append(f"#   {key}: {_comment(evidence)}")

    if draft.title_given:
        note("title", "do người nhập cho")
    elif draft.title_guessed:
        note("title", "lấy từ tiêu đề của trang (<title>): không có dòng tiêu đề trước bài")
    else:
        note("title", "dòng tiêu đề của trang")
    note("date", draft.date.evidence)
    note("cluster", draft.cluster.evidence)
    note("year", draft.year.evidence)
    note("event", draft.event.evidence if draft.event else f"chưa rõ — {draft.event_problem}")
    note("units", draft.units.evidence)
    if draft.byline:
        note("author", f"dòng tác giả “{draft.byline.raw}”")
    else:
        note("author", "cuối bài không có dòng tác giả")
    if draft.location:
        note("location", draft.location.evidence)
    if draft.summary:
        note("summary", draft.summary.evidence)
    note("tags", "từ sự kiện, tỉnh và năm")
    copied = sum(1 for p in draft.photos if p.source_file)
    if draft.photos:
        if draft.photos_folder is None:
            note("photos", f"trang có {len(draft.photos)} ảnh, ghi dưới dạng chú thích (#)")
        else:
            note("photos", f"đã chép {copied}/{len(draft.photos)} ảnh từ {draft.photos_folder}")
    for photo in draft.photos:
        if photo.skipped:
            note("photos", photo.skipped)
    if draft.documents:
        note("văn bản được nêu", "; ".join(draft.documents))
    return notes


def _photo_lines(draft: Draft) -> list[str]:
    found = [p for p in draft.photos if p.source_file]
    missing = [p for p in draft.photos if not p.source_file]
    lines: list[str] = []
    if found:
        lines.append("photos:")
        for photo in found:
            lines += _photo_entry(photo, "")
    if missing:
        if draft.photos_folder is None:
            lines.append(
                "# ảnh của trang gốc: đặt tệp ảnh cạnh index.md, sửa tên tệp, bỏ dấu # ở đầu dòng"
            )
        else:
            lines.append(f"# ảnh không có trong {_comment(draft.photos_folder)}: thêm bằng tay")
        if not found:
            lines.append("# photos:")
        for photo in missing:
            lines += _photo_entry(photo, "# ")
    return lines


def _photo_entry(photo: PlannedPhoto, mark: str) -> list[str]:
    src = (
        f"   # src: {_comment(photo.src)}"
        if photo.src
        else "   # bản chép chữ: không có địa chỉ ảnh"
    )
    entry = [f"{mark}  - file: {_yaml(photo.name)}{src}"]
    if photo.caption:
        entry.append(f"{mark}    caption: {_yaml(photo.caption)}")
    if photo.alt:
        check = f"   {CHECK}" if photo.alt_from_caption else ""
        entry.append(f"{mark}    alt: {_yaml(photo.alt)}{check}")
    return entry


# -- The body -------------------------------------------------------------------

_LINE_START = re.compile(r"^(#|>|[-+](?=\s)|=+$|-+$)")
_NUMBER_START = re.compile(r"^(\d+)([.)])(?=\s)")


def escape(text: str) -> str:
    """Legacy text as literal Markdown: no raw HTML, links, attributes, emphasis or lists.

    Braces are escaped for attr_list (in Markdown "extra"): '## Tiêu đề {: onfocus=…}'
    would give the heading that attribute; '\\{' is an escape it does not read.
    """
    text = text.replace("\\", "\\\\")
    text = re.sub(r"([`*_\[\]{}])", r"\\\1", text)
    text = text.replace("<", "&lt;")
    text = _NUMBER_START.sub(r"\1\\\2", text)
    return _LINE_START.sub(r"\\\1", text)


def body_markdown(body: list[BodyBlock]) -> str:
    """Paragraphs, '##' headings and lists, one blank line between blocks."""
    parts: list[str] = []
    previous = ""
    number = 0
    for block in body:
        text = escape(block.text)
        if block.kind in ("ol", "ul"):
            number = number + 1 if previous == block.kind else 1
            item = f"{number}. {text}" if block.kind == "ol" else f"- {text}"
            if previous == block.kind:
                parts[-1] += "\n" + item
            else:
                parts.append(item)
        elif block.kind == "h":
            parts.append(f"## {text}")
        else:
            parts.append(text)
        previous = block.kind
    return "\n\n".join(parts) + "\n"


# -- Writing ----------------------------------------------------------------------


def existing_article(content: Path, slug: str) -> Path | None:
    """An article already using `slug` (a folder of that name or <slug>.md), anywhere."""
    articles = content / "articles"
    if not articles.is_dir():
        return None
    for path in sorted(articles.rglob("*")):
        if path.is_dir() and path.name == slug and any(path.glob("*.md")):
            return next(iter(sorted(path.glob("*.md"))))
        if path.is_file() and path.suffix == ".md" and path.stem == slug:
            return path
    return None


def write_article(content: Path, year: int, slug: str, text: str, photos: list[PlannedPhoto]):
    """Write <content>/articles/<year>/<slug>/index.md and copy the photos; never overwrite."""
    folder = content / "articles" / str(year) / slug
    target = folder / "index.md"
    _refuse_outside(content / "articles", target)
    existing = existing_article(content, slug)
    if existing is not None or target.exists():
        raise ImportFailed(
            f"{existing or target} đã có: bài nhập vào không bao giờ ghi đè bài có sẵn "
            "(cho tên thư mục khác bằng SLUG=, hoặc xoá bài cũ trước)",
            code=1,
        )
    for photo in photos:
        if photo.source_file and (folder / photo.name).exists():
            raise ImportFailed(f"{folder / photo.name} đã có: không ghi đè", code=1)
    folder.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as handle:  # "x": fail rather than overwrite
        handle.write(text)
    for photo in photos:
        if photo.source_file:
            with (folder / photo.name).open("xb") as handle:
                handle.write(photo.data)
    return target


def _refuse_outside(articles: Path, target: Path) -> None:
    """The last guard before writing: a slug from elsewhere or a linked folder cannot escape."""
    if not Path(os.path.realpath(target)).is_relative_to(os.path.realpath(articles)):
        raise ImportFailed(f"{target} nằm ngoài {articles}: không ghi gì")
