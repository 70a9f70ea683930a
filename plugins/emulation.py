"""Pelican plugin entry point: the portal's reader, enrichment and page kinds.

The code lives in the ``thidua`` package; this file lets ``PLUGINS`` name it.
"""

from thidua.pelican_plugin import register

__all__ = ["register"]
