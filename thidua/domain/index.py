"""An article's place in the registry, and one pass over the articles for every page map.

`resolve` checks what an article says (cluster, emulation year, units, event)
against the registry and gives its typed `ArticleEmulation`; `build_index`
files every published article under each map once, so that cluster, unit,
year and (cluster, year) pages never scan all articles again.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from .fields import ContentFields
from .model import ArticleEmulation, ArticleUnit, Cluster, Problem, Registry, Term
from .suggest import nearest, nearest_number


def resolve(fields: ContentFields, registry: Registry) -> tuple[ArticleEmulation | None, list]:
    """(the article's emulation data or None, problems) for one article's fields."""
    problems: list[Problem] = []
    if fields.unreadable:
        return None, problems  # the header's own problem says it all

    def report(name, message, suggestion=None, fatal=True):
        problems.append(Problem(fields.source, name, message, suggestion,
                                fields.lines.get(name), fatal))  # fmt: skip

    if fields.date is None and "date" not in fields.lines:
        report("date", "missing: give a date like 27/05/2024 09:00")
    event = None
    if fields.event:
        event = registry.events.get(fields.event)
        if event is None:
            report("event", f"unknown event '{fields.event}'; one of {', '.join(registry.events)}",
                   nearest(fields.event, registry.events))  # fmt: skip
    if not fields.cluster:
        report("cluster", "missing: name the cluster or block (a slug from content/clusters/)")
        return None, problems
    cluster = registry.clusters.get(fields.cluster)
    if cluster is None:
        report("cluster", f"unknown cluster '{fields.cluster}'",
               nearest(fields.cluster, registry.clusters))  # fmt: skip
        return None, problems
    year = fields.emulation_year
    if year is None:
        return None, problems  # the date's own problem is reported already
    term = cluster.term(year)
    if term is None:
        years = [t.year for t in cluster.terms]
        report("year" if fields.year else "date",
               f"{cluster.slug} has no term for {year} (its years: "
               f"{', '.join(map(str, years)) or 'none'}); the term belongs in {cluster.source}",
               nearest_number(year, years))  # fmt: skip
        return None, problems
    units = _taking_part(fields, term, registry, report)
    emulation = ArticleEmulation(cluster=cluster, year=year, term=term, event=event,
                                 units=units, units_listed=bool(fields.units))  # fmt: skip
    return emulation, problems


def _taking_part(fields: ContentFields, term: Term, registry: Registry, report):
    """The units named in the header (head first), or every member that year."""
    members = {u.slug for u in term.members}
    named = []
    for slug in fields.units:
        if slug not in registry.units:
            report("units", f"unknown unit '{slug}' (not in units.yml)", nearest(slug, members))
        elif slug not in members:
            other = registry.units[slug].membership(term.year)
            where = f" (it is in {other.cluster.slug} that year)" if other else ""
            report("units",
                   f"unit '{slug}' is not a member of {term.cluster.slug} in {term.year}{where}",
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
            article.emulation.newer = articles[position - 1] if position > 0 else None
            older = position + 1 < len(articles)
            article.emulation.older = articles[position + 1] if older else None
