"""Tiny real sites for the tests: a registry and articles written into a temp folder,
built with the project's own settings, theme and plugins, read back with BeautifulSoup."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from thidua.cli import build

ROOT = Path(__file__).resolve().parent.parent

UNITS = [
    {"slug": slug, "name": name, "short_name": short}
    for slug, name, short in [
        ("vks-gia-nghia", "VKSND thành phố Gia Nghĩa", "VKSND TP Gia Nghĩa"),
        ("vks-tuy-duc", "VKSND huyện Tuy Đức", "VKSND huyện Tuy Đức"),
        ("vks-dak-glong", "VKSND huyện Đắk G'Long", "VKSND huyện Đắk G'Long"),
        ("vks-dak-rlap", "VKSND huyện Đắk R'Lấp", "VKSND huyện Đắk R'Lấp"),
        ("vks-dak-song", "VKSND huyện Đắk Song", "VKSND huyện Đắk Song"),
        ("bg-phong-1", "Phòng 1, VKSND tỉnh Bắc Giang", "Phòng 1"),
        ("bg-phong-3", "Phòng 3, VKSND tỉnh Bắc Giang", "Phòng 3"),
        ("bg-phong-7", "Phòng 7, VKSND tỉnh Bắc Giang", "Phòng 7"),
    ]
]

CLUSTERS = {
    "cum-1": {
        "slug": "cum-1",
        "name": "Cụm thi đua số 1",
        "kind": "cụm",
        "number": "1",
        "agency": "VKSND tỉnh Đắk Nông",
        "province": "Đắk Nông",
        "description": "Bốn viện kiểm sát cấp huyện phía Tây Nam tỉnh.",
        "terms": [
            {
                "year": 2023,
                "members": ["vks-gia-nghia", "vks-tuy-duc", "vks-dak-glong", "vks-dak-song"],
                "head": "vks-tuy-duc",
                "deputy": "vks-gia-nghia",
                "motto": "Đoàn kết, đổi mới",
            },
            {
                "year": 2024,
                "members": ["vks-gia-nghia", "vks-tuy-duc", "vks-dak-glong", "vks-dak-rlap"],
                "head": "vks-gia-nghia",
                "deputy": "vks-tuy-duc",
                "motto": "Trách nhiệm, kỷ cương",
                "decision": "Quyết định số 12/QĐ-VKS ngày 08/01/2024",
            },
        ],
    },
    "cum-12": {
        "slug": "cum-12",
        "name": "Cụm thi đua số 12",
        "kind": "cụm",
        "number": "12",
        "agency": "VKSND tỉnh Đắk Nông",
        "terms": [{"year": 2024, "members": ["vks-dak-song"], "head": "vks-dak-song"}],
    },
    "khoi-02": {
        "slug": "khoi-02",
        "name": "Khối thi đua số 02",
        "kind": "khối",
        "number": "02",
        "agency": "VKSND tỉnh Bắc Giang",
        "terms": [
            {
                "year": 2024,
                "members": ["bg-phong-1", "bg-phong-3", "bg-phong-7"],
                "head": "bg-phong-3",
                "deputy": "bg-phong-7",
            }
        ],
    },
}


class Site:
    """A content folder in a temp dir; `build()` makes output/ from it."""

    def __init__(self, root: Path):
        self.root = root
        self.content = root / "content"
        self.output = root / "output"
        self.content.mkdir(parents=True, exist_ok=True)

    def write_registry(self, clusters: dict | None = None, units: list | None = None) -> None:
        (self.content / "clusters").mkdir(exist_ok=True)
        self.write("units.yml", yaml.safe_dump(units or UNITS, allow_unicode=True))
        for slug, data in (CLUSTERS if clusters is None else clusters).items():
            self.write(f"clusters/{slug}.yml", yaml.safe_dump(data, allow_unicode=True))

    def write(self, relative: str, text: str) -> Path:
        path = self.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def article(self, slug: str, body: str = "Nội dung bài viết.", folder=True, **meta) -> Path:
        """Write an article with YAML front matter; `meta` values are dumped as YAML."""
        meta.setdefault("title", f"Bài viết {slug}")
        meta.setdefault("date", "2024-03-05 09:00")
        meta.setdefault("cluster", "cum-1")
        header = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        year = str(meta["date"])[:4]
        relative = f"articles/{year}/{slug}/index.md" if folder else f"articles/{year}/{slug}.md"
        return self.write(relative, f"---\n{header}---\n{body}\n")

    def settings(self, **override):
        return build.load_settings(ROOT / "pelicanconf.py", self.content, **override)

    def build(self, **override) -> int:
        """Run the real build tool; returns its exit code (0 = built)."""
        args = ["--content", str(self.content), "--output", str(self.output)]
        if override:
            raise ValueError("use build_with_settings for overrides")
        return build.main(args)

    def build_with_settings(self, **override) -> None:
        settings = self.settings(**override)
        errors, _ = build.validate(settings)
        assert not errors, errors
        build.build(settings, self.output)

    def check(self) -> int:
        return build.main(["--content", str(self.content), "--check-only"])

    def page(self, url: str) -> BeautifulSoup:
        """Parse a built page by its URL ('cum-thi-dua/cum-1/' or 'index.html')."""
        path = self.output / url
        if url.endswith("/") or not url:
            path = path / "index.html"
        assert path.exists(), f"{url} was not written; output has {self.listing()[:40]}"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    def listing(self) -> list[str]:
        return sorted(
            str(p.relative_to(self.output)) for p in self.output.rglob("*") if p.is_file()
        )


@pytest.fixture(autouse=True)
def vietnamese_messages(monkeypatch):
    """Messages are asserted in Vietnamese, the default, whatever the shell says."""
    monkeypatch.delenv("THIDUA_LANG", raising=False)


@pytest.fixture
def site(tmp_path) -> Site:
    """An empty site with the default registry (clusters cum-1, cum-12, khoi-02)."""
    s = Site(tmp_path)
    s.write_registry()
    return s


def text_of(node) -> str:
    """Visible text with whitespace folded, as a reader sees it."""
    return " ".join(node.get_text(" ").split())


def link_to(node, url_end: str):
    """The first link whose href ends with `url_end` (site URLs may be relative or absolute)."""
    return node.find("a", href=lambda h: bool(h) and h.split("#")[0].endswith(url_end))


def labelled_nav(page, word: str):
    """The <nav> whose aria-label contains `word` (case-insensitive), or None."""
    word = word.lower()
    return next((n for n in page.find_all("nav") if word in n.get("aria-label", "").lower()), None)
