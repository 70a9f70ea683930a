"""Photo galleries: article photos from front matter or the article's folder, a fast
Pillow pipeline with a cache outside ``output/``, the photo library pages.

Modules, one job each: ``settings`` (GALLERY_* defaults and validation), ``sources``
(which files an article shows, and what is wrong with them), ``images`` (Pillow),
``cache`` and ``pool`` (processing only what changed, on every core), ``model``
(what templates get), ``inline`` (photos in the text), ``pipeline`` (articles to
photos, called by the portal's enrichment step), ``publish`` (derivatives into the
output, its own step after the pages), ``pages`` (the photo library).

Enabling this plugin (``"gallery"`` in PLUGINS) needs the portal plugin
(``"emulation"``), which runs the gallery's steps in their fixed place.
"""

from __future__ import annotations

from functools import partial

from pelican import signals

from thidua.pelican_plugin.state import start

from . import settings as gallery_settings
from .pages import library_url
from .settings import SettingsError

__all__ = ["SettingsError", "register", "template_globals"]


def on_initialized(pelican) -> None:
    """Fill in the defaults and stop at once on a setting the plugin cannot use."""
    if start(pelican, "gallery", register):
        gallery_settings.apply_defaults(pelican.settings)
        gallery_settings.resolve(pelican.settings)


def template_globals(settings: dict) -> dict:
    """``gallery_library_url(cluster=..., year=...)`` for every template (also imported macros)."""
    return {"gallery_library_url": partial(library_url, settings)}


def register() -> None:
    signals.initialized.connect(on_initialized)
