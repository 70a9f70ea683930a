"""A rebuild with nothing changed writes nothing; after any change, anywhere a build reads,
the output is byte for byte a cold build's, however few pages the rebuild rendered."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time

import pytest

from thidua.cli import build


def files(output) -> dict[str, bytes | None]:
    """Every file of a site with its bytes (search bundles included: they are reproducible)
    and every folder (None), so that an empty folder left behind shows too."""
    return {str(p.relative_to(output)): p.read_bytes() if p.is_file() else None
            for p in output.rglob("*")}  # fmt: skip


def last_report(output) -> dict:
    return json.loads(output.with_name(f".{output.name}.fingerprint").read_text("utf-8"))["report"]


def cold_build(site, folder) -> dict[str, bytes]:
    """A build with no cache and no earlier output, into a fresh folder."""
    assert not folder.exists() and not build.cache_path(folder).exists()
    build.build(site.settings(), folder)
    built = files(folder)
    shutil.rmtree(folder)
    shutil.rmtree(build.cache_path(folder))
    return built


def test_nothing_changed_means_nothing_written(site):
    site.article("mot", body="Đoạn một.")
    assert site.build() == 0
    page = site.output / "bai-viet/2024/mot/index.html"
    written = page.stat().st_mtime_ns
    assert site.build() == 0
    assert page.stat().st_mtime_ns == written  # not rendered again


def test_every_change_rebuilds_and_equals_a_cold_build(site, tmp_path):
    site.article("mot", body="Đoạn một.")
    assert site.build() == 0
    changes = [
        lambda: site.article("mot", body="Đoạn một, đã sửa."),  # an edited body
        lambda: site.article("hai", title="Bài hai"),  # a new article
        lambda: (site.content / "articles/2024/mot/index.md").unlink(),  # a deleted one
        lambda: site.write("clusters/cum-12.yml", (site.content / "clusters/cum-12.yml")
                           .read_text(encoding="utf-8").replace("Cụm thi đua số 12",
                                                                "Cụm thi đua số 12 mới")),
    ]  # fmt: skip
    for number, change in enumerate(changes):
        change()
        assert site.build() == 0
        assert files(site.output) == cold_build(site, tmp_path / f"cold-{number}"), number


def clusters_file(site) -> str:
    return (site.content / "clusters/cum-12.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_sequence_of_changes_renders_little_and_equals_cold_builds(site, tmp_path, monkeypatch,
                                                                     workers):  # fmt: skip
    """Edits, additions, deletions, registry and template-visible changes, one after the
    other, in one process or two: after each, the site equals a cold build of the content,
    and a body edit renders the article's page and feeds, not the lists showing it."""
    monkeypatch.setenv("THIDUA_WORKERS", workers)
    for n in range(12):
        site.article(f"bai-{n}", title=f"Bài số {n}", date=f"2024-0{1 + n % 9}-1{n % 10} 09:00",
                     cluster="cum-12" if n % 2 else "cum-1", tags=["ký kết", f"chủ đề {n % 3}"],
                     summary=f"Tóm tắt bài {n}.", body=f"Đoạn đầu của bài {n}.")  # fmt: skip
    assert site.build() == 0
    first = last_report(site.output)
    assert first["rendered"] > 20 and first["reused"] == 0

    site.article("bai-3", title="Bài số 3", date="2024-04-13 09:00", cluster="cum-12",
                 tags=["ký kết", "chủ đề 0"], summary="Tóm tắt bài 3.",
                 body="Đoạn đầu của bài 3, đã sửa.")  # fmt: skip
    assert site.build() == 0
    edited = last_report(site.output)
    # The article's page, the site feed and its cluster's feed: lists show no body.
    assert edited["rendered"] == 3, edited
    assert edited["reused"] == first["rendered"] - 3
    assert files(site.output) == cold_build(site, tmp_path / "cold-edit")

    changes = {
        "title": lambda: site.article(
            "bai-5", title="Bài số 5, tên mới", date="2024-06-15 09:00", cluster="cum-12"
        ),
        "added": lambda: site.article("moi", title="Bài mới", date="2024-09-30 10:00"),
        "deleted": lambda: (site.content / "articles/2024/bai-7/index.md").unlink(),
        "registry": lambda: site.write(
            "clusters/cum-12.yml",
            clusters_file(site).replace("Cụm thi đua số 12", "Cụm thi đua số 12 (đổi tên)"),
        ),
        "moved to another cluster": lambda: site.article(
            "bai-2", title="Bài số 2", date="2024-03-12 09:00", cluster="cum-12"
        ),
        "a page": lambda: site.write("pages/gioi-thieu.md", "---\ntitle: Giới thiệu\n---\nA.\n"),
    }
    for name, change in changes.items():
        change()
        assert site.build() == 0, name
        assert files(site.output) == cold_build(site, tmp_path / f"cold-{name}"), name
        report = last_report(site.output)
        assert report["rendered"] < first["rendered"] or name in ("registry", "a page"), name


