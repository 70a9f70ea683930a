"""The one enrichment step: after every file is read, before anything is written.

Runs on Pelican's ``all_generators_finalized``, in an order fixed here rather
than by the order of ``PLUGINS``:

1. the registry of clusters and units, loaded once;
2. every file's own problems (from the reader), a draft's only as warnings;
3. each article's place in the registry (``article.emulation``);
4. drafts with problems are left out of the build;
5. where every page will be written: no two pages on one file, none outside;
6. the one-pass index the page generators render from;
7. the photos (``article.gallery``), when the gallery plugin is on.

Then, if any published content has a problem, the build stops here with every
problem listed (`ContentError`); ``make check`` is exactly this, without writers.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from itertools import groupby

from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator
from pelican.urlwrappers import Category

from thidua import settings as portal_settings
from thidua.domain import vietnamese
from thidua.domain.index import build_index, resolve
from thidua.domain.messages import t
from thidua.domain.model import Problem
from thidua.domain.paths import is_inside
from thidua.domain.registry import load_registry, registry_files
from thidua.domain.report import ContentError

from . import outputs, sitemap_state
from .addresses import keep_addresses
from .contents import ARTICLE_LISTS, DRAFT_LISTS, DRAFT_PAGE_LISTS, PAGE_LISTS, objects
from .reader import display_path, reader_cache
from .state import active, check_only, state_of

log = logging.getLogger(__name__)


def enrich(generators) -> None:
    articles_gen = next((g for g in generators if isinstance(g, ArticlesGenerator)), None)
    pages_gen = next((g for g in generators if isinstance(g, PagesGenerator)), None)
    if articles_gen is None or not active(articles_gen.settings, "emulation"):
        return
    settings, context = articles_gen.settings, articles_gen.context
    report = state_of(settings).report

    registry, problems = _registry(settings)
    report.add(problems)
    assign_urls(registry, settings)
    report.clusters, report.units = len(registry.clusters), len(registry.units)

    for fields in state_of(settings).sources.values():
        report.add(fields.problems, draft=fields.is_draft)

    articles = objects(articles_gen, ARTICLE_LISTS + DRAFT_LISTS)
    pages = objects(pages_gen, PAGE_LISTS + DRAFT_PAGE_LISTS) if pages_gen else []
    report.articles, report.pages = len(articles), len(pages)
    _all_read_by_the_portal_reader(articles + pages)
    for article in articles:
        fields = article.front_matter
        article.emulation, problems = resolve(fields, registry)
        article.gallery = None  # set by the gallery step when that plugin is on
        report.add(problems, draft=fields.is_draft)
        # Categories are off (CATEGORY_SAVE_AS = ""), yet Pelican's draft writer reads one.
        if fields.is_draft and not hasattr(article, "category"):
            article.category = Category(settings["DEFAULT_CATEGORY"], settings)
    _leave_out_broken_drafts(articles_gen, DRAFT_LISTS, report)
    if pages_gen is not None:
        _leave_out_broken_drafts(pages_gen, DRAFT_PAGE_LISTS, report)
    # Slugs, dates and categories are final: addresses are worked out once from here on.
    keep_addresses(articles + pages)

    report.add(_static_files_outside_content(generators, settings))

    index = build_index(articles_gen.articles, registry)
    _publish_context(context, registry, index, settings)
    context["lead_story"] = lead_story(articles_gen.articles, build_day())
    sitemap_state.date_listings_by(articles_gen.articles + (pages_gen.pages if pages_gen else []))
    report.add(outputs.check(articles_gen, pages_gen, context, settings))

    if active(settings, "gallery"):
        from thidua.gallery.pipeline import attach_photos

        attach_photos(articles_gen, report, check_only=check_only(settings))

    if report.errors:
        raise ContentError(report)


def _registry(settings: dict):
    """The registry and its problems; kept by the reader's cache between builds while its
    files are the same bytes (a registry with a problem is always loaded again)."""
    cache = reader_cache(settings)
    key = None
    if cache is not None:
        files = registry_files(settings["PATH"], settings)
        key = cache.registry_key(files)
        kept = cache.registry(key) if key is not None else None
        if kept is not None:
            state_of(settings).registry_inputs = key
            return kept, []
    registry, problems = load_registry(settings["PATH"], settings)
    if key is not None and cache.registry_key(files, read_again=True) != key:
        key = None  # a file changed while it was loaded: this registry has no known inputs
    if key is not None:
        state_of(settings).registry_inputs = key
        if not problems:
            cache.keep_registry(key, registry)
    return registry, problems


def search_records(articles: list, settings: dict, known=None) -> list:
    """What the search index holds of each published report, made by the build once every
    article is final (``thidua.cli.build``). `known(article, make)` may return a record
    kept from the last build for the same article (``thidua.incremental``)."""
    from thidua.search import records
    from thidua.search import settings as search_settings

    if not search_settings.get(settings, "SEARCH_INDEX"):
        return []
    fold = bool(search_settings.get(settings, "SEARCH_FOLD_DIACRITICS"))

    def make(article):
        return records.article_record(article, vietnamese.format_date(article.date), fold)

    return [known(a, make) if known else make(a) for a in articles]


def _all_read_by_the_portal_reader(contents) -> None:
    """Another plugin's reader (pelican-yaml-metadata) would read headers differently."""
    others = sorted({c.metadata.get("reader", "?") for c in contents
                     if not hasattr(c, "front_matter")})  # fmt: skip
    if others:
        raise RuntimeError(
            f"some files were read by another reader ({', '.join(others)}): remove the plugin "
            "that provides it from PLUGINS; the portal reads every Markdown file itself"
        )


