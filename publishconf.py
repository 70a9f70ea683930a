"""Production build: absolute URLs, feeds on, drafts never published."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "https://thiduakhenthuong.example.vn")
FEED_DOMAIN = SITEURL
RELATIVE_URLS = False
FEED_ALL_ATOM = "feeds/all.atom.xml"
CLUSTER_FEED_ATOM = "feeds/cum-thi-dua/{slug}.atom.xml"
# Drafts are checked but never written in production.
DRAFT_SAVE_AS = ""
DRAFT_URL = ""
