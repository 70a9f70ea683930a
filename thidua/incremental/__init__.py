"""Incremental builds: the same bytes as a cold build, for a fraction of the work.

Three caches, each checked before it is trusted, never guessed from:

- ``reader_cache``: what the reader made of a file (typed fields, HTML), keyed
  by the file's bytes and by everything the reader's output depends on;
- ``templates`` + ``digest``: every page gets a digest of exactly what its
  template can see (the names it and its includes read, deeply); a page whose
  digest and file are unchanged since the last build is linked, not rendered;
- ``workers``: the pages left to render are shared between processes.

A page that holds something the digest cannot describe is always rendered.
"""
