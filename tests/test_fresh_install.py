"""A machine set up with requirements.txt alone runs every authoring command.

A fresh virtual environment gets only what `make` installs for the build
(requirements.txt and the package itself, no test tools); check, build, new
article and import then run in it on a copy of the sample content.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.install


@pytest.fixture(scope="module")
def fresh_python(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("fresh") / "venv"
    venv.create(folder, with_pip=True)
    python = folder / "bin" / "python"
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    done = subprocess.run([*pip, "-r", str(ROOT / "requirements.txt")], capture_output=True,
                          text=True, cwd=ROOT)  # fmt: skip
    if done.returncode != 0:
        pytest.fail(f"pip could not install requirements.txt:\n{done.stderr[-2000:]}")
    subprocess.run([*pip, "--no-deps", "-e", str(ROOT)], check=True, capture_output=True)
    return python


def run(python: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run([str(python), *args], cwd=cwd, capture_output=True, text=True, env=env)


def test_no_test_tool_is_needed_to_author(fresh_python, tmp_path):
    missing = run(fresh_python, "-c", "import pytest", cwd=tmp_path)
    assert missing.returncode != 0  # the environment really is the build's alone
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    settings = str(ROOT / "pelicanconf.py")
    common = ["--content", str(content)]

    checked = run(fresh_python, "-m", "thidua.cli.build", *common, "--settings", settings,
                  "--check-only", cwd=tmp_path)  # fmt: skip
    assert checked.returncode == 0, checked.stderr

    new = run(fresh_python, "-m", "thidua.cli.new_article", *common, "--settings", settings,
              "--cluster", "cum-1-vks-dak-nong", "--title", "Sơ kết thử", "--date",
              "05/07/2024 08:00", cwd=tmp_path)  # fmt: skip
    assert new.returncode == 0, new.stderr
    assert list(content.glob("articles/2024/*so-ket-thu*/index.md"))

    page = ROOT / "tests/sites/legacy/khoi-02-ky-ket.html"
    imported = run(fresh_python, "-m", "thidua.cli.import_legacy", str(page), *common,
                   "--settings", settings, cwd=tmp_path)  # fmt: skip
    assert imported.returncode == 0, imported.stderr  # BeautifulSoup is a build dependency
    assert list(content.glob("articles/2024/khoi-thi-dua-so-02-*/index.md"))

    built = run(fresh_python, "-m", "thidua.cli.build", *common, "--settings", settings,
                "--output", str(tmp_path / "output"), cwd=tmp_path)  # fmt: skip
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "output/index.html").exists()
    assert (tmp_path / "output/pagefind/pagefind.js").exists()