def test_a_page_whose_file_was_replaced_is_rendered_again(site):
    """The record of a page is trusted only while its file is the one the build wrote."""
    for n in range(3):
        site.article(f"bai-{n}", body=f"Bài {n}.")
    assert site.build() == 0
    page = site.output / "bai-viet/2024/bai-1/index.html"
    original = page.read_bytes()
    page.unlink()
    page.write_bytes(original.replace("Bài 1.".encode(), "Bài X.".encode()))  # same size
    site.article("bai-2", body="Bài 2, sửa.")  # something else changes: not a no-change build
    assert site.build() == 0
    assert page.read_bytes() == original


def test_a_damaged_output_is_rebuilt(site):
    site.article("mot")
    assert site.build() == 0
    home = site.output / "index.html"
    original = home.read_bytes()
    home.unlink()
    assert site.build() == 0
    assert home.read_bytes() == original
    home.write_bytes(original.replace(b"<title>", b"<TITLE>"))  # edited by hand, same size
    assert site.build() == 0
    assert home.read_bytes() == original


def test_an_article_kept_whole_still_meets_a_changed_registry(site, tmp_path):
    """Articles come back from the cache as they were read; what the registry says of them
    is worked out again each build: a cluster removed is reported, restored is published."""
    site.article("mot", cluster="cum-12", body="Đoạn một.")
    site.article("hai", cluster="cum-1", body="Đoạn hai.")
    assert site.build() == 0
    registry = clusters_file(site)
    site.write("clusters/cum-12.yml", registry.replace("slug: cum-12", "slug: cum-13"))
    assert site.build() == 1  # the article names a cluster that no longer exists
    assert (site.output / "bai-viet/2024/mot/index.html").exists()  # the old site stays
    site.write("clusters/cum-12.yml", registry)
    assert site.build() == 0
    assert files(site.output) == cold_build(site, tmp_path / "cold")


def test_the_pages_see_the_registry_its_files_make(site, monkeypatch):
    """Page digests take the registry by the digest of its files (code and settings aside):
    sound only while nothing after the loading changes it. The registry the pages are
    given, in a first build and in one that took it from the cache, is described exactly
    as one freshly loaded from the same files."""
    from thidua.domain.registry import load_registry
    from thidua.incremental import pages
    from thidua.incremental.digest import PageDigests
    from thidua.pelican_plugin.enrich import assign_urls

    given = []
    real_start = pages.RenderPlan.start

    def start(plan, registry, registry_inputs=None):
        given.append((registry, registry_inputs))
        real_start(plan, registry, registry_inputs)

    monkeypatch.setattr(pages.RenderPlan, "start", start)
    site.article("mot", cluster="cum-12", units=["vks-dak-song"], event="ky-ket", body="Một.")
    site.article("hai", cluster="cum-1", body="Hai.")
    assert site.build() == 0
    site.article("hai", cluster="cum-1", body="Hai, đã sửa.")
    assert site.build() == 0

    settings = site.settings()
    fresh, problems = load_registry(settings["PATH"], settings)
    assign_urls(fresh, settings)
    assert not problems
    expected = PageDigests(b"")._registry_digest(fresh)
    assert len(given) == 2
    for registry, inputs in given:
        assert inputs is not None  # the pages were digested by the files' digest
        assert PageDigests(b"")._registry_digest(registry) == expected


