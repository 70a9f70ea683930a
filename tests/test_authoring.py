"""`make new` writes a valid article skeleton and never overwrites an article."""

import subprocess
import sys
from pathlib import Path

from thidua.cli import build, new_article

ROOT = Path(__file__).resolve().parent.parent


def test_new_article_skeleton_is_valid(site, capsys):
    code = new_article.main(
        ["--content", str(site.content), "--cluster", "khoi-02", "--title",
         "Khối 02 ký kết giao ước thi đua năm 2024", "--date", "2024-03-25 09:00"]
    )  # fmt: skip
    assert code == 0
    written = site.content / "articles/2024/khoi-02-ky-ket-giao-uoc-thi-dua-nam-2024/index.md"
    text = written.read_text(encoding="utf-8")
    assert "cluster: khoi-02" in text and "year: 2024" in text and "status: draft" in text
    assert build.check(site.settings()).errors == []


def test_new_article_never_overwrites(site, capsys):
    args = ["--content", str(site.content), "--cluster", "cum-1", "--title", "Trùng tên",
            "--date", "2024-01-02 08:00"]  # fmt: skip
    assert new_article.main(args) == 0
    target = site.content / "articles/2024/trung-ten/index.md"
    target.write_text("bài của người khác", encoding="utf-8")
    assert new_article.main(args) == 1
    assert target.read_text(encoding="utf-8") == "bài của người khác"
    assert "already exists" in capsys.readouterr().err


def test_new_article_suggests_the_cluster(site, capsys):
    args = ["--content", str(site.content), "--cluster", "khoi-2", "--title", "X"]
    assert new_article.main(args) == 2
    assert "did you mean 'khoi-02'?" in capsys.readouterr().err
    assert not (site.content / "articles").exists()


def test_make_check_validates_another_content_folder(site):
    site.article("loi", cluster="cum-99")
    result = subprocess.run(
        ["make", "--no-print-directory", "check", f"CONTENT={site.content}",
         f"PYTHON_SYSTEM={sys.executable}"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode != 0
    assert "unknown cluster 'cum-99'" in result.stderr
