"""How the build names a content file's bytes. Imported before Pelican by the command
line (`thidua.cli.html`), so it imports nothing heavy."""

from __future__ import annotations

import hashlib


def content_digest(data: bytes) -> bytes:
    """A file's bytes as the reader's cache and the build's fingerprint know them."""
    return hashlib.blake2b(data, digest_size=20).digest()