def test_a_new_address_reaches_the_pages_that_link_to_it(site, tmp_path):
    """An article given another address (slug) keeps its title and date: its neighbours'
    pages link to it by address, and must be rendered again."""
    for n, day in enumerate(("03", "04", "05")):
        site.article(f"bai-{n}", title=f"Bài số {n}", date=f"2024-05-{day} 09:00",
                     body=f"Đoạn {n}.")  # fmt: skip
    assert site.build() == 0
    site.write(
        "articles/2024/bai-1/index.md",
        "---\ntitle: Bài số 1\ndate: 2024-05-04 09:00\n"
        "cluster: cum-1\nslug: bai-mot\n---\nĐoạn 1.\n",
    )  # the file stays put
    assert site.build() == 0
    neighbour = site.page("bai-viet/2024/bai-0/")
    assert neighbour.select_one("a[href*='/bai-mot/']") is not None
    assert neighbour.select_one("a[href*='/bai-1/']") is None
    assert files(site.output) == cold_build(site, tmp_path / "cold")


FORKING_BUILD = """
import sys
from thidua.cli import build
build.PARALLEL_FROM = 1  # as if the archive were large
real_fork = build.fork
def fork(work):
    print("forked:", work.__name__, file=sys.stderr)
    return real_fork(work)
build.fork = fork
sys.exit(build.main(sys.argv[1:]))
"""


def build_in_a_fresh_process(site) -> str:
    """The build in a process of its own: a fork is only made where no other thread runs
    (the test process may hold other tests' threads). Returns what it printed on stderr."""
    ran = subprocess.run([sys.executable, "-c", FORKING_BUILD, "--content", str(site.content),
                          "--output", str(site.output)], capture_output=True, text=True,
                         check=True)  # fmt: skip
    return ran.stderr


def test_records_made_beside_a_forked_copy_are_a_cold_builds(site, tmp_path):
    """On a large archive the search records (and every article's digest) are made half
    here, half in a forked copy, which sends back kept records by their key only."""
    for n in range(12):  # one edit in twelve: a "mostly unchanged" build
        site.article(f"bai-{n}", title=f"Bài số {n}", date=f"2024-0{1 + n % 9}-1{n % 10} 09:00",
                     summary=f"Tóm tắt bài {n}.", body=f"Đoạn đầu của bài {n}.")  # fmt: skip
    build_in_a_fresh_process(site)
    site.article(
        "bai-3",
        title="Bài số 3",
        date="2024-04-13 09:00",
        summary="Tóm tắt bài 3.",
        body="Đoạn đầu, đã sửa.",
    )  # lists show the summary: only the page changes
    assert "forked: second_half" in build_in_a_fresh_process(site)
    assert last_report(site.output)["rendered"] == 3
    assert files(site.output) == cold_build(site, tmp_path / "cold")


