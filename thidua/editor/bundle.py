"""The editor as static files for an agency's own git server (Gitea or GitLab).

    python -m thidua.editor.bundle --out output/quan-tri --backend gitea \\
        --repo vanphong/thi-dua --base-url https://git.example.vn --app-id <OAuth app id> \\
        --site-url https://thiduakhenthuong.example.vn

writes index.html, our widgets, Decap CMS (from node_modules, without source
maps), the site's CSS and a config.yml generated from the registry with that
backend. Staff log in with their git account; every save is a commit on the
branch, and the CI job that runs ``make publish`` on push rebuilds the site.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from thidua import PROJECT_ROOT
from thidua.cli import build
from thidua.editor import config as editor_config
from thidua.editor.server import (
    DECAP_DIST,
    EDITOR_DIR,
    THEME_STATIC,
    YAML_DIST,
    dump_config,
    missing_files,
)


def write_bundle(out: Path, config: dict) -> Path:
    """The editor's files in `out` (replaced), with `config` as config.yml."""
    if out.exists():
        shutil.rmtree(out)
    no_maps = shutil.ignore_patterns("*.map")
    shutil.copytree(EDITOR_DIR, out / "editor")
    shutil.move(out / "editor" / "index.html", out / "index.html")
    shutil.copytree(DECAP_DIST, out / "decap", ignore=no_maps)
    shutil.copytree(YAML_DIST, out / "vendor" / "yaml", ignore=no_maps)
    shutil.copytree(THEME_STATIC / "css", out / "theme" / "css")
    shutil.copytree(THEME_STATIC / "images", out / "theme" / "images")
    (out / "config.yml").write_text(dump_config(config), encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="folder to write (replaced)")
    parser.add_argument("--content", default="content")
    parser.add_argument("--settings", default=str(PROJECT_ROOT / "publishconf.py"))
    parser.add_argument("--repo-root", default=None, help="the git checkout (default: .)")
    parser.add_argument("--backend", choices=("gitea", "gitlab"), required=True)
    parser.add_argument("--repo", required=True, help="owner/name on the git server")
    parser.add_argument("--base-url", required=True, help="e.g. https://git.example.vn")
    parser.add_argument("--app-id", required=True, help="the OAuth2 application's client id")
    parser.add_argument("--branch", default="main")
    parser.add_argument("--site-url", default="", help="the published site, for page links")
    args = parser.parse_args(argv)
    missing = missing_files()
    if missing:
        print(f"Thiếu {', '.join(map(str, missing))}: chạy npm ci trước.", file=sys.stderr)
        return 2
    settings = build.load_settings(args.settings, args.content)
    backend = editor_config.git_backend(
        args.backend, args.repo, args.base_url, args.app_id, args.branch
    )
    config = editor_config.editor_config(
        settings,
        args.content,
        backend,
        repo_root=Path(args.repo_root or Path.cwd()),
        site_url=args.site_url,
    )
    out = write_bundle(Path(args.out), config)
    print(f"Đã ghi trình soạn thảo vào {out}/ (backend {args.backend}: {args.repo}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
