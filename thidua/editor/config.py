"""The Decap CMS configuration, generated from the registry and the site's settings.

Nothing in the form is typed by hand that the registry already knows: the
cluster list (name, number, agency), each cluster's members per year, the
events with their Vietnamese names come from ``content/`` every time the
configuration is generated (``make edit`` generates it on every page load).

What the editor writes is what the reader accepts:

- an article is ``<content>/<ARTICLE_PATHS[0]>/<year of date>/<slug>/index.md``,
  the slug made ASCII from the title (``Đắk Nông`` -> ``dak-nong``), its photos
  uploaded into that folder (``media_folder: ""``), listed under ``photos``;
- the header is YAML front matter with the fields the README documents, in
  the README's order; the date is written ``YYYY-MM-DD HH:MM`` (ISO, which the
  reader accepts; the form shows and takes it day first);
- clusters are ``<content>/clusters/<slug>.yml``; units stay one list in
  ``<content>/units.yml`` (read and written by the editor's own format, which
  keeps the file a top-level list with its comments).
"""

from __future__ import annotations

import re
from pathlib import Path

from thidua import settings as plugin_settings
from thidua.domain import vietnamese
from thidua.domain.model import Cluster, Registry
from thidua.domain.registry import load_registry

# What the editor writes into `date:`, for Python (strftime) and for the browser (dayjs).
DATE_FORMAT = "%Y-%m-%d %H:%M"
DAYJS_DATE_FORMAT = "YYYY-MM-DD HH:mm"
# Folder of an article inside the articles folder: the year of its date, then its slug.
# Decap lower-cases a path template and drops its quotes and dots before filling it in,
# so `fields.date` and `date('YYYY')` cannot be used here; the date is written
# year first (DATE_FORMAT), and truncate(4) keeps the year ("2024..." -> "2024": Decap
# turns the dots into '-' and trims them). Decap's own {{year}} would be the year of
# the date in UTC (31/12 at 22:00 the next day's year in Vietnam), or of today.
ARTICLE_PATH = "{{date | truncate(4)}}/{{slug}}/index"
ARTICLE_SLUG = "{{slug}}"  # the title, made ASCII by SLUG below
CLUSTER_SLUG = "{{name}}-{{agency}}"  # file name of a new cluster
# Decap's slug rules: ASCII only, accents removed (đ -> d), anything else becomes '-'.
SLUG = {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"}
MAX_TITLE = 250  # thidua.domain.fields.MAX_TITLE
MAX_SUMMARY = 600  # thidua.domain.fields.MAX_SUMMARY
UNITS_FORMAT = "thidua-units-yaml"  # registered by editor/thidua-editor.js
ARTICLE_FORMAT = "thidua-frontmatter"  # ditto: YAML front matter as the README writes it
STATUSES = [("published", "Đăng ngay"), ("draft", "Bản nháp (chưa đăng)")]
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


def local_backend(api_url: str) -> dict:
    """decap-server on this machine (``make edit``): it writes into the working tree."""
    return {"name": "proxy", "proxy_url": api_url}


def git_backend(kind: str, repo: str, base_url: str, app_id: str, branch: str = "main") -> dict:
    """An agency's own Gitea or GitLab, logged in with PKCE (an OAuth app without a secret)."""
    base_url = base_url.rstrip("/")
    backend = {"name": kind, "repo": repo, "branch": branch, "base_url": base_url,
               "app_id": app_id}  # fmt: skip
    if kind == "gitea":
        backend["api_root"] = f"{base_url}/api/v1"
    elif kind == "gitlab":
        backend.update(api_root=f"{base_url}/api/v4", auth_type="pkce",
                       auth_endpoint="oauth/authorize")  # fmt: skip
    else:
        raise ValueError(f"unknown backend '{kind}': gitea or gitlab")
    return backend


def cluster_label(cluster: Cluster) -> str:
    """'Cụm thi đua số 1 – VKSND tỉnh Đắk Nông': name (with its number) and agency."""
    name = cluster.name
    if cluster.number and not re.search(rf"(?<!\w){re.escape(cluster.number)}(?!\w)", name):
        name = f"{name} (số {cluster.number})"
    return f"{name} – {cluster.agency}" if cluster.agency else name


def _cluster_order(cluster: Cluster) -> tuple:
    """By agency, then clusters before blocks, then by number (2 before 12, II before III)."""
    number = vietnamese.cluster_number_value(cluster.number) or 0
    return (cluster.agency, cluster.kind, number, cluster.name)


def registry_data(registry: Registry) -> dict:
    """What the browser widgets need: clusters with their terms, units with their names."""
    clusters = {}
    for cluster in sorted(registry.clusters.values(), key=_cluster_order):
        terms = {}
        for term in cluster.terms:
            terms[str(term.year)] = {
                "members": [u.slug for u in term.members_by_role],
                "head": term.head.slug if term.head else "",
                "deputy": term.deputy.slug if term.deputy else "",
            }
        clusters[cluster.slug] = {
            "label": cluster_label(cluster),
            "name": cluster.name,
            "kind": cluster.kind,
            "kind_label": cluster.kind_label,
            "number": cluster.number,
            "agency": cluster.agency,
            "terms": terms,
        }
    units = {
        slug: {"name": unit.name, "short_name": unit.short_name}
        for slug, unit in registry.units.items()
    }
    return {"clusters": clusters, "units": units}


def _unit_option(unit) -> dict:
    label = unit.short_name if unit.short_name == unit.name else f"{unit.short_name} ({unit.name})"
    return {"label": label, "value": unit.slug}


def _relative(path: Path, repo_root: Path) -> str:
    try:
        return path.resolve().relative_to(repo_root.resolve()).as_posix()
    except ValueError as exc:
        raise ValueError(f"{path} is not inside the repository folder {repo_root}") from exc


def editor_config(
    settings: dict,
    content: str | Path,
    backend: dict,
    repo_root: str | Path | None = None,
    site_url: str = "",
) -> dict:
    """The Decap configuration for the content folder `content` inside `repo_root`.

    `backend` is `local_backend(...)` or `git_backend(...)`; `site_url` (the
    built site) gives each article a link to its page.
    """
    content = Path(content)
    repo_root = Path(repo_root) if repo_root is not None else content.resolve().parent
    registry, _problems = load_registry(content, settings)
    data = registry_data(registry)
    content_rel = _relative(content, repo_root)
    articles_dir = (settings.get("ARTICLE_PATHS") or ["articles"])[0]
    clusters_dir = plugin_settings.get(settings, "EMULATION_CLUSTERS_DIR")
    units_file = plugin_settings.get(settings, "EMULATION_UNITS_FILE")
    events = plugin_settings.get(settings, "EMULATION_EVENTS")

    config: dict = {
        "locale": "vi",
        "backend": backend,
        "publish_mode": "simple",
        "logo": {"src": "theme/images/logo.svg", "show_in_header": False},
        "media_folder": f"{content_rel}/static/anh",
        "public_folder": "/static/anh",
        "slug": dict(SLUG),
        "collections": [
            _articles(content_rel, articles_dir, data, events),
            _clusters(content_rel, clusters_dir, registry),
            _units(content_rel, units_file),
        ],
    }
    if site_url:
        config["site_url"] = site_url.rstrip("/")
        config["display_url"] = site_url.rstrip("/")
        config["show_preview_links"] = True
    return config


def _articles(content_rel: str, articles_dir: str, data: dict, events: dict) -> dict:
    cluster_options = [
        {"label": info["label"], "value": slug} for slug, info in data["clusters"].items()
    ]
    return {
        "name": "articles",
        "label": "Bài viết",
        "label_singular": "bài viết",
        "description": (
            "Tin về lễ ký kết, hội nghị triển khai, sơ kết, tổng kết và giao lưu của các "
            "cụm, khối thi đua. Mỗi bài là một thư mục có index.md và ảnh đặt cạnh."
        ),
        "folder": f"{content_rel}/{articles_dir}",
        "path": ARTICLE_PATH,
        "slug": ARTICLE_SLUG,
        "extension": "md",
        "format": ARTICLE_FORMAT,
        "media_folder": "",
        "public_folder": "",
        "create": True,
        "identifier_field": "title",
        "summary": "{{fields.date | date('DD/MM/YYYY')}} · {{title}}",
        "sortable_fields": ["date", "title"],
        "view_groups": [{"label": "Năm", "field": "date", "pattern": r"^\d{4}"}],
        "preview_path": "bai-viet/{{dirname}}/",
        "fields": [
            {"name": "title", "label": "Tiêu đề", "widget": "string",
             "pattern": [rf"^[\s\S]{{1,{MAX_TITLE}}}$", f"tối đa {MAX_TITLE} ký tự"],
             "hint": "Ví dụ: Cụm thi đua số 1 ký kết giao ước thi đua năm 2025."},
            {"name": "date", "label": "Ngày đăng", "widget": "thidua-date",
             "format": DAYJS_DATE_FORMAT,
             "hint": "Ngày trước, tháng sau: 27/05/2024, giờ 09:00."},
            {"name": "cluster", "label": "Cụm, khối thi đua", "widget": "select",
             "options": cluster_options},
            {"name": "year", "label": "Năm thi đua", "widget": "thidua-year",
             "required": False,
             "hint": "Để trống: năm của ngày đăng. Chỉ những năm cụm có danh sách thành viên."},
            {"name": "event", "label": "Sự kiện", "widget": "select", "required": False,
             "options": [{"label": label, "value": slug} for slug, label in events.items()]},
            {"name": "units", "label": "Đơn vị tham gia", "widget": "thidua-units",
             "required": False, "registry": data,
             "hint": "Chọn trong các thành viên của cụm năm đó; để trống nếu tất cả cùng dự."},
            {"name": "author", "label": "Tác giả", "widget": "string", "required": False},
            {"name": "author_unit", "label": "Đơn vị của tác giả", "widget": "string",
             "required": False},
            {"name": "location", "label": "Địa điểm", "widget": "string", "required": False},
            {"name": "summary", "label": "Tóm tắt", "widget": "thidua-summary",
             "required": False, "max": MAX_SUMMARY,
             "pattern": [rf"^[\s\S]{{0,{MAX_SUMMARY}}}$", f"tối đa {MAX_SUMMARY} ký tự"],
             "hint": "Một, hai câu hiện dưới tiêu đề và trong danh sách bài."},
            {"name": "tags", "label": "Chủ đề", "widget": "list", "required": False,
             "hint": "Cách nhau bằng dấu phẩy, ví dụ: giao ước thi đua, 2025"},
            {"name": "status", "label": "Trạng thái", "widget": "select",
             "default": "published", "required": False,
             "hint": "Để trống cũng là đăng. Bản nháp không hiện trên trang web.",
             "options": [{"label": label, "value": value} for value, label in STATUSES]},
            {"name": "photos", "label": "Ảnh", "label_singular": "ảnh", "widget": "list",
             "required": False, "summary": "{{fields.caption}}", "collapsed": False,
             "fields": [
                 {"name": "file", "label": "Tệp ảnh", "widget": "image", "choose_url": False},
                 {"name": "caption", "label": "Chú thích", "widget": "string"},
                 {"name": "alt", "label": "Mô tả ảnh cho người không nhìn thấy",
                  "widget": "string",
                  "hint": "Trong ảnh có gì: ai, đang làm gì, ở đâu."},
                 {"name": "credit", "label": "Người chụp / nguồn ảnh", "widget": "string",
                  "required": False},
             ]},
            {"name": "photo_credit", "label": "Nguồn ảnh chung của bài", "widget": "string",
             "required": False},
            {"name": "cover", "label": "Ảnh đại diện", "widget": "thidua-cover",
             "required": False, "hint": "Để trống: ảnh đầu tiên."},
            {"name": "body", "label": "Nội dung", "widget": "markdown",
             "sanitize_preview": True},
        ],
    }  # fmt: skip


def _clusters(content_rel: str, clusters_dir: str, registry: Registry) -> dict:
    unit_options = [_unit_option(u) for u in registry.units.values()]
    return {
        "name": "clusters",
        "label": "Cụm, khối thi đua",
        "label_singular": "cụm, khối thi đua",
        "description": "Thành viên, cụm trưởng, cụm phó từng năm của mỗi cụm, khối.",
        "folder": f"{content_rel}/{clusters_dir}",
        "extension": "yml",
        "format": "yml",
        "slug": CLUSTER_SLUG,
        "identifier_field": "name",
        "create": True,
        "summary": "{{name}} – {{agency}}",
        "preview_path": "cum-thi-dua/{{slug}}/",
        "fields": [
            {"name": "slug", "label": "Mã cụm (dùng trong địa chỉ trang)", "widget": "string",
             "required": False, "pattern": [SLUG_PATTERN, "chỉ chữ a-z, số và dấu gạch nối"],
             "hint": "Không đổi mã của cụm đã có bài viết. Để trống: tạo từ tên và cơ quan."},
            {"name": "name", "label": "Tên", "widget": "string",
             "hint": "Ví dụ: Cụm thi đua số 1, Khối thi đua số 02"},
            {"name": "kind", "label": "Loại", "widget": "select",
             "options": [{"label": "Cụm", "value": "cụm"}, {"label": "Khối", "value": "khối"}]},
            {"name": "number", "label": "Số", "widget": "string", "required": False,
             "pattern": [r"^(\d+|[IVXLCDM]+)$", "số như 1, 02 hoặc số La Mã như III"]},
            {"name": "agency", "label": "Cơ quan quản lý", "widget": "string",
             "hint": "Ví dụ: VKSND tỉnh Đắk Nông"},
            {"name": "province", "label": "Tỉnh, thành phố", "widget": "string",
             "required": False},
            {"name": "description", "label": "Giới thiệu", "widget": "text",
             "required": False},
            {"name": "terms", "label": "Thành viên theo năm", "label_singular": "năm",
             "widget": "list", "summary": "Năm {{fields.year}}",
             "fields": [
                 {"name": "year", "label": "Năm thi đua", "widget": "number",
                  "value_type": "int", "min": 1900, "max": 2100},
                 {"name": "members", "label": "Đơn vị thành viên", "widget": "select",
                  "multiple": True, "options": unit_options},
                 {"name": "head", "label": "Cụm trưởng / Khối trưởng", "widget": "select",
                  "required": False, "options": unit_options},
                 {"name": "deputy", "label": "Cụm phó / Khối phó", "widget": "select",
                  "required": False, "options": unit_options},
                 {"name": "motto", "label": "Phương châm, chủ đề", "widget": "string",
                  "required": False},
                 {"name": "decision", "label": "Quyết định kiện toàn", "widget": "string",
                  "required": False},
             ]},
            {"name": "registry_check", "label": "Kiểm tra", "widget": "thidua-cluster-check",
             "required": False, "registry": registry_data(registry)},
        ],
    }  # fmt: skip


def _units(content_rel: str, units_file: str) -> dict:
    return {
        "name": "registry",
        "label": "Đơn vị",
        "description": "Danh sách mọi đơn vị thành viên (tên đầy đủ, tên ngắn hiển thị).",
        "format": UNITS_FORMAT,
        "files": [
            {
                "name": "units",
                "label": "Danh sách đơn vị",
                "file": f"{content_rel}/{units_file}",
                "fields": [
                    {"name": "units", "label": "Đơn vị", "label_singular": "đơn vị",
                     "widget": "list", "summary": "{{fields.short_name}}",
                     "fields": [
                         {"name": "slug", "label": "Mã đơn vị", "widget": "string",
                          "pattern": [SLUG_PATTERN, "chỉ chữ a-z, số và dấu gạch nối"],
                          "hint": "Không đổi mã của đơn vị đã có trong cụm hoặc bài viết."},
                         {"name": "name", "label": "Tên đầy đủ", "widget": "string"},
                         {"name": "short_name", "label": "Tên ngắn", "widget": "string"},
                     ]},
                ],
            }
        ],
    }  # fmt: skip
