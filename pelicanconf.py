"""Settings of the sample agency's portal (development build).

Another agency's site reuses the theme and plugins with its own content folder:
``make html CONTENT=other/content OUTPUT=other/output``.
"""

from pathlib import Path

HERE = Path(__file__).resolve().parent

# -- Identity of the publishing agency (header, footer, JSON-LD) -------------
SITENAME = "Thi đua – Khen thưởng"
SITESUBTITLE = "Bản tin phong trào thi đua của các cụm, khối thi đua"
SITEURL = ""
AUTHOR = "Ban biên tập"
AGENCY = {
    "name": "Văn phòng Hội đồng Thi đua – Khen thưởng",
    "short_name": "HĐTĐKT",
    "logo": "theme/images/logo.svg",
    "address": "Số 1 đường Trần Hưng Đạo, phường Nghĩa Đức, TP Gia Nghĩa, tỉnh Đắk Nông",
    "phone": "0261 3 544 000",
    "email": "banbientap@thiduakhenthuong.example.vn",
    "editor": "Trưởng ban biên tập: Nguyễn Văn Minh",
}
RELATED_LINKS = [
    ("Viện kiểm sát nhân dân tối cao", "https://www.vksndtc.gov.vn/"),
    ("Ban Thi đua – Khen thưởng Trung ương", "https://thiduakhenthuongvn.org.vn/"),
    ("Cổng thông tin điện tử tỉnh Đắk Nông", "https://daknong.gov.vn/"),
]

# -- Content ------------------------------------------------------------------
PATH = "content"
THEME = str(HERE / "theme")
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
DEFAULT_DATE = None
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["static"]
ARTICLE_EXCLUDES: list[str] = []
# An article may be a folder (index.md beside its photos): the folder names the slug.
PATH_METADATA = r"(?:.*/)?(?P<slug>[^/]+)/index\.(?:md|markdown|mkd)$"
DEFAULT_CATEGORY = "tin-tuc"
SUMMARY_MAX_LENGTH = 40
TYPOGRIFY = False
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {"permalink": False},
        "markdown.extensions.sane_lists": {},
    },
    "output_format": "html5",
}

# Articles are Markdown only: a legacy page saved as .html into content/ must not
# become an article unchecked (use make import), and Docutils warns it has no Vietnamese.
READERS = {"rst": None, "html": None, "htm": None}

PLUGIN_PATHS = [str(HERE / "plugins")]
PLUGINS = [
    "pelican.plugins.sitemap",
    "emulation",
    "gallery",
]

# -- URLs (Vietnamese words, folders with index.html) ------------------------
ARTICLE_URL = "bai-viet/{date:%Y}/{slug}/"
ARTICLE_SAVE_AS = "bai-viet/{date:%Y}/{slug}/index.html"
DRAFT_URL = "ban-nhap/{slug}/"
DRAFT_SAVE_AS = "ban-nhap/{slug}/index.html"
DRAFT_PAGE_URL = "ban-nhap/trang-tinh/{slug}/"
DRAFT_PAGE_SAVE_AS = "ban-nhap/trang-tinh/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
TAG_URL = "chu-de/{slug}/"
TAG_SAVE_AS = "chu-de/{slug}/index.html"
TAGS_URL = "chu-de/"
TAGS_SAVE_AS = "chu-de/index.html"
SEARCH_URL = "tim-kiem/"
SEARCH_SAVE_AS = "tim-kiem/index.html"
# Pages Pelican would write that the portal replaces with its own kinds.
CATEGORY_SAVE_AS = CATEGORIES_SAVE_AS = ""
AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_SAVE_AS = DAY_ARCHIVE_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "tags", "404", "search"]
# One language: no "translations" (Pelican would otherwise hide the second of two
# articles with the same slug as a translation; here that is an error, see outputs.py).
ARTICLE_TRANSLATION_ID = PAGE_TRANSLATION_ID = None
# robots.txt: theme/templates/robots.txt, with the sitemap's address (drop it to write none).
TEMPLATE_PAGES = {"robots.txt": "robots.txt"}

# Page 2 of "cụm số 1" must never overwrite "cụm số 12": every paginated page
# kind lives in its own folder, and later pages go one level down.
# 20 reports a page: the home page fills its first screen with headlines and
# lists are rows with small thumbnails (theme/templates/partials/article_card.html).
DEFAULT_PAGINATION = 20
PAGINATED_TEMPLATES = {
    "index": None,
    "tag": None,
    "cluster": None,
    "unit": None,
    "event": None,
    "photo_library": 12,
}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/trang/{number}/", "{base_name}/trang/{number}/index.html"),
)

# -- Feeds ----------------------------------------------------------------------
FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
FEED_MAX_ITEMS = 20

# -- Templates: escape every value unless a template says it is HTML ---------
JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "autoescape": True,
    "extensions": [],
}

SITEMAP = {
    "format": "xml",
    "exclude": ["^404\\.html$", "^robots\\.txt$"],
    "priorities": {"articles": 0.8, "indexes": 0.6, "pages": 0.5},
    "changefreqs": {"articles": "monthly", "indexes": "daily", "pages": "monthly"},
}

RELATIVE_URLS = False
LOAD_CONTENT_CACHE = False
DELETE_OUTPUT_DIRECTORY = False
