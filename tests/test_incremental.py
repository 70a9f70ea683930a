"""A rebuild with nothing changed writes nothing; any change, anywhere a build reads,
gives a full build whose output is byte for byte a cold build's."""

from __future__ import annotations

import shutil

from thidua.cli import build


def files(output) -> dict[str, bytes]:
    # Pagefind names its chunks differently on every run of the same input.
    return {
        str(p.relative_to(output)): p.read_bytes()
        for p in output.rglob("*")
        if p.is_file() and p.relative_to(output).parts[0] != "pagefind"
    }


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
        cold = tmp_path / f"cold-{number}"
        build.build(site.settings(), cold)
        assert files(site.output) == files(cold), number
        shutil.rmtree(cold)


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
