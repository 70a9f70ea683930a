"""The page kinds of the portal: clusters, units, events, years and the archive.

Every page reads the maps built once by `indexes.build_index`; URLs and file
names come from the *_URL / *_SAVE_AS settings.
"""

from __future__ import annotations

import logging
from itertools import groupby

from pelican.generators import Generator
from pelican.urlwrappers import Category

from thidua import settings as plugin_settings
from thidua.domain import vietnamese
from thidua.domain.index import EmulationIndex, attach, build_index
from thidua.domain.model import Cluster
from thidua.domain.registry import load_registry

log = logging.getLogger(__name__)


def cluster_sort_key(cluster: Cluster):
    """Agency, then cụm before khối, then the number in reading order ('2' < '12', 'III')."""
    number = vietnamese.cluster_number_value(cluster.number) or 0
    return (vietnamese.sort_key(cluster.agency), cluster.kind != "cụm", number, cluster.slug)


class EmulationPagesGenerator(Generator):
    """Adds the registry to the context, then writes the emulation page kinds."""

    def generate_context(self) -> None:
        registry, _problems = load_registry(self.path, self.settings)  # validated at start-up
        self._assign_urls(registry)
        articles = self.context.get("articles", [])
        self.index = build_index(articles, registry)
        for other in self.context.get("drafts", []) + self.context.get("hidden_articles", []):
            attach(other, registry)
            # The portal turns categories off (CATEGORY_SAVE_AS = ""), so Pelican gives
            # no article a category, yet its draft writer reads draft.category.
            if not hasattr(other, "category"):
                other.category = Category(self.settings["DEFAULT_CATEGORY"], self.settings)
        clusters = sorted(registry.clusters.values(), key=cluster_sort_key)
        units = sorted(registry.units.values(), key=lambda u: vietnamese.sort_key(u.short_name))
        self.context.update(
            emulation=self.index,
            clusters=clusters,
            clusters_by_agency=[(a, list(cs)) for a, cs in groupby(clusters, lambda c: c.agency)],
            emulation_units=units,
            emulation_years=self.index.years,
            emulation_events=list(registry.events.values()),
            CLUSTER_INDEX_URL=self._setting("CLUSTER_INDEX_URL"),
            UNIT_INDEX_URL=self._setting("UNIT_INDEX_URL"),
            EMULATION_ARCHIVE_URL=self._setting("EMULATION_ARCHIVE_URL"),
        )
        self.context["emulation_year_urls"] = {
            year: self._setting("EMULATION_YEAR_URL").format(year=year) for year in self.index.years
        }

    def _setting(self, name: str):
        return plugin_settings.get(self.settings, name)

    def _assign_urls(self, registry) -> None:
        feed = self._setting("CLUSTER_FEED_ATOM_URL")
        for cluster in registry.clusters.values():
            cluster.url = self._setting("CLUSTER_URL").format(slug=cluster.slug)
            cluster.feed_url = feed.format(slug=cluster.slug) if feed else ""
            cluster.year_urls = {
                t.year: self._setting("CLUSTER_YEAR_URL").format(slug=cluster.slug, year=t.year)
                for t in cluster.terms
            }
        for unit in registry.units.values():
            unit.url = self._setting("UNIT_URL").format(slug=unit.slug)
        for slug, event in list(registry.events.items()):
            registry.events[slug] = type(event)(
                event.slug, event.label, self._setting("EVENT_URL").format(slug=slug)
            )

    # -- output ---------------------------------------------------------------

    def generate_output(self, writer) -> None:
        index: EmulationIndex = self.index
        self._write_cluster_pages(writer, index)
        self._write_unit_pages(writer, index)
        self._write_event_pages(writer, index)
        self._write_year_pages(writer, index)

    def _write(self, writer, template, save_as_key, url_key, url_values=None, paginated=None,
               **values) -> None:  # fmt: skip
        """Render one page kind; paginated through Pelican's paginator when a list is given."""
        save_as = self._setting(save_as_key).format(**(url_values or {}))
        url = self._setting(url_key).format(**(url_values or {}))
        if not save_as:
            return
        writer.write_file(
            save_as,
            self.get_template(template),
            self.context,
            self.settings["RELATIVE_URLS"],
            paginated={"articles": paginated} if paginated is not None else None,
            template_name=template,
            url=url,
            page_url=url,
            **values,
        )

    def _write_cluster_pages(self, writer, index: EmulationIndex) -> None:
        self._write(writer, "clusters", "CLUSTER_INDEX_SAVE_AS", "CLUSTER_INDEX_URL")
        for cluster in self.context["clusters"]:
            articles = index.by_cluster.get(cluster.slug, [])
            self._write(
                writer, "cluster", "CLUSTER_SAVE_AS", "CLUSTER_URL", paginated=articles,
                url_values={"slug": cluster.slug}, cluster=cluster,
                cluster_articles=articles,
                feed_url=cluster.feed_url,
            )  # fmt: skip
            for term in cluster.terms:
                year_articles = index.by_cluster_year.get((cluster.slug, term.year), [])
                self._write(
                    writer, "cluster_year", "CLUSTER_YEAR_SAVE_AS", "CLUSTER_YEAR_URL",
                    url_values={"slug": cluster.slug, "year": term.year},
                    cluster=cluster, term=term, year=term.year, year_articles=year_articles,
                    feed_url=cluster.feed_url,
                )  # fmt: skip
            self._write_cluster_feed(writer, cluster, articles)

    def _write_cluster_feed(self, writer, cluster: Cluster, articles: list) -> None:
        path = self._setting("CLUSTER_FEED_ATOM")
        if not path or not articles:
            return
        writer.write_feed(
            articles[: self.settings.get("FEED_MAX_ITEMS") or None],
            self.context,
            path.format(slug=cluster.slug),
            cluster.feed_url,
            feed_title=cluster.full_name,
        )

    def _write_unit_pages(self, writer, index: EmulationIndex) -> None:
        self._write(writer, "units", "UNIT_INDEX_SAVE_AS", "UNIT_INDEX_URL")
        for unit in self.context["emulation_units"]:
            self._write(
                writer, "unit", "UNIT_SAVE_AS", "UNIT_URL",
                paginated=index.by_unit.get(unit.slug, []),
                url_values={"slug": unit.slug}, unit=unit,
            )  # fmt: skip

    def _write_event_pages(self, writer, index: EmulationIndex) -> None:
        for event in self.context["emulation_events"]:
            self._write(
                writer, "event", "EVENT_SAVE_AS", "EVENT_URL",
                paginated=index.by_event.get(event.slug, []),
                url_values={"slug": event.slug}, event=event,
            )  # fmt: skip

    def _write_year_pages(self, writer, index: EmulationIndex) -> None:
        clusters = self.context["clusters"]
        self._write(writer, "archives", "EMULATION_ARCHIVE_SAVE_AS", "EMULATION_ARCHIVE_URL")
        for year in index.years:
            groups = [
                (cluster, index.by_cluster_year[(cluster.slug, year)])
                for cluster in clusters
                if index.by_cluster_year.get((cluster.slug, year))
            ]
            self._write(
                writer, "year", "EMULATION_YEAR_SAVE_AS", "EMULATION_YEAR_URL",
                url_values={"year": year}, year=year, groups=groups,
                year_articles=index.by_year.get(year, []),
            )  # fmt: skip
