"""Photo galleries: article photos from front matter or the article's folder, a fast
Pillow pipeline with a cache outside ``output/``, the photo library pages.

Modules, one job each: ``settings`` (GALLERY_* defaults and validation), ``sources``
(which files an article shows, and what is wrong with them), ``images`` (Pillow),
``cache`` and ``pool`` (processing only what changed, on every core), ``model``
(what templates get), ``inline`` (photos in the text), ``pipeline`` (articles to
photos), ``publish`` (derivatives into the output), ``pages`` (the photo library).
"""

from __future__ import annotations

from functools import partial

from pelican import signals

from . import settings as gallery_settings
from .pages import PhotoLibraryGenerator, library_url
from .pipeline import GalleryError, attach_photos
from .settings import SettingsError
from .sources import check_sources

__all__ = ["GalleryError", "SettingsError", "check_article_photos", "register"]


def check_article_photos(source_path: str, metadata: dict, settings: dict) -> list[str]:
    """Problems of one article's photos, without processing any image (for ``make check``).

    Each message reads ``photo '<name>': <what is wrong>``.
    """
    return check_sources(source_path, metadata, gallery_settings.resolve(settings))


def apply_settings(pelican) -> None:
    """Fill in the defaults and stop at once on a setting the plugin cannot use."""
    gallery_settings.apply_defaults(pelican.settings)
    gallery_settings.resolve(pelican.settings)


def add_template_helpers(generator) -> None:
    """``gallery_library_url(cluster=..., year=...)`` for every template (also imported macros)."""
    generator.env.globals["gallery_library_url"] = partial(library_url, generator.settings)


def get_generators(_pelican):
    return PhotoLibraryGenerator


def register() -> None:
    signals.initialized.connect(apply_settings)
    signals.generator_init.connect(add_template_helpers)
    signals.article_generator_finalized.connect(attach_photos)
    signals.get_generators.connect(get_generators)
