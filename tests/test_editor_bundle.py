"""The editor for an agency's own git server: the static bundle and its config.

Needs the npm packages (package.json, `npm ci --ignore-scripts`); skips without them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from thidua.editor import bundle
from thidua.editor.server import missing_files

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(bool(missing_files()), reason="npm packages not installed")


def test_bundle_for_gitea_is_complete_and_offline(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    out = tmp_path / "quan-tri"
    code = bundle.main([
        "--out", str(out), "--backend", "gitea", "--repo", "vanphong/thi-dua",
        "--base-url", "https://git.example.vn", "--app-id", "abc-123",
        "--site-url", "https://thiduakhenthuong.example.vn",
    ])  # fmt: skip
    assert code == 0
    files = ["index.html", "config.yml", "editor/thidua-editor.js", "decap/decap-cms.js",
             "vendor/yaml/index.js", "theme/css/site.css", "theme/images/logo.svg"]  # fmt: skip
    for name in files:
        assert (out / name).is_file(), name
    assert not list(out.rglob("*.map"))
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'src="http' not in index and 'href="http' not in index  # nothing from a CDN
    config = yaml.safe_load((out / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"] == {
        "name": "gitea", "repo": "vanphong/thi-dua", "branch": "main",
        "base_url": "https://git.example.vn", "app_id": "abc-123",
        "api_root": "https://git.example.vn/api/v1",
    }  # fmt: skip
    assert "local_backend" not in config
    assert config["site_url"] == "https://thiduakhenthuong.example.vn"
    articles = next(c for c in config["collections"] if c["name"] == "articles")
    assert articles["folder"] == "content/articles"
