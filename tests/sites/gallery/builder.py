"""Tiny real sites for the gallery tests: articles and Pillow-made photos in a temp
folder, built by Pelican with the gallery plugin, read back with BeautifulSoup.

The portal's own templates are replaced by the minimal ones beside this file
(only the gallery's templates come from the theme), and other plugins' signal
receivers are set aside during a build, so these tests depend on nothing but
the gallery plugin.
"""

from __future__ import annotations

import contextlib
import logging
import textwrap
import weakref
from pathlib import Path

import blinker
from bs4 import BeautifulSoup
from pelican import Pelican
from pelican.plugins import signals
from pelican.settings import read_settings
from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[3]
TEMPLATES = Path(__file__).resolve().parent / "templates"
KEPT_MODULES = ("thidua.gallery", "pelican.plugins.yaml_metadata", "gallery_test_clusters")

# Small widths keep the tests fast; the pipeline is the same.
WIDTHS = (160, 320, 640)


def photo(path: Path, size=(800, 600), color=(180, 40, 40), fmt="JPEG", mode="RGB", **save):
    """Write a test image with a recognisable layout: a white bar along its top edge."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", size, color)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, size[0], max(1, size[1] // 8)], fill=(255, 255, 255))
    draw.ellipse([size[0] // 3, size[1] // 3, size[0] // 2, size[1] // 2], fill=(20, 60, 160))
    if mode != "RGB":
        image = image.convert(mode)
    image.save(path, fmt, **save)
    return path


def article(content: Path, rel: str, title: str, body: str = "Nội dung bài viết.", **meta) -> Path:
    """Write ``content/articles/<rel>/index.md`` with YAML front matter."""
    import yaml

    folder = content / "articles" / rel
    folder.mkdir(parents=True, exist_ok=True)
    header = {"title": title, "date": meta.pop("date", "2024-03-05 08:00"), **meta}
    text = "---\n" + yaml.safe_dump(header, allow_unicode=True, sort_keys=False) + "---\n"
    path = folder / "index.md"
    path.write_text(text + textwrap.dedent(body).strip() + "\n", encoding="utf-8")
    return path


def settings_for(tmp: Path, **override) -> dict:
    values = {
        "PATH": str(tmp / "content"),
        "OUTPUT_PATH": str(tmp / "output"),
        "THEME": str(ROOT / "theme"),
        "THEME_TEMPLATES_OVERRIDES": [str(TEMPLATES)],
        "PLUGIN_PATHS": [str(ROOT / "plugins"), str(Path(__file__).resolve().parent / "plugins")],
        "PLUGINS": ["pelican.plugins.yaml_metadata", "gallery"],
        "SITENAME": "Thử nghiệm",
        "SITEURL": "",
        "TIMEZONE": "Asia/Ho_Chi_Minh",
        "DEFAULT_LANG": "vi",
        "ARTICLE_PATHS": ["articles"],
        "PAGE_PATHS": ["pages"],
        "STATIC_PATHS": [],
        "PATH_METADATA": r"(?:.*/)?(?P<slug>[^/]+)/index\.(?:md|markdown|mkd)$",
        "ARTICLE_URL": "bai-viet/{date:%Y}/{slug}/",
        "ARTICLE_SAVE_AS": "bai-viet/{date:%Y}/{slug}/index.html",
        "DIRECT_TEMPLATES": ["index"],
        "CATEGORY_SAVE_AS": "",
        "CATEGORIES_SAVE_AS": "",
        "TAG_SAVE_AS": "",
        "TAGS_SAVE_AS": "",
        "AUTHOR_SAVE_AS": "",
        "AUTHORS_SAVE_AS": "",
        "ARCHIVES_SAVE_AS": "",
        "FEED_ALL_ATOM": None,
        "CATEGORY_FEED_ATOM": None,
        "TRANSLATION_FEED_ATOM": None,
        "AUTHOR_FEED_ATOM": None,
        "AUTHOR_FEED_RSS": None,
        "PAGINATION_PATTERNS": (
            (1, "{url}", "{save_as}"),
            (2, "{base_name}/trang/{number}/", "{base_name}/trang/{number}/index.html"),
        ),
        "JINJA_ENVIRONMENT": {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True},
        "LOAD_CONTENT_CACHE": False,
        "CACHE_CONTENT": False,
        "GALLERY_WIDTHS": WIDTHS,
        "GALLERY_QUIET": True,
        "GALLERY_WORKERS": 2,
        "GALLERY_CACHE_PATH": str(tmp / "cache"),
    }
    values.update(override)
    return read_settings(path=None, override=values)


@contextlib.contextmanager
def only_gallery_receivers():
    """Set aside other plugins' receivers (signals are global in a test session)."""
    set_aside: list[tuple[blinker.NamedSignal, object]] = []
    for value in vars(signals).values():
        if not isinstance(value, blinker.NamedSignal):
            continue
        for ref in list(value.receivers.values()):
            receiver = ref() if isinstance(ref, weakref.ref) else ref
            module = getattr(receiver, "__module__", "") or ""
            if receiver is not None and not module.startswith(KEPT_MODULES):
                value.disconnect(receiver)
                set_aside.append((value, receiver))
    try:
        yield
    finally:
        for signal, receiver in set_aside:
            signal.connect(receiver)


def build(tmp: Path, **override) -> Path:
    """Build the site in `tmp` (content/ → output/); returns the output folder."""
    settings = settings_for(tmp, **override)
    with only_gallery_receivers():
        Pelican(settings).run()
    return Path(settings["OUTPUT_PATH"])


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


class Captured(logging.Handler):
    """Log records of the gallery plugin, for asserting on its messages."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith("thidua.gallery"):
            self.records.append(record)

    def messages(self, level: int = logging.WARNING) -> list[str]:
        return [r.getMessage() for r in self.records if r.levelno >= level]


@contextlib.contextmanager
def captured_logs():
    handler = Captured()
    logger = logging.getLogger("thidua.gallery")
    logger.addHandler(handler)
    old = logger.level
    logger.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old)
