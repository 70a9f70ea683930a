"""From articles to photos: resolve every article's sources, process them all, attach.

Runs once per build when the articles have been read. All photos of all
articles go through one pool, then each article gets ``photos``,
``cover_photo`` and ``inline_photos``; problems are reported together at the end.
"""

from __future__ import annotations

import logging
import os
import posixpath

from . import inline
from .cache import Cache
from .model import PublishPlan
from .pool import process_all
from .settings import GallerySettings, get, project_root, resolve
from .sources import ArticleSources, problem, resolve_article

log = logging.getLogger(__name__)

PLAN_KEY = "gallery_plan"
CACHE_KEY = "gallery_cache"
INLINE_GROUP = "anh-trong-bai"


class GalleryError(Exception):
    """Photo problems that fail the build (GALLERY_STRICT)."""


def content_objects(generator) -> list:
    """Every article the generator read: published, hidden, drafts and their translations."""
    seen, objects = set(), []
    for name in (
        "articles",
        "translations",
        "hidden_articles",
        "hidden_translations",
        "drafts",
        "drafts_translations",
    ):
        for item in getattr(generator, name, []) or []:
            if id(item) not in seen:
                seen.add(id(item))
                objects.append(item)
    return objects


def attach_photos(generator) -> None:
    """Receiver of ``article_generator_finalized``: process and attach every photo."""
    settings = generator.settings
    gs = resolve(settings)
    articles = content_objects(generator)
    cache = Cache(gs)
    plans = []
    paths: list[str] = []
    for article in articles:
        sources = resolve_article(article.source_path, article.metadata, gs)
        found, problems = inline.find(article._content, os.path.dirname(article.source_path), gs)
        sources.problems.extend(problems)
        plans.append((article, sources, found))
        paths += [ref.path for ref in sources.gallery] + [image.ref.path for image in found]
        if sources.cover is not None:
            paths.append(sources.cover.path)
    results, stats = process_all(paths, cache, quiet=gs.quiet)

    context = generator.context
    plan = context.setdefault(PLAN_KEY, PublishPlan(gs, cache.object_dir, context))
    generator.context[CACHE_KEY] = cache
    messages = []
    for article, sources, found in plans:
        problems = _attach(article, sources, found, results, plan, settings)
        label = _display_path(article.source_path, settings)
        messages += [f"gallery: {label}: {text}" for text in problems]
    cache.save()
    if stats.total:
        log.info(
            "gallery: %d photos (%d processed, %d from the cache) in %.2f s",
            stats.total,
            stats.processed,
            stats.total - stats.processed,
            stats.seconds,
        )
    report(messages, gs)


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

    article.photos = photos
    article.cover_photo = cover
    article.inline_photos = inline_photos
    return problems


def _url_prefix(article, settings: dict) -> str:
    """What goes before a site-relative URL in the article's own HTML."""
    if settings.get("RELATIVE_URLS"):
        folder = posixpath.dirname(getattr(article, "save_as", "") or "")
        return posixpath.relpath(".", folder) if folder else "."
    return str(settings.get("SITEURL") or "").rstrip("/")


def _display_path(source_path: str, settings: dict) -> str:
    root = project_root(settings)
    path = os.path.abspath(source_path)
    return os.path.relpath(path, root) if path.startswith(root + os.sep) else path


def report(messages: list[str], gs: GallerySettings) -> None:
    """Warn about each problem, or, in strict mode, log them all and fail the build."""
    if not messages:
        return
    if not gs.strict:
        for message in messages:
            log.warning("%s", message)
        return
    for message in messages:
        log.error("%s", message)
    raise GalleryError(
        f"{len(messages)} photo problem(s) (GALLERY_STRICT is on):\n  " + "\n  ".join(messages)
    )