def _static_files_outside_content(generators, settings: dict) -> list[Problem]:
    """A link in content/static/ to /etc/passwd must not be published: refuse and leave it out."""
    static = next((g for g in generators if isinstance(g, StaticGenerator)), None)
    if static is None:
        return []
    problems, kept = [], []
    for item in static.staticfiles:
        if not is_inside(item.source_path, settings["PATH"]):
            source = display_path(item.source_path, settings)
            message = t(
                "là liên kết tới một tệp ngoài thư mục nội dung nên không được đăng; hãy "
                "chép chính tệp đó vào thư mục nội dung"
            )
            problems.append(Problem(source, "file", message))
        else:
            kept.append(item)
    static.staticfiles[:] = kept  # the same list is in the context Pelican writes from
    return problems


def _leave_out_broken_drafts(generator, names, report) -> None:
    """A draft with a problem is not built (its problems were reported as warnings)."""
    for name in names:
        kept = []
        for item in getattr(generator, name, []) or []:
            if item.front_matter.source in report.broken_drafts:
                log.warning(t("{source}: bản nháp chưa được dựng cho tới khi sửa xong các lỗi",
                              source=item.front_matter.source))  # fmt: skip
                continue
            kept.append(item)
        setattr(generator, name, kept)


def setting(settings: dict, name: str):
    return portal_settings.get(settings, name)


def assign_urls(registry, settings: dict) -> None:
    """Every cluster, unit and event gets its URL from the *_URL settings."""
    feed = setting(settings, "CLUSTER_FEED_ATOM_URL")
    for cluster in registry.clusters.values():
        cluster.url = setting(settings, "CLUSTER_URL").format(slug=cluster.slug)
        cluster.feed_url = feed.format(slug=cluster.slug) if feed else ""
        cluster.year_urls = {
            t.year: setting(settings, "CLUSTER_YEAR_URL").format(slug=cluster.slug, year=t.year)
            for t in cluster.terms
        }
    for unit in registry.units.values():
        unit.url = setting(settings, "UNIT_URL").format(slug=unit.slug)
    for slug, event in list(registry.events.items()):
        registry.events[slug] = type(event)(
            event.slug, event.label, setting(settings, "EVENT_URL").format(slug=slug)
        )


def build_day() -> dt.date:
    """Today, or the day of SOURCE_DATE_EPOCH (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date() if epoch else dt.date.today()


def lead_story(articles: list, today: dt.date):
    """The newest article an editor pinned (`featured:`) whose pin has not expired, or None."""
    pinned = [
        a for a in articles
        if a.front_matter.featured
        and (a.front_matter.featured_until is None or a.front_matter.featured_until.date() >= today)
    ]  # fmt: skip
    return max(pinned, key=lambda a: a.date, default=None)


def cluster_sort_key(cluster):
    """Agency, then cụm before khối, then the number in reading order ('2' < '12', 'III')."""
    number = vietnamese.cluster_number_value(cluster.number) or 0
    return (vietnamese.sort_key(cluster.agency), cluster.kind != "cụm", number, cluster.slug)


def _publish_context(context: dict, registry, index, settings: dict) -> None:
    """What templates read (documented in the README's template context)."""
    clusters = sorted(registry.clusters.values(), key=cluster_sort_key)
    units = sorted(registry.units.values(), key=lambda u: vietnamese.sort_key(u.short_name))
    context.update(
        emulation=index,
        clusters=clusters,
        clusters_by_agency=[(a, list(cs)) for a, cs in groupby(clusters, lambda c: c.agency)],
        emulation_units=units,
        emulation_years=index.years,
        # Read by every page: narrow values, so a page does not depend on the whole index
        # (thidua.incremental renders a page again only when what it reads changed).
        site_newest_year=index.newest_year,
        clusters_with_articles=frozenset(s for s, items in index.by_cluster.items() if items),
        emulation_events=list(registry.events.values()),
        CLUSTER_INDEX_URL=setting(settings, "CLUSTER_INDEX_URL"),
        UNIT_INDEX_URL=setting(settings, "UNIT_INDEX_URL"),
        EMULATION_ARCHIVE_URL=setting(settings, "EMULATION_ARCHIVE_URL"),
        emulation_year_urls={
            year: setting(settings, "EMULATION_YEAR_URL").format(year=year) for year in index.years
        },
    )
