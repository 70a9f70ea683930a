"""Settings of the emulation plugin, with their defaults.

Every URL and save-as pattern can be changed in pelicanconf.py alone, the way
Pelican's own CATEGORY_URL / CATEGORY_SAVE_AS work.
"""

from __future__ import annotations

DEFAULTS: dict[str, object] = {
    # Where the registry lives, relative to the content folder (PATH).
    "EMULATION_CLUSTERS_DIR": "clusters",
    "EMULATION_UNITS_FILE": "units.yml",
    # Kinds of event an article may report: slug -> reader-facing label.
    "EMULATION_EVENTS": {
        "ky-ket": "Lễ ký kết giao ước thi đua",
        "trien-khai": "Hội nghị triển khai công tác thi đua",
        "so-ket": "Sơ kết thi đua",
        "tong-ket": "Tổng kết thi đua",
        "giao-luu": "Giao lưu giữa các đơn vị",
    },
    "EMULATION_STATUSES": ("published", "draft", "hidden"),
    # Page kinds written by the plugin.
    "CLUSTER_INDEX_URL": "cum-thi-dua/",
    "CLUSTER_INDEX_SAVE_AS": "cum-thi-dua/index.html",
    "CLUSTER_URL": "cum-thi-dua/{slug}/",
    "CLUSTER_SAVE_AS": "cum-thi-dua/{slug}/index.html",
    "CLUSTER_YEAR_URL": "cum-thi-dua/{slug}/{year}/",
    "CLUSTER_YEAR_SAVE_AS": "cum-thi-dua/{slug}/{year}/index.html",
    "CLUSTER_FEED_ATOM": "feeds/cum-thi-dua/{slug}.atom.xml",
    "CLUSTER_FEED_ATOM_URL": "feeds/cum-thi-dua/{slug}.atom.xml",
    "UNIT_INDEX_URL": "don-vi/",
    "UNIT_INDEX_SAVE_AS": "don-vi/index.html",
    "UNIT_URL": "don-vi/{slug}/",
    "UNIT_SAVE_AS": "don-vi/{slug}/index.html",
    "EVENT_URL": "su-kien/{slug}/",
    "EVENT_SAVE_AS": "su-kien/{slug}/index.html",
    "EMULATION_YEAR_URL": "luu-tru/{year}/",
    "EMULATION_YEAR_SAVE_AS": "luu-tru/{year}/index.html",
    "EMULATION_ARCHIVE_URL": "luu-tru/",
    "EMULATION_ARCHIVE_SAVE_AS": "luu-tru/index.html",
}


def get(settings: dict, name: str):
    """A plugin setting: the site's value, else the default."""
    return settings.get(name, DEFAULTS[name])


def apply_defaults(settings: dict) -> None:
    """Fill in every default the site did not set (called once at start-up)."""
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)
