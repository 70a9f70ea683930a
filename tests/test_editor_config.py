"""The web editor's configuration (thidua/editor/config.py) against the registry
and the reader: the form offers every cluster and unit, and what it saves passes
the same check as `make check`.

`decap_path` and `front_matter` below do what Decap CMS does with our config
(its slug rules, our path template, our front matter format), written out from
Decap's source; the browser test (tests/browser/test_editor.py) checks the
real editor writes the same folders.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from PIL import Image

from thidua.cli import build
from thidua.domain import vietnamese
from thidua.domain.fields import SLUG
from thidua.domain.registry import load_registry
from thidua.editor import config as editor_config
from thidua.editor.server import dump_config

ROOT = Path(__file__).resolve().parent.parent
SETTINGS_FILE = ROOT / "pelicanconf.py"


def sample_config(content: Path = ROOT / "content") -> dict:
    settings = build.load_settings(SETTINGS_FILE, content)
    backend = editor_config.local_backend("http://127.0.0.1:8081/api/v1")
    return editor_config.editor_config(settings, content, backend, site_url="http://127.0.0.1:8000")


def collection(config: dict, name: str) -> dict:
    return next(c for c in config["collections"] if c["name"] == name)


def field(fields: list[dict], name: str) -> dict:
    return next(f for f in fields if f["name"] == name)


# -- What Decap does with the config (decap-cms-core lib/formatters.ts, urlHelper.ts) --


def _decap_segment(value: str, slug_config: dict) -> str:
    """prepareSlug + sanitizeSlug: lower case, no quotes, dots to '-', accents off, ASCII."""
    text = str(value).strip().lower().replace("'", "").replace(".", "-")
    if slug_config.get("clean_accents"):
        text = vietnamese.strip_diacritics(text)  # the `diacritics` package: đ -> d as well
    replacement = slug_config.get("sanitize_replacement", "-")
    text = "".join(ch if re.match(r"[\w\-.~]", ch, re.ASCII) else replacement for ch in text)
    text = re.sub(f"(?:{re.escape(replacement)})+", replacement, text)
    return text.strip(replacement)


def _lodash_truncate(text: str, length: int, omission: str = "...") -> str:
    return text if len(text) <= length else text[: length - len(omission)] + omission


def decap_path(config: dict, coll: dict, data: dict) -> str:
    """The file Decap writes a new entry to: folder / path template with our slug rules."""
    slug_config = config["slug"]
    slug = _decap_segment(data[coll.get("identifier_field", "title")], slug_config)
    template = coll["path"].lower().replace("'", "")  # Decap prepares the path template too

    def fill(match: re.Match) -> str:
        key, _, filters = match.group(1).strip().partition("|")
        key = key.strip()
        if key == "slug":
            return slug
        value = str(data.get(key, ""))
        truncate = re.fullmatch(r"truncate\((\d+)\)", filters.strip())
        if truncate:
            length = int(truncate.group(1))
            value = _lodash_truncate(value, length + 3)
        return _decap_segment(value, slug_config)

    path = re.sub(r"\{\{([^}]+)\}\}", fill, template)
    return f"{coll['folder']}/{path}.{coll['extension']}"


def _empty(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _clean(value):
    if isinstance(value, list):
        return [_clean(v) for v in value if not _empty(_clean(v))]
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if not _empty(_clean(v))}
    return value


class _FlowLists(yaml.SafeDumper):
    def represent_list(self, data):
        flow = all(not isinstance(item, (list, dict)) for item in data)
        return self.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_FlowLists.add_representer(list, _FlowLists.represent_list)


def front_matter(coll: dict, data: dict) -> str:
    """editor/thidua-editor.js articleFormat.toFile: field order, empties left out, [a, b]."""
    body = data.get("body", "")
    meta = _clean({k: v for k, v in data.items() if k != "body"})
    order = [f["name"] for f in coll["fields"]]
    ordered = {k: meta[k] for k in sorted(meta, key=lambda k: order.index(k))}
    header = yaml.dump(ordered, Dumper=_FlowLists, allow_unicode=True, sort_keys=False,
                       default_flow_style=False, width=10_000)  # fmt: skip
    return f"---\n{header}---\n{body}\n"


def upload_name(name: str, config: dict) -> str:
    """Decap's media library: the file name lower-cased, through the slug rules."""
    return _decap_segment_keep_dots(name.lower(), config["slug"])


