"""Which photos an article shows: from its front matter, or every image in its folder.

Nothing here decodes pixels. Problems (a missing file, a path leaving the content
folder, a duplicate entry) are returned as messages ``ảnh '<name>': <what>`` so
the build and ``make check`` report them the same way.
"""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from dataclasses import dataclass, field

from thidua.domain.messages import t
from thidua.domain.paths import is_inside, real_path

from .images import PhotoProblem, read_header
from .settings import GallerySettings


@dataclass
class PhotoRef:
    """One photo an article asks for, before processing."""

    name: str  # as written by the author, for messages
    path: str  # absolute, symlinks resolved
    caption: str = ""
    alt: str = ""
    credit: str = ""


@dataclass
class ArticleSources:
    gallery: list[PhotoRef] = field(default_factory=list)
    cover: PhotoRef | None = None  # one of `gallery`, or a photo of its own
    problems: list[str] = field(default_factory=list)


def problem(name: str, what: str) -> str:
    return t("ảnh '{name}': {what}", name=name, what=what)


def resolve_article(source_path: str, metadata: dict, gs: GallerySettings,
                    listed=None) -> ArticleSources:  # fmt: skip
    """The gallery photos and cover of one article, with every problem found on the way.
    `listed`: the build's listing of the content (`listing.FolderFiles`), if it has one."""
    result = ArticleSources()
    article_dir = os.path.dirname(real_path(source_path))
    credit = _text(metadata.get("photo_credit"))
    base = _photo_folder(article_dir, metadata.get("photo_folder"), gs, result.problems)
    if base is None:
        return result
    entries = metadata.get("photos")
    if entries is None:
        if _is_bundle(source_path) or metadata.get("photo_folder"):
            result.gallery = [
                PhotoRef(name=name, path=os.path.join(base, name), credit=credit)
                for name in folder_images(base, gs, listed)
            ]
    else:
        result.gallery = _listed_photos(entries, base, credit, gs, result.problems)
    result.cover = _cover(metadata.get("cover"), base, result, credit, gs)
    return result


def _is_bundle(source_path: str) -> bool:
    """An article that is a folder of its own (index.md beside its photos)."""
    return os.path.splitext(os.path.basename(source_path))[0] == "index"


def _photo_folder(article_dir: str, folder, gs: GallerySettings, problems: list[str]) -> str | None:
    if not folder:
        return article_dir
    name = str(folder)
    path = real_path(os.path.join(article_dir, name))
    if not is_inside(path, gs.content_root):
        problems.append(
            t(
                "photo_folder '{name}': thư mục này nằm ngoài thư mục nội dung; hãy "
                "chép ảnh vào thư mục nội dung",
                name=name,
            )
        )
        return None
    if not os.path.isdir(path):
        problems.append(
            t(
                "photo_folder '{name}': không có thư mục này; hãy kiểm tra lại tên thư mục",
                name=name,
            )
        )
        return None
    return path


def _listed_photos(entries, base: str, credit: str, gs, problems: list[str]) -> list[PhotoRef]:
    if not isinstance(entries, list):
        problems.append(t("photos: phải là danh sách, mỗi ảnh một mục có file, caption và alt"))
        return []
    photos: list[PhotoRef] = []
    seen: dict[str, int] = {}
    for number, entry in enumerate(entries, start=1):
        if isinstance(entry, str):
            entry = {"file": entry}
        if not isinstance(entry, dict) or not entry.get("file"):
            problems.append(
                t("photos: mục thứ {number} chưa có file: (tên tệp ảnh)", number=number)
            )
            continue
        name = str(entry["file"]).strip()
        path, what = locate(base, name, gs)
        if what:
            problems.append(problem(name, what))
            continue
        if path in seen:
            problems.append(
                problem(
                    name,
                    t(
                        "được ghi nhiều lần (mục {first} và {number}); hãy xoá một mục",
                        first=seen[path],
                        number=number,
                    ),
                )
            )
            continue
        seen[path] = number
        photos.append(
            PhotoRef(
                name=name,
                path=path,
                caption=_text(entry.get("caption")),
                alt=_text(entry.get("alt")),
                credit=_text(entry.get("credit")) or credit,
            )
        )
    return photos


