"""From articles to photos: resolve every article's sources, process them all, attach.

Runs once per build, as the last part of the enrichment step (after the
registry and the index). All photos of all articles go through one pool, then
each article gets ``article.gallery`` (photos, cover, inline); problems go to
the build's report with the other problems of the content.
"""

from __future__ import annotations

import logging
import os
import posixpath
from dataclasses import dataclass, field

from thidua.domain.messages import t
from thidua.domain.model import Problem
from thidua.pelican_plugin.contents import written_articles
from thidua.pelican_plugin.listing import folder_files
from thidua.pelican_plugin.state import state_of

from . import inline
from .cache import Cache
from .images import PhotoProblem, read_header
from .model import PublishPlan
from .pool import process_all
from .settings import get, resolve
from .sources import ArticleSources, check_sources, problem, resolve_article

log = logging.getLogger(__name__)

INLINE_GROUP = "anh-trong-bai"


@dataclass
class ArticleGallery:
    """An article's photos: ``article.gallery`` in templates."""

    photos: list = field(default_factory=list)  # the gallery under the text, in order
    cover: object = None  # for lists, the home page and Open Graph
    inline: list = field(default_factory=list)  # photos placed in the text


def attach_photos(generator, report, check_only: bool = False) -> None:
    """Resolve, check and (unless only checking) process every photo; attach `article.gallery`.

    Only articles the build writes are looked at: a draft's photos are never
    published when drafts are not. Problems go to the build's report: errors
    under ``make check`` or GALLERY_STRICT, warnings otherwise (the photo is skipped).
    """
    settings = generator.settings
    gs = resolve(settings)
    articles = written_articles(generator)
    if check_only:
        for article in articles:
            fields = article.front_matter
            messages = check_sources(article.source_path, fields.photo_metadata(), gs)
            messages += _check_inline(article, gs)
            report.add([_problem(fields, m, fatal=True) for m in messages],
                       draft=fields.is_draft)  # fmt: skip
        return
    cache = Cache(gs)
    plans = []
    paths: list[str] = []
    listed = folder_files(settings)
    for article in articles:
        fields = article.front_matter
        sources = resolve_article(article.source_path, fields.photo_metadata(), gs, listed)
        found, problems = inline.find(article._content, os.path.dirname(article.source_path), gs)
        sources.problems.extend(problems)
        plans.append((article, sources, found))
        paths += [ref.path for ref in sources.gallery] + [image.ref.path for image in found]
        if sources.cover is not None:
            paths.append(sources.cover.path)
    results, stats = process_all(paths, cache, quiet=gs.quiet)

    plan = PublishPlan(gs, cache.object_dir, generator.context)
    state = state_of(settings)
    state.gallery_plan, state.gallery_cache = plan, cache
    for article, sources, found in plans:
        fields = article.front_matter
        messages = _attach(article, sources, found, results, plan, settings)
        photo_problems = [_problem(fields, m, fatal=gs.strict) for m in messages]
        for photo_problem in photo_problems if not gs.strict else []:
            log.warning(t("{problem} (ảnh này được bỏ qua)", problem=photo_problem))
        report.add(photo_problems, draft=fields.is_draft)
    cache.save()
    if stats.total:
        log.info(
            "gallery: %d photos (%d processed, %d from the cache) in %.2f s",
            stats.total,
            stats.processed,
            stats.total - stats.processed,
            stats.seconds,
        )


def _check_inline(article, gs) -> list[str]:
    """Photos placed in the text are checked like listed ones (``make check``)."""
    found, problems = inline.find(article._content, os.path.dirname(article.source_path), gs)
    for image in found:
        try:
            read_header(image.ref.path, gs)
        except PhotoProblem as error:
            problems.append(problem(image.ref.name, str(error)))
    return problems


def _problem(fields, message: str, fatal: bool) -> Problem:
    """A photo problem at the line of the article's photos."""
    line = fields.lines.get("photos") or fields.lines.get("cover")
    return Problem(fields.source, "photos", message, line=line, fatal=fatal)


def _attach(
    article,
    sources: ArticleSources,
    found,
    results,
    plan: PublishPlan,
    settings: dict,
) -> list[str]:
    problems = list(sources.problems)
    made = {}

    def make(ref, index=None):
        result = results[ref.path]
        if result.error:
            if ref.path not in made:
                problems.append(problem(ref.name, result.error))
                made[ref.path] = None
            return None
        return plan.photo(ref, result.key, result.entry, article.slug, index)

    photos = []
    for ref in sources.gallery:
        photo = make(ref, len(photos) + 1)
        if photo is not None:
            photos.append(photo)
            made[ref.path] = photo
    cover = None
    if sources.cover is not None:
        cover = made.get(sources.cover.path) or make(sources.cover)
    if cover is None and photos:
        cover = photos[0]

    replacements = []
    for image in found:
        photo = make(image.ref)
        if photo is not None:
            replacements.append((image, photo))
    if replacements:
        prefix = _url_prefix(article, settings)
        sizes = str(get(settings, "GALLERY_SIZES_INLINE"))
        article._content = inline.rewrite(
            article._content, replacements, prefix, sizes, INLINE_GROUP
        )
    inline_photos = [photo for _image, photo in replacements]
    if cover is None and inline_photos:
        cover = inline_photos[0]

    article.gallery = ArticleGallery(photos=photos, cover=cover, inline=inline_photos)
    return problems


def _url_prefix(article, settings: dict) -> str:
    """What goes before a site-relative URL in the article's own HTML."""
    if settings.get("RELATIVE_URLS"):
        folder = posixpath.dirname(getattr(article, "save_as", "") or "")
        return posixpath.relpath(".", folder) if folder else "."
    return str(settings.get("SITEURL") or "").rstrip("/")
