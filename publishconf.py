"""Production build: absolute URLs, feeds on, drafts never published."""

import os
import runpy
from pathlib import Path

# The development settings, read by path (no sys.path edit): this file may be run from anywhere.
globals().update(
    {
        name: value
        for name, value in runpy.run_path(str(Path(__file__).with_name("pelicanconf.py"))).items()
        if name.isupper()
    }
)

SITEURL = os.environ.get("SITEURL", "https://thiduakhenthuong.example.vn")
FEED_DOMAIN = SITEURL
RELATIVE_URLS = False
FEED_ALL_ATOM = "feeds/all.atom.xml"
CLUSTER_FEED_ATOM = "feeds/cum-thi-dua/{slug}.atom.xml"
# Drafts are checked but never written in production.
DRAFT_SAVE_AS = DRAFT_URL = ""
DRAFT_PAGE_SAVE_AS = DRAFT_PAGE_URL = ""
DRAFT_LANG_SAVE_AS = DRAFT_LANG_URL = ""
DRAFT_PAGE_LANG_SAVE_AS = DRAFT_PAGE_LANG_URL = ""
