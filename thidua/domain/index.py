"""An article's place in the registry, and one pass over the articles for every page map.

`resolve` checks what an article says (cluster, emulation year, units, event)
against the registry and gives its typed `ArticleEmulation`; `build_index`
files every published article under each map once, so that cluster, unit,
year and (cluster, year) pages never scan all articles again.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from .fields import SLUG, ContentFields
from .messages import t
from .model import ArticleEmulation, ArticleLink, ArticleUnit, Cluster, Problem, Registry, Term
from .suggest import cluster_suggestion, nearest


def resolve(fields: ContentFields, registry: Registry) -> tuple[ArticleEmulation | None, list]:
    """(the article's emulation data or None, problems) for one article's fields."""
    problems: list[Problem] = []
    if fields.unreadable:
        return None, problems  # the header's own problem says it all

    def report(name, message, suggestion=None, fatal=True):
        problems.append(Problem(fields.source, name, message, suggestion,
                                fields.lines.get(name), fatal))  # fmt: skip

    if fields.date is None and "date" not in fields.lines:
        report("date", t("chưa có ngày đăng; hãy thêm một dòng date: 27/05/2024 09:00"))
    event = None
    if fields.event:
        event = registry.events.get(fields.event)
        if event is None:
            report("event", t("không có loại sự kiện '{value}'; hãy ghi một trong {choices}",
                              value=fields.event, choices=", ".join(registry.events)),
                   nearest(fields.event, registry.events))  # fmt: skip
    if not fields.cluster:
        report(
            "cluster",
            t(
                "chưa ghi cụm hay khối thi đua; hãy thêm dòng cluster: với mã (slug) "
                "của cụm, như trong {folder}",
                folder=_folder(registry),
            ),
        )
        return None, problems
    cluster = registry.clusters.get(fields.cluster)
    if cluster is None:
        report("cluster", *unknown_cluster(fields.cluster, registry))
        return None, problems
    year = fields.emulation_year
    if year is None:
        return None, problems  # the date's own problem is reported already
    term = cluster.term(year)
    if term is None:
        report("year" if fields.year else "date", _no_term(cluster, year, bool(fields.year)))
        return None, problems
    units = _taking_part(fields, term, registry, report)
    emulation = ArticleEmulation(cluster=cluster, year=year, term=term, event=event,
                                 units=units, units_listed=bool(fields.units))  # fmt: skip
    return emulation, problems


def _folder(registry: Registry) -> str:
    """The registry folder as the author sees it, e.g. content/clusters/."""
    sources = [c.source for c in registry.clusters.values() if c.source]
    return f"{posixpath.dirname(sources[0])}/" if sources else "clusters/"


def unknown_cluster(value: str, registry: Registry) -> tuple[str, str | None]:
    """(message, suggestion) for a cluster the registry does not have, typed by slug or name."""
    suggestion = cluster_suggestion(value, registry.clusters.values())
    folder = _folder(registry)
    if SLUG.match(value):
        message = t(
            "không có cụm hay khối nào mang mã '{value}' trong {folder}", value=value, folder=folder
        )
    else:
        message = t(
            "'{value}' là tên, không phải mã của cụm; hãy ghi mã (slug) của cụm, "
            "như trong {folder}",
            value=value,
            folder=folder,
        )
    if suggestion is None and registry.clusters:
        message += t("; các mã đang có: {slugs}", slugs=", ".join(sorted(registry.clusters)))
    return message, suggestion


def _no_term(cluster: Cluster, year: int, year_given: bool) -> str:
    """Which years the cluster has, and where the missing year goes: never another year."""
    years = ", ".join(str(y) for y in sorted(term.year for term in cluster.terms))
    if not years:
        return t(
            "{cluster} chưa có năm thi đua nào; hãy thêm năm {year} vào terms: trong {source}",
            cluster=cluster.slug,
            year=year,
            source=cluster.source,
        )
    if year_given:
        return t(
            "{cluster} chưa có năm thi đua {year} (các năm đã có: {years}); nếu bài viết "
            "thuộc năm {year}, hãy thêm năm {year} vào terms: trong {source}, nếu không thì "
            "sửa lại year:",
            cluster=cluster.slug,
            year=year,
            years=years,
            source=cluster.source,
        )
    return t(
        "ngày đăng thuộc năm {year} nhưng {cluster} chưa có năm thi đua {year} (các năm đã "
        "có: {years}); hãy thêm năm {year} vào terms: trong {source}, hoặc ghi year: nếu bài "
        "viết thuộc một năm thi đua khác",
        cluster=cluster.slug,
        year=year,
        years=years,
        source=cluster.source,
    )


def _taking_part(fields: ContentFields, term: Term, registry: Registry, report):
    """The units named in the header (head first), or every member that year."""
    members = {u.slug for u in term.members}
    units_file = next((u.source for u in registry.units.values() if u.source), "units.yml")
    named = []
    for slug in fields.units:
        if slug not in registry.units:
            report(
                "units",
                t("không có đơn vị nào mang mã '{slug}' trong {file}", slug=slug, file=units_file),
                nearest(slug, members),
            )
        elif slug not in members:
            other = registry.units[slug].membership(term.year)
            where = (
                t(" (năm đó đơn vị này thuộc {other})", other=other.cluster.slug) if other else ""
            )
            report("units",
                   t("đơn vị '{slug}' không phải thành viên của {cluster} năm {year}{where}; hãy "
                     "bỏ đơn vị này khỏi units: hoặc kiểm tra lại cluster:", slug=slug,
                     cluster=term.cluster.slug, year=term.year, where=where),
                   nearest(slug, members))  # fmt: skip
        else:
            named.append(slug)
    ordered = [u for u in term.members_by_role if u.slug in named] if named else []
    units = ordered or ([] if fields.units else term.members_by_role)
    return [ArticleUnit(u, term.role_of(u), term.role_label(u)) for u in units]


@dataclass
class EmulationIndex:
    registry: Registry
    by_cluster: dict[str, list] = field(default_factory=lambda: defaultdict(list))
    by_unit: dict[str, list] = field(default_factory=lambda: defaultdict(list))
    by_year: dict[int, list] = field(default_factory=lambda: defaultdict(list))
    by_cluster_year: dict[tuple[str, int], list] = field(default_factory=lambda: defaultdict(list))
    by_event: dict[str, list] = field(default_factory=lambda: defaultdict(list))

    @property
    def years(self) -> list[int]:
        """Every emulation year with articles or terms, newest first."""
        term_years = {t.year for c in self.registry.clusters.values() for t in c.terms}
        return sorted(set(self.by_year) | term_years, reverse=True)

    @cached_property  # read by every page's footer
    def newest_year(self) -> int | None:
        """The year of the newest published article (the footer's copyright year)."""
        return max((items[0].date.year for items in self.by_cluster.values() if items),
                   default=None)  # fmt: skip

    def count(self, cluster: Cluster, year: int) -> int:
        return len(self.by_cluster_year.get((cluster.slug, year), ()))


def build_index(articles: list, registry: Registry) -> EmulationIndex:
    """File every article (with its `emulation` resolved) under each map, newest first."""
    index = EmulationIndex(registry)
    for article in sorted(articles, key=lambda a: (a.date, a.source_path), reverse=True):
        emulation: ArticleEmulation | None = getattr(article, "emulation", None)
        if emulation is None:
            continue
        slug, year = emulation.cluster.slug, emulation.year
        index.by_cluster[slug].append(article)
        index.by_year[year].append(article)
        index.by_cluster_year[(slug, year)].append(article)
        for taking_part in emulation.units:
            index.by_unit[taking_part.unit.slug].append(article)
        if emulation.event is not None:
            index.by_event[emulation.event.slug].append(article)
    _link_neighbours(index)
    return index


def _link_neighbours(index: EmulationIndex) -> None:
    """Previous (older) and next (newer) article within the same cluster."""
    for articles in index.by_cluster.values():
        for position, article in enumerate(articles):
            newer = articles[position - 1] if position > 0 else None
            older = articles[position + 1] if position + 1 < len(articles) else None
            article.emulation.newer = _link(newer)
            article.emulation.older = _link(older)


def _link(article) -> ArticleLink | None:
    return None if article is None else ArticleLink(article.title, article.url, article.date)
