"""Tiny real sites for the gallery tests: articles and Pillow-made photos in a temp
folder, built by Pelican with the portal and gallery plugins, read back with BeautifulSoup.

The portal's article, index and page templates are replaced by the minimal ones
beside this file (the gallery's partials come from the theme), so these tests
read the gallery's own markup. Every site gets a two-cluster registry.
"""

from __future__ import annotations

import contextlib
import logging
import textwrap
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from pelican import Pelican
from pelican.settings import read_settings
from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[3]
TEMPLATES = Path(__file__).resolve().parent / "templates"
UNITS = [{"slug": f"don-vi-{n}", "name": f"Đơn vị số {n}", "short_name": f"Đơn vị {n}"}
         for n in range(1, 5)]  # fmt: skip
CLUSTERS = {
    "cum-1": {"name": "Cụm thi đua số 1", "number": "1", "agency": "",
              "members": ["don-vi-1", "don-vi-2"]},
    "khoi-02": {"name": "Khối thi đua số 02", "kind": "khối", "number": "02",
                "agency": "", "members": ["don-vi-3", "don-vi-4"]},
}  # fmt: skip
YEARS = range(2020, 2027)
PAGINATED = {"index": None, "tag": None, "cluster": None, "unit": None, "event": None,
             "photo_library": 12}  # fmt: skip

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


def write_registry(content: Path) -> None:
    """Clusters cum-1 and khoi-02, each with two units and a term every year 2020–2026."""
    (content / "clusters").mkdir(parents=True, exist_ok=True)
    dump = lambda data: yaml.safe_dump(data, allow_unicode=True)  # noqa: E731
    (content / "units.yml").write_text(dump(UNITS), encoding="utf-8")
    for slug, data in CLUSTERS.items():
        members = data["members"]
        terms = [{"year": y, "members": list(members), "head": members[0]} for y in YEARS]
        cluster = {k: v for k, v in data.items() if k != "members"} | {"slug": slug, "terms": terms}
        (content / "clusters" / f"{slug}.yml").write_text(dump(cluster), encoding="utf-8")


def article(content: Path, rel: str, title: str, body: str = "Nội dung bài viết.", **meta) -> Path:
    """Write ``content/articles/<rel>/index.md`` with YAML front matter (cluster cum-1)."""
    folder = content / "articles" / rel
    folder.mkdir(parents=True, exist_ok=True)
    header = {"title": title, "date": meta.pop("date", "2024-03-05 08:00"),
              "cluster": meta.pop("cluster", "cum-1"), **meta}  # fmt: skip
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
        "PLUGIN_PATHS": [str(ROOT / "plugins")],
        "PLUGINS": ["emulation", "gallery"],
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
        "PAGINATED_TEMPLATES": PAGINATED,
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
    paginated = override.pop("PAGINATED_TEMPLATES", {})
    values.update(override)
    values["PAGINATED_TEMPLATES"] = {**PAGINATED, **paginated}
    return read_settings(path=None, override=values)


def build(tmp: Path, **override) -> Path:
    """Build the site in `tmp` (content/ → output/); returns the output folder."""
    settings = settings_for(tmp, **override)
    if not (tmp / "content" / "clusters").exists():
        write_registry(tmp / "content")
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