def _decap_segment_keep_dots(value: str, slug_config: dict) -> str:
    text = vietnamese.strip_diacritics(value) if slug_config.get("clean_accents") else value
    text = "".join(ch if re.match(r"[\w\-.~]", ch, re.ASCII) else "-" for ch in text)
    return re.sub("-+", "-", text).strip("-")


# -- The configuration lists the registry ---------------------------------------------


def test_every_cluster_is_offered_with_its_name_number_and_agency():
    config = sample_config()
    registry, _ = load_registry(ROOT / "content", build.load_settings(SETTINGS_FILE))
    options = field(collection(config, "articles")["fields"], "cluster")["options"]
    assert {o["value"] for o in options} == set(registry.clusters)
    for option in options:
        cluster = registry.clusters[option["value"]]
        assert cluster.name in option["label"]
        assert cluster.agency in option["label"]
        assert re.search(rf"(?<!\w){re.escape(cluster.number)}(?!\w)", option["label"])
    # reading order: by agency, then by number (1, 2 before 12), so one agency's are together
    labels = [o["label"] for o in options]
    assert labels.index("Cụm thi đua số 1 – VKSND tỉnh Đắk Nông") < labels.index(
        "Cụm thi đua số 2 – VKSND tỉnh Đắk Nông"
    )
    agencies = [registry.clusters[o["value"]].agency for o in options]
    assert agencies == sorted(agencies)


def test_units_are_chosen_among_each_clusters_members_that_year():
    config = sample_config()
    registry, _ = load_registry(ROOT / "content", build.load_settings(SETTINGS_FILE))
    data = field(collection(config, "articles")["fields"], "units")["registry"]
    assert set(data["clusters"]) == set(registry.clusters)
    assert set(data["units"]) == set(registry.units)
    for slug, cluster in registry.clusters.items():
        terms = data["clusters"][slug]["terms"]
        assert set(terms) == {str(t.year) for t in cluster.terms}
        for term in cluster.terms:
            offered = terms[str(term.year)]
            assert sorted(offered["members"]) == sorted(u.slug for u in term.members)
            assert offered["members"][0] == (term.head.slug if term.head else term.members[0].slug)
            assert offered["head"] == (term.head.slug if term.head else "")
            assert offered["deputy"] == (term.deputy.slug if term.deputy else "")
    for slug, unit in registry.units.items():
        assert data["units"][slug] == {"name": unit.name, "short_name": unit.short_name}


def test_registry_forms_list_every_unit_and_event():
    config = sample_config()
    registry, _ = load_registry(ROOT / "content", build.load_settings(SETTINGS_FILE))
    terms = field(collection(config, "clusters")["fields"], "terms")
    members = field(terms["fields"], "members")
    assert [o["value"] for o in members["options"]] == list(registry.units)
    events = field(collection(config, "articles")["fields"], "event")["options"]
    assert [o["value"] for o in events] == list(registry.events)
    assert events[0]["label"] == "Lễ ký kết giao ước thi đua"
    units_file = collection(config, "registry")["files"][0]
    assert units_file["file"] == "content/units.yml"


def test_config_paths_and_formats():
    config = sample_config()
    articles = collection(config, "articles")
    assert articles["folder"] == "content/articles"
    assert articles["media_folder"] == "" and articles["public_folder"] == ""  # photos beside
    assert articles["format"] == "thidua-frontmatter"
    assert config["slug"] == {"encoding": "ascii", "clean_accents": True,
                              "sanitize_replacement": "-"}  # fmt: skip
    assert config["locale"] == "vi"
    assert config["backend"] == {"name": "proxy", "proxy_url": "http://127.0.0.1:8081/api/v1"}
    assert collection(config, "clusters")["folder"] == "content/clusters"
    # what the server sends is plain YAML the browser reads back to the same config
    text = dump_config(config)
    assert "&id" not in text and "*id" not in text
    assert yaml.safe_load(text) == config


def test_git_backends_for_production():
    gitea = editor_config.git_backend("gitea", "vp/thidua", "https://git.example.vn/", "abc")
    assert gitea["api_root"] == "https://git.example.vn/api/v1"
    assert gitea["base_url"] == "https://git.example.vn"
    gitlab = editor_config.git_backend("gitlab", "vp/thidua", "https://gitlab.example.vn", "abc")
    assert gitlab["auth_type"] == "pkce" and gitlab["api_root"].endswith("/api/v4")
    with pytest.raises(ValueError):
        editor_config.git_backend("github", "vp/thidua", "https://x", "abc")


