"""The portal's Pelican plugin: one reader, one enrichment step, the page kinds.

Data flows one way (see the README, "How the code is laid out"): the reader
reads each file once into typed fields; `enrich` runs after every file is read
(registry → index → photos, in that order, whatever the order of ``PLUGINS``)
and stops the build before anything is written when published content has a
problem; the generators only render.

Signals are global to a process, so every receiver first checks that the
plugin is enabled for the build at hand (`state.active`).
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import BytecodeCache, FileSystemBytecodeCache
from pelican import signals

from thidua import settings as portal_settings
from thidua.incremental.pages import PLAN_KEY

from . import sitemap_state
from .enrich import enrich
from .filters import FILTERS
from .generators import EmulationPagesGenerator
from .reader import MARKDOWN_SUFFIXES, PortalReader
from .state import active, start

__all__ = ["register"]


def on_initialized(pelican) -> None:
    sitemap_state.start_build()
    if start(pelican, "emulation", register):
        portal_settings.apply_defaults(pelican.settings)
        # Every generator makes its own Jinja environment: compile each template once.
        jinja = dict(pelican.settings.get("JINJA_ENVIRONMENT") or {})
        jinja.setdefault("bytecode_cache", _bytecode_cache(pelican.settings))
        pelican.settings["JINJA_ENVIRONMENT"] = jinja


def _bytecode_cache(settings: dict) -> BytecodeCache:
    """On disk in the build's cache when it keeps one (a rebuild compiles nothing), else
    in memory for this build. Entries are keyed by each template's source."""
    cache_dir = getattr(settings.get(PLAN_KEY), "cache_dir", None)
    if cache_dir is None:
        return MemoryBytecodeCache()
    folder = Path(cache_dir) / "jinja"
    folder.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(folder))


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates shared by the generators' environments of one build."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


def add_reader(readers) -> None:
    if not active(readers.settings, "emulation"):
        return
    for suffix in MARKDOWN_SUFFIXES:
        readers.reader_classes[suffix] = PortalReader


def add_template_helpers(generator) -> None:
    if not active(generator.settings, "emulation"):
        return
    generator.env.filters.update(FILTERS)
    if active(generator.settings, "gallery"):
        from thidua.gallery import template_globals

        generator.env.globals.update(template_globals(generator.settings))


def page_generators(pelican):
    """The portal's page kinds, in a fixed order (not that of PLUGINS)."""
    if not active(pelican.settings, "emulation"):
        return []
    kinds = [EmulationPagesGenerator]
    if active(pelican.settings, "gallery"):
        from thidua.gallery.pages import PhotoLibraryGenerator

        kinds.append(PhotoLibraryGenerator)
    return kinds


def publish_photos(pelican) -> None:
    """Images are their own step, after every page is written."""
    if active(pelican.settings, "gallery"):
        from thidua.gallery.publish import publish_step

        publish_step(pelican)


def register() -> None:
    signals.initialized.connect(on_initialized)
    signals.readers_init.connect(add_reader)
    signals.generator_init.connect(add_template_helpers)
    signals.get_generators.connect(page_generators)
    signals.all_generators_finalized.connect(enrich)
    signals.finalized.connect(publish_photos)
