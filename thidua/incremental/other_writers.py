"""Where the build writes files other than through its page writer.

A page left in the staging folder by the emptier is the live site's own file
(`spare.in_place`): the page writer only ever replaces it, but the static files'
copy, the photos, the search bundles and the sitemap open their files and write
into them. So a page may stay only where none of those writes, and only when
the build knows every writer: an unknown plugin or generator might write
anywhere, and then no page stays (the build links them all again, as before).
"""

from __future__ import annotations

from collections.abc import Callable

from pelican.generators import StaticGenerator, TemplatePagesGenerator

from thidua.gallery import settings as gallery_settings
from thidua.gallery.pages import PhotoLibraryGenerator
from thidua.pelican_plugin.generators import (
    EmulationPagesGenerator,
    PortalArticlesGenerator,
    PortalPagesGenerator,
)
from thidua.search import settings as search_settings

# Generators that write through the build's writer, and the static files' generator,
# whose own paths are known after reading.
KNOWN_GENERATORS = (PortalArticlesGenerator, PortalPagesGenerator, TemplatePagesGenerator,
                    EmulationPagesGenerator, PhotoLibraryGenerator, StaticGenerator)  # fmt: skip
# Plugins whose writing is known: the sitemap (at the end, one file) and ours.
KNOWN_PLUGINS = frozenset({"pelican.plugins.sitemap", "emulation", "gallery"})
SITEMAP_NAMES = frozenset({"sitemap.xml", "sitemap.txt"})


def other_writers(settings: dict, generators: list) -> Callable[[str], bool] | None:
    """A test of whether a writer other than the page writer writes the output file
    `name` (relative, with "/"); None when the build cannot tell (unknown writers)."""
    plugins = {getattr(plugin, "__name__", plugin) for plugin in settings.get("PLUGINS") or ()}
    if not plugins <= KNOWN_PLUGINS or settings.get("OUTPUT_SOURCES"):
        return None
    if any(type(generator) not in KNOWN_GENERATORS for generator in generators):
        return None
    theme = str(settings.get("THEME_STATIC_DIR") or "").strip("/")
    if not theme:  # the theme's files copied into the output's top: anywhere
        return None
    names = set(SITEMAP_NAMES)
    for generator in generators:
        if isinstance(generator, StaticGenerator):
            static_files = getattr(generator, "staticfiles", None)
            if static_files is None:  # not read yet: its paths are not known
                return None
            names.update(static.save_as for static in static_files)
    gallery = str(gallery_settings.get(settings, "GALLERY_OUTPUT_DIR")).strip("/")
    # The newest search bundle's folder, and the older ones beside it (pagefind-2024/…):
    # every name beginning as it does (all of them, if it is empty).
    search = str(search_settings.get(settings, "SEARCH_BUNDLE_DIR")).strip("/").split("/")[0]
    beginnings = (f"{theme}/", f"{gallery}/", search)

    def writes(name: str) -> bool:
        return not _plain(name) or name in names or name.startswith(beginnings)

    return writes


def _plain(name: str) -> bool:
    """A relative name with no way up or around (as the page writer's records hold)."""
    return bool(name) and not name.startswith(("/", "./", "../")) and "/../" not in name