# -- What the editor saves passes make check --------------------------------------------


def _photo(path: Path, color: str) -> None:
    Image.new("RGB", (640, 480), color).save(path, "JPEG", quality=80)


ARTICLES = [
    {   # a full report: three units of the cluster that year, two photos, a cover
        "title": "Cụm thi đua số 1 giao lưu thể thao: “Đoàn kết – Vững mạnh” năm 2024",
        "date": "2024-04-12 08:30",
        "cluster": "cum-1-vks-dak-nong",
        "year": 2024,
        "event": "giao-luu",
        "units": ["vks-tuy-duc", "vks-tp-gia-nghia", "vks-dak-glong"],
        "author": "Nguyễn Văn An",
        "author_unit": "VKSND huyện Tuy Đức",
        "location": "Nhà thi đấu huyện Tuy Đức",
        "summary": "Bốn đơn vị giao lưu bóng chuyền, kéo co và văn nghệ.",
        "tags": ["giao lưu", "2024"],
        "status": "published",
        "photos": [
            {"file": "Ảnh Toàn cảnh.JPG", "caption": "Toàn cảnh buổi giao lưu",
             "alt": "Nhà thi đấu với vận động viên bốn đơn vị", "credit": "Văn phòng"},
            {"file": "trao cờ.jpg", "caption": "Trao cờ lưu niệm",
             "alt": "Hai lãnh đạo bắt tay, cầm lá cờ đỏ", "credit": ""},
        ],
        "photo_credit": "VKSND huyện Tuy Đức",
        "cover": "trao cờ.jpg",
        "body": "Sáng ngày 12/4/2024, các đơn vị tổ chức giao lưu.\n\n## Kết quả\n\nĐạt giải nhất.",
    },
    {   # a form left mostly empty the way Decap leaves it: "" and [] for cleared fields
        "title": "Khối thi đua số 02 sơ kết 6 tháng đầu năm 2025",
        "date": "2025-07-04 14:00",
        "cluster": "khoi-02-vks-bac-giang",
        "year": "",
        "event": "so-ket",
        "units": [],
        "author": "",
        "summary": "",
        "tags": [],
        "status": "draft",
        "photos": [],
        "cover": "",
        "body": "Nội dung đang viết.",
    },
    {   # a block whose number is a Roman numeral, a year given beside a date of the next year
        "title": "Cụm III Đắk Mil tổng kết năm 2024 (ĐẮK MIL)",
        "date": "2025-01-15 08:00",
        "cluster": "cum-iii-dak-mil",
        "year": 2024,
        "event": "tong-ket",
        "units": ["dm-nhcsxh", "dm-buu-dien"],
        "body": "Tổng kết.",
    },
]  # fmt: skip