def test_an_edit_that_keeps_size_and_time_is_still_seen(site, tmp_path, monkeypatch):
    """Unchanged content files are known by their status (size, times, inode) instead of
    being read again; an edit that keeps the size and puts the modification time back
    (`touch -d`, a copy tool keeping times) still moves the change time, and is seen."""
    from thidua.cli import fingerprint

    monkeypatch.setattr(fingerprint, "SETTLED_NS", 0)  # trust statuses at once (the test is fast)
    path = site.article("mot", body="Đoạn AAAA.")
    assert site.build() == 0
    assert "AAAA" in site.page("bai-viet/2024/mot/").get_text()
    before = os.stat(path)
    time.sleep(0.05)  # the change time moves on
    path.write_bytes(path.read_bytes().replace(b"AAAA", b"BBBB"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(path).st_size == before.st_size
    assert os.stat(path).st_mtime_ns == before.st_mtime_ns
    assert site.build() == 0
    assert "BBBB" in site.page("bai-viet/2024/mot/").get_text()
    assert files(site.output) == cold_build(site, tmp_path / "cold")


def test_a_file_changed_moments_ago_is_never_trusted_by_its_status(tmp_path):
    from thidua.cli.fingerprint import FileDigests

    path = tmp_path / "a.md"
    path.write_text("x", "utf-8")
    digests = FileDigests(tmp_path / "digests.pickle")
    digests.remember(str(path), os.stat(path), b"d" * 20)  # its change time is now
    digests.save()
    assert FileDigests(tmp_path / "digests.pickle").digest(str(path), os.stat(path)) is None


def test_the_markdown_files_from_the_fingerprint_are_the_ones_a_walk_finds(site):
    """The build takes its list of Markdown files (read ahead) from the fingerprint's
    listing instead of walking the content folder again: the same files."""
    from thidua.cli import fingerprint

    site.article("mot")
    site.article("hai", folder=False)
    site.write("articles/2024/.an/bai.md", "---\ntitle: ẩn\n---\n")
    site.write("articles/2024/.nhap.md", "---\ntitle: nháp ẩn\n---\n")
    site.write("articles/2024/ghi-chu.txt", "không phải bài")
    settings = site.settings()
    listing = fingerprint.ContentListing()
    fingerprint.inputs(settings, "2024-01-01", b"environment", listing)
    walked = build._markdown_files(settings)
    assert sorted(build._markdown_files(settings, listing.files)) == sorted(walked)
    assert len(walked) == 2


def test_make_html_lists_the_content_early_and_builds_what_the_build_command_builds(site, tmp_path):
    """`make html` runs `thidua.cli.html`: the content listed while Pelican is imported,
    then the build. The same site as `thidua.cli.build`'s, and the same fingerprint: a
    second run, by either command, finds nothing to do."""
    site.article("mot", body="Đoạn một.")
    site.article("hai", title="Bài hai", folder=False)
    outputs = {}
    for module in ("thidua.cli.html", "thidua.cli.build"):
        output = tmp_path / module.rsplit(".", 1)[1]
        command = [sys.executable, "-m", module, "--content", str(site.content),
                   "--output", str(output)]  # fmt: skip
        subprocess.run(command, capture_output=True, check=True)
        outputs[module] = files(output)
        other = "thidua.cli.build" if module == "thidua.cli.html" else "thidua.cli.html"
        again = subprocess.run([sys.executable, "-m", other, *command[3:]],
                               capture_output=True, text=True, check=True)  # fmt: skip
        assert "Không có gì thay đổi" in again.stdout, again.stdout
    assert outputs["thidua.cli.html"] == outputs["thidua.cli.build"]
    assert any(name.startswith("bai-viet/2024/mot") for name in outputs["thidua.cli.html"])


def test_articles_of_the_same_date_are_listed_alike_by_every_process(site, tmp_path):
    """Pelican reads a generator's files in the order of a set, which follows the hash seed
    of the process: six articles of the same minute came out in another order on the
    home, cluster, year and tag pages from one build to the next. Every build, in any
    process, now gives the same bytes."""
    for n in range(6):
        site.article(f"cung-gio-{n}", title=f"Bài cùng giờ {n}", date="2024-03-05 09:00",
                     tags=["ký kết"], body=f"Đoạn {n}.")  # fmt: skip
    built = []
    for seed in ("1", "2", "3", "4"):
        output = tmp_path / f"out-{seed}"
        command = [sys.executable, "-m", "thidua.cli.build", "--content", str(site.content),
                   "--output", str(output)]  # fmt: skip
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run(command, env=env, capture_output=True, check=True)
        built.append(files(output))
    assert all(site_files == built[0] for site_files in built[1:])
    home = (tmp_path / "out-1" / "index.html").read_text(encoding="utf-8")
    positions = [home.index(f"Bài cùng giờ {n}") for n in range(6)]
    assert positions == sorted(positions)  # in path order: cung-gio-0 first
