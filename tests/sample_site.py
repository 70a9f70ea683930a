"""The sample site (content/) built once per test run, for the whole-site tests.

The link crawl, the discovery tests and the browser suite all read the same
build. It is made with the build tool's own functions, so the search index is
built too. ``TEST_SITE_SETTINGS`` names another settings file (default:
pelicanconf.py), e.g. to check the production settings.
"""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import tempfile
from pathlib import Path

from thidua.cli import build

ROOT = Path(__file__).resolve().parent.parent
SETTINGS_ENV = "TEST_SITE_SETTINGS"


def settings_file() -> Path:
    return Path(os.environ.get(SETTINGS_ENV) or ROOT / "pelicanconf.py")


def build_site(content: Path, output: Path, **override) -> Path:
    """Validate and build `content` into `output` with the test settings file."""
    settings = build.load_settings(settings_file(), content, **override)
    errors, _warnings = build.validate(settings)
    if errors:
        raise RuntimeError("the content has errors:\n" + "\n".join(errors))
    build.build(settings, output)
    return output


@functools.cache
def built_sample_site() -> Path:
    """The output folder of the sample site, built on first use."""
    workdir = Path(tempfile.mkdtemp(prefix="sample-site-"))
    atexit.register(shutil.rmtree, workdir, True)
    return build_site(ROOT / "content", workdir / "output")


def page_url(site: Path, html_file: Path) -> str:
    """'/bai-viet/2024/x/' for site/bai-viet/2024/x/index.html."""
    relative = html_file.relative_to(site).as_posix()
    if relative == "index.html":
        return "/"
    if relative.endswith("/index.html"):
        return "/" + relative[: -len("index.html")]
    return "/" + relative