@pytest.fixture
def content_copy(tmp_path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    return content


def save_as_editor(content: Path, config: dict, data: dict) -> Path:
    """Write one article and its photos where and how the editor writes them."""
    articles = collection(config, "articles")
    data = dict(data)
    relative = decap_path(config, articles, data)
    path = content.parent / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    renamed = {}
    for number, photo in enumerate(data.get("photos") or []):
        name = upload_name(photo["file"], config)
        renamed[photo["file"]] = name
        _photo(path.parent / name, ("red", "blue", "green")[number % 3])
    data["photos"] = [{**p, "file": renamed[p["file"]]} for p in data.get("photos") or []]
    if data.get("cover"):
        data["cover"] = renamed[data["cover"]]
    path.write_text(front_matter(articles, data), encoding="utf-8")
    return path


def test_what_the_editor_saves_passes_make_check(content_copy):
    config = sample_config(content_copy)
    written = [save_as_editor(content_copy, config, data) for data in ARTICLES]

    first = written[0].relative_to(content_copy)
    assert first.parts[:2] == ("articles", "2024")  # the year of the date
    assert first.name == "index.md"
    folder = first.parts[2]
    assert SLUG.match(folder), folder  # ASCII: đ, ư, “ ” and – are gone
    assert folder == "cum-thi-dua-so-1-giao-luu-the-thao-doan-ket-vung-manh-nam-2024"
    assert sorted(p.name for p in written[0].parent.iterdir()) == [
        "anh-toan-canh.jpg", "index.md", "trao-co.jpg"]  # fmt: skip
    text = written[0].read_text(encoding="utf-8")
    assert "date: 2024-04-12 08:30\n" in text
    assert "units: [vks-tuy-duc, vks-tp-gia-nghia, vks-dak-glong]\n" in text
    second = written[1].read_text(encoding="utf-8")
    for absent in ("year:", "units:", "author:", "summary:", "tags:", "photos:", "cover:"):
        assert absent not in second  # cleared fields are left out, not written empty

    settings = build.load_settings(SETTINGS_FILE, content_copy)
    report = build.check(settings)
    assert [str(p) for p in report.errors] == []
    assert report.articles == 33 + 3
    assert not [p for p in report.warnings if any(w.parent.name in p.file for w in written)]


def test_a_unit_outside_the_cluster_that_year_is_refused_by_the_check(content_copy):
    """What the form stops before saving (tests/browser/test_editor.py) is an error here too."""
    config = sample_config(content_copy)
    data = dict(ARTICLES[2], title="Bài có đơn vị sai", units=["vks-dak-song"])
    save_as_editor(content_copy, config, data)
    report = build.check(build.load_settings(SETTINGS_FILE, content_copy))
    assert [p.field for p in report.errors] == ["units"]
    message = report.errors[0].message  # its wording belongs to the reader
    assert all(word in message for word in ("vks-dak-song", "cum-iii-dak-mil", "2024"))


def test_registry_files_as_the_editor_writes_them(content_copy):
    """A unit moved to another cluster for a new year, a new unit: clusters as Decap's YAML,
    units.yml as our format writes it (a top-level list)."""
    config = sample_config(content_copy)
    clusters = content_copy / "clusters"
    one = yaml.safe_load((clusters / "cum-1-vks-dak-nong.yml").read_text(encoding="utf-8"))
    two = yaml.safe_load((clusters / "cum-2-vks-dak-nong.yml").read_text(encoding="utf-8"))
    units = yaml.safe_load((content_copy / "units.yml").read_text(encoding="utf-8"))
    units.append({"slug": "vks-khu-vuc-1", "name": "VKSND khu vực 1 – Lâm Đồng",
                  "short_name": "VKSND khu vực 1"})  # fmt: skip
    one["terms"].append({"year": 2026, "members": ["vks-tp-gia-nghia", "vks-tuy-duc",
                         "vks-dak-glong", "vks-khu-vuc-1"], "head": "vks-tuy-duc"})  # fmt: skip
    two["terms"].append({"year": 2026, "members": ["vks-dak-song", "vks-dak-mil", "vks-dak-rlap"],
                         "head": "vks-dak-rlap", "deputy": "vks-dak-mil"})  # fmt: skip
    fields = [f["name"] for f in collection(config, "clusters")["fields"]]
    for name, data in (("cum-1-vks-dak-nong", one), ("cum-2-vks-dak-nong", two)):
        ordered = {k: data[k] for k in fields if k in data}
        (clusters / f"{name}.yml").write_text(
            yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    (content_copy / "units.yml").write_text(
        yaml.safe_dump(units, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    save_as_editor(content_copy, sample_config(content_copy), dict(
        ARTICLES[0], title="Cụm 1 ký kết 2026", date="2026-02-10 09:00", year="",
        units=["vks-khu-vuc-1", "vks-tuy-duc"], photos=[], cover=""))  # fmt: skip

    settings = build.load_settings(SETTINGS_FILE, content_copy)
    report = build.check(settings)
    assert [str(p) for p in report.errors] == []
    registry, _ = load_registry(content_copy, settings)
    assert registry.units["vks-dak-rlap"].membership(2026).cluster.slug == "cum-2-vks-dak-nong"
    assert registry.units["vks-dak-rlap"].membership(2025).cluster.slug == "cum-1-vks-dak-nong"
    # the next form offers the new year and the new unit
    data = field(collection(sample_config(content_copy), "articles")["fields"], "units")
    assert (
        "vks-khu-vuc-1"
        in data["registry"]["clusters"]["cum-1-vks-dak-nong"]["terms"]["2026"]["members"]
    )
