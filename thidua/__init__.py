"""Thi đua – Khen thưởng: the emulation-movement news portal.

Layout (one job per subpackage):

- ``domain``: pure Python, no Pelican: the typed model, front matter, dates,
  the registry of clusters and units, the one-pass index, Vietnamese text.
- ``pelican_plugin``: the only code that talks to Pelican: the reader, the
  enrichment step, the page generators, Jinja filters.
- ``gallery``: photos (sources, Pillow pipeline, cache, publishing, library pages).
- ``search``: the Pagefind step.
- ``legacy_import``: bringing articles over from legacy portals.
- ``cli``: ``build`` / ``check`` / ``serve`` / ``new`` / ``import``.
"""

from pathlib import Path

# The checkout this package runs from (theme/, pelicanconf.py); installed editable.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
