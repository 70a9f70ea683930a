"""Content written by someone else: every form the README allows builds.

Authors quote numbers or not, write one unit without a list, leave optional
fields out, capitalise the kind, or use Pelican's native header.
"""

import pytest

from conftest import Site, link_to, text_of


@pytest.fixture
def bare_site(tmp_path) -> Site:
    return Site(tmp_path)


def test_loose_but_valid_forms_build(bare_site):
    site = bare_site
    site.write_registry(
        clusters={
            "so-3": {
                # No slug (derived from name + agency), unquoted number, capitalised kind,
                # no province, no description, no deputy, no motto.
                "name": "Cụm thi đua số 3",
                "kind": "Cụm",
                "number": 3,
                "agency": "UBND huyện Đắk Mil",
                "terms": [{"year": "2023", "members": ["vks-dak-song", "vks-tuy-duc"],
                           "head": "vks-dak-song"}],
            },
            "khoi": {"slug": "khoi-x", "name": "Khối thi đua số II", "kind": "khoi",
                     "number": "II",
                     "terms": [{"year": 2023, "members": ["bg-phong-1"], "head": "bg-phong-1"}]},
        },
        units=[
            {"slug": "vks-dak-song", "name": "VKSND huyện Đắk Song"},  # no short_name
            {"slug": "vks-tuy-duc", "name": "VKSND huyện Tuy Đức", "short_name": "Tuy Đức"},
            {"slug": "bg-phong-1", "name": "Phòng 1"},
        ],
    )  # fmt: skip
    cluster = "cum-thi-dua-so-3-ubnd-huyen-dak-mil"
    site.write(
        "articles/2023/mot.md",
        f"---\ntitle: Ngày là đối tượng YAML\ndate: 2023-03-02\ncluster: {cluster}\n"
        "units: vks-tuy-duc\ntags: giao ước thi đua\nyear: '2023'\n---\nNội dung.\n",
    )
    site.write(
        "articles/2023/hai.md",
        "Title: Đầu bài kiểu Pelican\nDate: 2023-04-05 10:30\nCluster: khoi-x\n"
        "Event: so-ket\n\nNội dung.\n",
    )
    site.article("ba", title="Không có sự kiện, tác giả, tóm tắt", cluster=cluster,
                 date="2023-05-06")  # fmt: skip
    assert site.check() == 0
    assert site.build() == 0

    page = site.page(f"cum-thi-dua/{cluster}/")
    assert "Cụm thi đua số 3" in text_of(page.h1)
    assert "Cụm trưởng" in text_of(page.main)
    article = site.page("bai-viet/2023/ngay-la-doi-tuong-yaml/")
    assert "Thứ năm, 02/03/2023" in text_of(article.main)
    assert link_to(article.main, "don-vi/vks-tuy-duc/")
    assert not link_to(article.main, "don-vi/vks-dak-song/")  # only the unit named
    block = site.page("cum-thi-dua/khoi-x/")
    assert "Khối" in text_of(block.main) and "Đầu bài kiểu Pelican" in text_of(block.main)
    assert (site.output / "luu-tru/2023/index.html").exists()


def test_an_empty_site_builds(site):
    assert site.build() == 0
    assert "Chưa có bài viết nào" in text_of(site.page("").main)