def _cover(cover, base: str, result: ArticleSources, credit: str, gs) -> PhotoRef | None:
    if not cover:
        return result.gallery[0] if result.gallery else None
    name = str(cover).strip()
    path, what = locate(base, name, gs)
    if what:
        result.problems.append(problem(name, t("(ảnh bìa, cover) {what}", what=what)))
        return result.gallery[0] if result.gallery else None
    for photo in result.gallery:
        if photo.path == path:
            return photo
    return PhotoRef(name=name, path=path, credit=credit)


def locate(base: str, name: str, gs: GallerySettings) -> tuple[str, str | None]:
    """(absolute path, problem or None) for a file name written relative to `base`."""
    path = real_path(os.path.join(base, name))
    if not is_inside(path, gs.content_root):
        return path, t("đường dẫn ra ngoài thư mục nội dung; hãy đặt ảnh cạnh bài viết")
    if not os.path.exists(path):
        path = _same_name_other_form(path)
    if not os.path.exists(path):
        hint = _nearest_file_hint(os.path.dirname(path), path, gs)
        if hint:
            return path, t("không có tệp này") + hint
        return path, t(
            "không có tệp này; hãy kiểm tra lại tên tệp, hoặc chép ảnh vào thư mục của bài viết"
        )
    if not os.path.isfile(path):
        return path, t("không phải một tệp ảnh mà là thư mục")
    return path, None


def _same_name_other_form(path: str) -> str:
    """The file whose name is `path`'s in another Unicode form (macOS saves names as NFD)."""
    folder, wanted = os.path.split(path)
    wanted = unicodedata.normalize("NFC", wanted)
    try:
        names = os.listdir(folder)
    except OSError:
        return path
    match = next((n for n in names if unicodedata.normalize("NFC", n) == wanted), None)
    return os.path.join(folder, match) if match else path


def _nearest_file_hint(folder: str, path: str, gs: GallerySettings) -> str:
    """' — có phải ý bạn là 'ky-ket.jpg'?' when an image in that folder has a close name."""
    # Compare stems: every name shares ".jpg", which would make any two look alike.
    stems = {os.path.splitext(name)[0]: name for name in folder_images(folder, gs)}
    wanted = os.path.splitext(os.path.basename(path))[0]
    close = difflib.get_close_matches(wanted, stems, n=1, cutoff=0.75)
    return t(" — có phải ý bạn là {value}?", value=f"'{stems[close[0]]}'") if close else ""


def folder_images(folder: str, gs: GallerySettings, listed=None) -> list[str]:
    """Image files of a folder in natural file-name order (anh-2 before anh-10). `listed`:
    the build's listing (`listing.FolderFiles`): its regular files, where it can tell, so
    that a build does not list every article's folder again."""
    files = listed.names(folder) if listed is not None else None
    if files is not None:
        images = [n for n in files if n.lower().endswith(gs.extensions) and not n.startswith(".")]
        return sorted(images, key=natural_key)
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    images = [
        n
        for n in names
        if n.lower().endswith(gs.extensions)
        and not n.startswith(".")
        and os.path.isfile(os.path.join(folder, n))
    ]
    return sorted(images, key=natural_key)


def natural_key(name: str) -> list:
    return [int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", name)]


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def check_sources(source_path: str, metadata: dict, gs: GallerySettings) -> list[str]:
    """Every problem of an article's photos, with a header check of each file."""
    sources = resolve_article(source_path, metadata, gs)
    problems = list(sources.problems)
    photos = list(sources.gallery)
    if sources.cover is not None and sources.cover not in photos:
        photos.append(sources.cover)
    for photo in photos:
        try:
            read_header(photo.path, gs)
        except PhotoProblem as error:
            problems.append(problem(photo.name, str(error)))
    return problems
