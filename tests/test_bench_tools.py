"""The benchmarks' helpers change exactly what they claim (tools/dev/bench_*.py).

No timing here: a tiny corpus, one edit, one addition, compared file by file.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import sys
import time
from pathlib import Path

import pytest

import pelicanconf
from thidua.cli import build

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / "tools" / "dev"
if str(TOOLS) not in sys.path:
    sys.path.insert(0, str(TOOLS))  # the tools import each other as scripts do
bench = importlib.import_module("bench_pelican")
bench_serve = importlib.import_module("bench_serve")

SIZE = 12


def snapshot(content: Path) -> dict[str, bytes]:
    return {p.relative_to(content).as_posix(): p.read_bytes()
            for p in content.rglob("*") if p.is_file()}  # fmt: skip


@pytest.fixture
def content(tmp_path):
    return bench.make_corpus(tmp_path, SIZE)


def test_corpus_is_deterministic_and_where_the_helpers_say(content, tmp_path):
    again = bench.make_corpus(tmp_path / "again", SIZE)
    assert snapshot(content) == snapshot(again)
    articles = sorted(content.glob("articles/*/*/index.md"))
    assert len(articles) == SIZE
    assert articles == sorted(bench.article_path(content, n) for n in range(SIZE))


def test_article_url_is_the_projects(content):
    for n in range(SIZE):
        year = bench.YEARS[n % len(bench.YEARS)]
        url = pelicanconf.ARTICLE_URL.format(date=dt.datetime(year, 1, 1), slug=f"bai-{n}")
        assert bench.article_url(n) == "/" + url


@pytest.mark.parametrize("marker", ["chỉnh-sửa-0", "x", "dauhieu0a1b2c3d4"])
def test_edit_changes_words_in_the_middle_of_one_body_only(content, marker):
    before = snapshot(content)
    path = bench.edit_article(content, 5, marker)
    after = snapshot(content)
    name = path.relative_to(content).as_posix()
    assert path == bench.article_path(content, 5)
    assert [n for n in before if before[n] != after[n]] == [name]
    assert before.keys() == after.keys()

    old_header, old_body = before[name].decode().split("\n\n", 1)
    new_header, new_body = after[name].decode().split("\n\n", 1)
    assert new_header == old_header
    old, new = old_body.split("\n\n"), new_body.split("\n\n")
    changed = [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
    assert changed == [len(old) // 2]
    a, b = old[changed[0]].split(" "), new[changed[0]].split(" ")
    at = len(a) // 2
    assert b[:at] == a[:at]
    assert b[at] == marker
    assert b[-(len(a) - at - bench.EDIT_WORDS) :] == a[at + bench.EDIT_WORDS :]
    assert len(b) in (len(a) - bench.EDIT_WORDS + 1, len(a) - bench.EDIT_WORDS + 2)
    assert marker in after[name].decode()
    assert len(after[name]) != len(before[name])  # a (time, size) cache sees it too


def test_each_pair_edits_a_different_article():
    targets = [bench.edit_target(1000, pair) for pair in range(10)]
    assert len(set(targets)) == len(targets)
    assert all(0 <= t < 1000 for t in targets)


def test_addition_writes_one_new_article_and_touches_nothing_else(content):
    before = snapshot(content)
    path = bench.add_article(content, SIZE)
    after = snapshot(content)
    name = path.relative_to(content).as_posix()
    assert after.keys() - before.keys() == {name}
    assert all(after[n] == before[n] for n in before)
    assert path.parent.name == f"bai-{SIZE}"
    assert not any(n.startswith(f"articles/{path.parent.parent.name}/bai-{SIZE}/") for n in before)
    assert after[name].decode().startswith("Title: ")
    with pytest.raises(FileExistsError):
        bench.add_article(content, SIZE)


def test_edited_and_added_articles_are_valid_for_the_project(content):
    bench.edit_article(content, 3, "chỉnh-sửa-1")
    bench.add_article(content, SIZE)
    settings = build.load_settings(ROOT / "pelicanconf.py", content)
    errors, warnings = build.validate(settings)
    assert errors == []
    assert warnings == []


def test_pelican_defaults_only_drop_the_pagination_settings():
    plain = bench.PLAIN_SETTINGS.splitlines()
    defaults = bench.DEFAULTS_SETTINGS.splitlines()
    assert not any("PAGINATION" in line for line in defaults)
    assert any(line.startswith("DEFAULT_PAGINATION") for line in plain)
    assert any(line.startswith("PAGINATION_PATTERNS") for line in plain)
    assert [line for line in plain if line in defaults] == defaults


def test_differing_counts_changed_missing_and_pagefind_files_apart(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for site in (a, b):
        (site / "pagefind").mkdir(parents=True)
        (site / "same.html").write_text("x")
        (site / "pagefind" / "entry.json").write_text("{}")
    (a / "changed.html").write_text("1")
    (b / "changed.html").write_text("2")
    (a / "only-a.html").write_text("a")
    (b / "pagefind" / "chunk-b.pf").write_text("b")
    outside, search, compared = bench.differing(a, b)
    assert outside == ["changed.html", "only-a.html"]
    assert search == ["pagefind/chunk-b.pf"]
    assert compared == 5


def test_serve_bench_reads_what_serve_prints():
    source = (ROOT / "thidua" / "cli" / "serve.py").read_text(encoding="utf-8")
    assert bench_serve.STARTED in source
    assert bench_serve.FINISHED.search("Đã dựng /tmp/x/output/ trong 2.4 s.").group(1) == "2.4"
    assert "Đã dựng {output}/ trong {" in source


@pytest.mark.skipif(not Path("/proc/stat").exists(), reason="Linux /proc/stat")
def test_machine_times_count_the_cpu_a_run_spends():
    before = bench.machine_times()
    spin_until = time.process_time() + 0.3
    while time.process_time() < spin_until:  # 0.3 s of this process's CPU
        pass
    after = bench.machine_times()
    assert set(after) == {"busy", "iowait", "steal"}
    # The machine's busy time includes this process's (others can only add to it);
    # ticks are 1/100 s, so allow one tick of rounding.
    assert after["busy"] - before["busy"] >= 0.3 - 0.02
    assert all(after[name] >= before[name] for name in after)


def test_settle_writes_back_and_waits_for_the_disks_at_most_as_long_as_asked(tmp_path):
    found = bench.disk_activity()
    assert found and all(len(done) == 2 and in_flight >= 0 for done, in_flight in found)
    (tmp_path / "written").write_bytes(os.urandom(1 << 20))  # something to write back
    waited = bench.settle(most=20)
    assert 0 <= waited < 21
    started = time.monotonic()
    assert bench.settle(most=0) < 1  # no wait: only the sync
    assert time.monotonic() - started < 5
