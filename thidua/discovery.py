"""robots.txt pointing crawlers at the sitemap written by pelican-sitemap.

The sitemap itself is pelican-sitemap's job (``pelican.plugins.sitemap``, the
``SITEMAP`` setting): it lists every page Pelican writes, the portal's cluster,
unit and year pages included. This plugin adds the one file it does not write.

Settings, with their defaults:

``ROBOTS_TXT = True``
    Write ``robots.txt`` at the top of the output.
``ROBOTS_DISALLOW = []``
    URL prefixes crawlers should skip, e.g. ``["/ban-nhap/"]``.
``ROBOTS_SITEMAP_URL = None``
    Sitemap address; by default ``{SITEURL}/sitemap.{xml|txt}`` when the
    sitemap plugin is on (absolute in production, where publishconf.py sets
    SITEURL).
"""

from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals

log = logging.getLogger(__name__)

DEFAULTS: dict[str, object] = {
    "ROBOTS_TXT": True,
    "ROBOTS_DISALLOW": [],
    "ROBOTS_SITEMAP_URL": None,
}
SITEMAP_PLUGIN = "pelican.plugins.sitemap"


def _setting(settings: dict, name: str):
    return settings.get(name, DEFAULTS[name])


def sitemap_url(settings: dict) -> str | None:
    """Where the sitemap is served, or None when no sitemap is written."""
    explicit = _setting(settings, "ROBOTS_SITEMAP_URL")
    if explicit:
        return str(explicit)
    plugins = [getattr(p, "__name__", str(p)) for p in settings.get("PLUGINS") or []]
    if not any(name in (SITEMAP_PLUGIN, "sitemap") for name in plugins):
        return None
    fmt = (settings.get("SITEMAP") or {}).get("format", "xml")
    return f"{settings.get('SITEURL', '').rstrip('/')}/sitemap.{fmt}"


def robots_txt(settings: dict) -> str:
    """The text of robots.txt: every crawler welcome except under ROBOTS_DISALLOW."""
    lines = [f"# {settings.get('SITENAME', '')}".rstrip(), "User-agent: *"]
    disallowed = list(_setting(settings, "ROBOTS_DISALLOW"))
    lines += [f"Disallow: {prefix}" for prefix in disallowed] or ["Disallow:"]
    url = sitemap_url(settings)
    if url:
        lines += ["", f"Sitemap: {url}"]
    return "\n".join(lines) + "\n"


def write_robots_txt(pelican) -> None:
    settings = pelican.settings
    if not _setting(settings, "ROBOTS_TXT"):
        return
    path = Path(pelican.output_path) / "robots.txt"
    path.write_text(robots_txt(settings), encoding="utf-8")
    log.info("discovery: wrote %s", path)


def register() -> None:
    signals.finalized.connect(write_robots_txt)
