"""Emulation-movement news: registry of clusters and units, validation, indexes, pages.

Data flows one way: the registry and every article's front matter are checked
when Pelican starts (the build stops with all problems listed before anything
is written), then one pass indexes the articles and the page kinds are written.
"""

from __future__ import annotations

import logging

from pelican import signals

from thidua import settings as plugin_settings
from thidua.domain.validation import ContentError, check_content

from .filters import FILTERS
from .generators import EmulationPagesGenerator

log = logging.getLogger(__name__)

__all__ = ["ContentError", "check_content", "register"]


def validate_on_start(pelican) -> None:
    """Stop before writing anything when the content has fatal problems."""
    plugin_settings.apply_defaults(pelican.settings)
    if pelican.settings.get("EMULATION_SKIP_VALIDATION"):
        return  # the build tool validated already (and printed the report)
    result = check_content(pelican.settings)
    for problem in result.warnings:
        log.warning("emulation: %s", problem)
    if result.errors:
        raise ContentError(result.errors)


def add_filters(generator) -> None:
    generator.env.filters.update(FILTERS)


def get_generators(_pelican):
    return EmulationPagesGenerator


def register() -> None:
    signals.initialized.connect(validate_on_start)
    signals.generator_init.connect(add_filters)
    signals.get_generators.connect(get_generators)
