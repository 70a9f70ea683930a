"""Where every page of the build will be written, checked before anything is written.

Two pages on one file would silently replace one another (an article with
``save_as: index.html`` replaces the home page), and a path leaving the output
folder would write elsewhere on the machine. Both are problems at the line
that causes them.
"""

from __future__ import annotations

import posixpath

from thidua import settings as portal_settings
from thidua.domain.messages import t
from thidua.domain.model import Problem

from .contents import written_articles, written_pages


class _Claims:
    def __init__(self) -> None:
        self.owners: dict[str, str] = {}
        self.problems: list[Problem] = []

    def generated(self, save_as: str, what: str) -> None:
        if save_as:
            self.owners.setdefault(_normal(save_as), what)

    def content(self, item, kind: str) -> None:
        fields = item.front_matter
        save_as = getattr(item, "save_as", "") or ""
        if not save_as:
            return
        name = "save_as" if fields.save_as else "slug"
        path = _normal(save_as)
        if path.startswith("../") or path == ".." or posixpath.isabs(path):
            message = t(
                "trang này sẽ được ghi ra ngoài thư mục của trang web ({path}); hãy sửa {name}:",
                path=save_as,
                name=name,
            )
            self.problems.append(Problem(fields.source, name, message, line=fields.lines.get(name)))
            return
        owner = self.owners.get(path)
        if owner is not None:
            message = t(
                "trang này sẽ được ghi vào {path}, trùng với {owner}; hãy ghi cho {kind} "
                "này một dòng slug: khác (hoặc bỏ dòng save_as:)",
                path=save_as,
                owner=owner,
                kind=kind,
            )
            self.problems.append(Problem(fields.source, name, message, line=fields.lines.get(name)))
            return
        self.owners[path] = fields.source


def _normal(path: str) -> str:
    return posixpath.normpath(path.replace("\\", "/"))


def check(articles_gen, pages_gen, context: dict, settings: dict) -> list[Problem]:
    """Problems of pages that would overwrite another page or leave the output folder."""
    claims = _Claims()
    for save_as, what in generated_pages(articles_gen, context, settings):
        claims.generated(save_as, what)
    for item in written_articles(articles_gen):
        claims.content(item, t("bài viết"))
    for item in written_pages(pages_gen):
        claims.content(item, t("trang"))
    return claims.problems


def generated_pages(articles_gen, context: dict, settings: dict):
    """(file, description) of every page a generator writes that is not an article or page."""
    for template in settings.get("DIRECT_TEMPLATES", []):
        save_as = settings.get(f"{template.upper()}_SAVE_AS", f"{template}.html")
        yield save_as, t("trang '{template}'", template=template)
    for target in (settings.get("TEMPLATE_PAGES") or {}).values():
        yield target, t("trang {target}", target=target)
    for tag in getattr(articles_gen, "tags", {}) or {}:
        yield tag.save_as, t("trang của chủ đề '{tag}'", tag=tag.name)

    def pattern(name: str, **values) -> str:
        value = portal_settings.get(settings, name)
        return value.format(**values) if value else ""

    yield pattern("CLUSTER_INDEX_SAVE_AS"), t("trang danh sách cụm")
    yield pattern("UNIT_INDEX_SAVE_AS"), t("trang danh sách đơn vị")
    yield pattern("EMULATION_ARCHIVE_SAVE_AS"), t("trang lưu trữ")
    for cluster in context.get("clusters", []):
        yield (
            pattern("CLUSTER_SAVE_AS", slug=cluster.slug),
            t("trang của {slug}", slug=cluster.slug),
        )
        for term in cluster.terms:
            yield (
                pattern("CLUSTER_YEAR_SAVE_AS", slug=cluster.slug, year=term.year),
                t("trang của {slug} năm {year}", slug=cluster.slug, year=term.year),
            )
    for unit in context.get("emulation_units", []):
        yield pattern("UNIT_SAVE_AS", slug=unit.slug), t("trang của đơn vị {slug}", slug=unit.slug)
    for event in context.get("emulation_events", []):
        yield (
            pattern("EVENT_SAVE_AS", slug=event.slug),
            t("trang của sự kiện {slug}", slug=event.slug),
        )
    for year in context.get("emulation_years", []):
        yield pattern("EMULATION_YEAR_SAVE_AS", year=year), t("trang lưu trữ năm {year}", year=year)
    for name in ("PHOTO_LIBRARY_SAVE_AS",):
        if settings.get(name):
            yield settings[name], t("trang thư viện ảnh")
