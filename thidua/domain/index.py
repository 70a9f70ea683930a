"""One pass over the articles builds every map the pages need.

Cluster, unit, year and (cluster, year) pages read from these maps; no page
scans all articles again, so the cost per article stays flat as the archive grows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from . import frontmatter
from .model import Cluster, Registry, Term, Unit


@dataclass
class ArticleUnit:
    """A unit taking part in one article, with its role in that year's term."""

    unit: Unit
    role: str | None
    role_label: str

    # Read like a Unit in templates: article.units[0].name, .url, ...
    slug = property(lambda self: self.unit.slug)
    name = property(lambda self: self.unit.name)
    short_name = property(lambda self: self.unit.short_name)
    url = property(lambda self: self.unit.url)


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

    def count(self, cluster: Cluster, year: int) -> int:
        return len(self.by_cluster_year.get((cluster.slug, year), ()))


def attach(article, registry: Registry) -> None:
    """Give one article its typed objects: cluster, term, emulation year, event, units.

    Content was validated before the build, so unknown references cannot occur
    here; they are skipped rather than trusted if a caller skipped validation.
    """
    meta = article.metadata
    cluster = registry.clusters.get(str(meta.get("cluster") or "").strip())
    year = _year(meta.get("year"), article.date.year)
    term: Term | None = cluster.term(year) if cluster else None
    event = registry.events.get(str(meta.get("event") or "").strip())
    article.cluster = cluster
    article.emulation_year = year
    article.term = term
    article.event = event
    article.units = _article_units(meta.get("units"), term, registry)
    article.units_listed = bool(frontmatter.split_list(meta.get("units")))


def _year(raw, default: int) -> int:
    try:
        return int(str(raw).strip()) if raw not in (None, "") else default
    except ValueError:
        return default


def _article_units(raw, term: Term | None, registry: Registry) -> list[ArticleUnit]:
    """The units named in front matter, or every member that year, head first."""
    if term is None:
        return []
    slugs = frontmatter.split_list(raw)
    if slugs:
        units = [registry.units[s] for s in slugs if s in registry.units]
        order = {u.slug: i for i, u in enumerate(term.members_by_role)}
        units.sort(key=lambda u: order.get(u.slug, len(order)))
    else:
        units = term.members_by_role
    return [ArticleUnit(u, term.role_of(u), term.role_label(u)) for u in units]


def build_index(articles: list, registry: Registry) -> EmulationIndex:
    """Attach typed objects to every article and file it under each map, newest first."""
    index = EmulationIndex(registry)
    for article in sorted(articles, key=lambda a: a.date, reverse=True):
        attach(article, registry)
        if article.cluster is None:
            continue
        slug, year = article.cluster.slug, article.emulation_year
        index.by_cluster[slug].append(article)
        index.by_year[year].append(article)
        index.by_cluster_year[(slug, year)].append(article)
        for taking_part in article.units:
            index.by_unit[taking_part.unit.slug].append(article)
        if article.event is not None:
            index.by_event[article.event.slug].append(article)
    _link_neighbours(index)
    return index


def _link_neighbours(index: EmulationIndex) -> None:
    """Previous (older) and next (newer) article within the same cluster."""
    for articles in index.by_cluster.values():
        for position, article in enumerate(articles):
            article.newer_in_cluster = articles[position - 1] if position > 0 else None
            older = position + 1 < len(articles)
            article.older_in_cluster = articles[position + 1] if older else None
