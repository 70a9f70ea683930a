"""`make import SRC=folder`: a whole archive at once, never silently wrong.

The pages under tests/sites/legacy/kho/ were written for these tests from the
facts in the project's domain notes: same-number clusters of other agencies and
provinces, copies without a title or a date, a caption right after the title,
document references with dates, "Name- Unit" bylines, duplicates. The registry
(tests/sites/legacy/registry.yml) is written into each test's temp content folder.
"""

from __future__ import annotations

import csv
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from PIL import Image

from thidua.cli import build, import_legacy
from thidua.domain import frontmatter

ROOT = Path(__file__).resolve().parent.parent
LEGACY = Path(__file__).resolve().parent / "sites" / "legacy"
KHO = LEGACY / "kho"
EXISTING_TITLE = "Cụm thi đua số 2 VKSND tỉnh Đắk Nông ký kết giao ước thi đua năm 2024"

# What becomes of each page on the first run, without answers.
FIRST_RUN = {
    "chu-thich-ngay-cuoi.txt": "imported",
    "chu-thich-sau-tieu-de.txt": "imported",
    "cum-01-hdtdkt.txt": "imported",
    "dak-mil-giao-luu.html": "imported",
    "dau-phan-cach.txt": "imported",
    "hai-cum-so-1.txt": "needs-answer",  # two clusters no. 1 in Đắk Nông, nothing tells them apart
    "hue-khoi-2.txt": "needs-answer",  # Huế's Khối 2 is not Bắc Giang's Khối 02
    "khong-ngay-chi-thi.txt": "needs-answer",  # only a directive's and a plan's dates
    "khong-tieu-de.txt": "needs-answer",  # no title line
    "lang-chanh-cum-03.txt": "needs-answer",  # a district cluster no. 03 the registry lacks
    "ngay-trong-cau.txt": "imported",
    "sao-chep-dau-phan-cach.txt": "duplicate",  # a text copy of dau-phan-cach.txt
    "thanh-tra-tay-nguyen.html": "needs-answer",  # Thanh tra Chính phủ's Cụm III
    "tong-ket-hai-nam.txt": "needs-answer",  # two years in the title
    "trang-menu.html": "refused",  # a menu, no article
    "trung-bai-co-san.html": "duplicate",  # already on the site
    "truoc-so-dang-ky.txt": "imported",  # 2019: before the registry's first year
}

# Every field of every page imported: right, or left out (None) and asked for.
IMPORTED = {
    "chu-thich-ngay-cuoi.txt": {
        "title": "Cụm thi đua số 1 VKSND tỉnh Đắk Nông ký kết giao ước thi đua năm 2023",
        "date": "2023-03-06",  # the date line under the byline, not the event's 03/3
        "cluster": "cum-1-vks-dak-nong", "year": 2023, "event": "ky-ket",
        "author": "Phạm Thị Lan", "author_unit": "VKSND huyện Tuy Đức",
    },
    "chu-thich-sau-tieu-de.txt": {
        "title": "Cụm thi đua số 2 VKSND tỉnh Đắk Nông sơ kết công tác thi đua 6 tháng đầu "
        "năm 2024",
        "date": "2024-07-10", "cluster": "cum-2-vks-dak-nong", "year": 2024, "event": "so-ket",
        "author": "Hoàng Văn Nam", "author_unit": "VKSND huyện Cư Jút",
    },
    "cum-01-hdtdkt.txt": {
        "title": "Cụm thi đua số 01 thuộc Hội đồng Thi đua – Khen thưởng tỉnh Đắk Nông ký kết "
        "giao ước thi đua năm 2024",
        "date": "2024-03-08 15:00", "cluster": "cum-1-hdtdkt-dak-nong", "year": 2024,
        "event": "ky-ket", "author": None, "author_unit": "Phòng Thi đua – Khen thưởng, Sở Nội vụ",
    },
    "dak-mil-giao-luu.html": {
        "title": "Cụm thi đua số III huyện Đắk Mil giao lưu thể thao năm 2024",
        "date": "2024-07-13 10:05", "cluster": "cum-iii-dak-mil", "year": 2024,
        "event": "giao-luu", "author": "Đình Toàn", "author_unit": "Đài TT-TH",
    },
    "dau-phan-cach.txt": {
        "title": "Khối thi đua số 02 VKSND tỉnh Bắc Giang sơ kết thi đua 6 tháng đầu năm 2024",
        "date": "2024-07-10", "cluster": "khoi-02-vks-bac-giang", "year": 2024,
        "event": "so-ket", "author": "Vũ Thị Hoa", "author_unit": "Phòng 3, VKSND tỉnh Bắc Giang",
    },
    "ngay-trong-cau.txt": {
        "title": "Khối thi đua số 02 VKSND tỉnh Bắc Giang triển khai công tác thi đua năm 2024",
        "date": "2024-03-12",  # the event's day, not the decision's 08/3/2024
        "cluster": "khoi-02-vks-bac-giang", "year": 2024, "event": "trien-khai",
        "author": None, "author_unit": "Văn phòng VKSND tỉnh Bắc Giang",
    },
    "truoc-so-dang-ky.txt": {
        "title": "Cụm thi đua số 1 VKSND tỉnh Đắk Nông ký kết giao ước thi đua năm 2019",
        "date": "2019-03-01", "cluster": "cum-1-vks-dak-nong", "year": 2019, "event": "ky-ket",
        "author": "Trần Văn Khoa", "author_unit": "VKSND huyện Đắk R'Lấp",
    },
}  # fmt: skip


@pytest.fixture
def archive(site, tmp_path):
    """The test registry, one published article, and a copy of the archive with its images."""
    data = yaml.safe_load((LEGACY / "registry.yml").read_text(encoding="utf-8"))
    for old in (site.content / "clusters").glob("*.yml"):
        old.unlink()
    clusters = {slug: dict(values, slug=slug) for slug, values in data["clusters"].items()}
    site.write_registry(clusters, data["units"])
    site.article(
        "cum-2-ky-ket-2024", title=EXISTING_TITLE, date="2024-02-27 08:30",
        cluster="cum-2-vks-dak-nong", event="ky-ket",
    )  # fmt: skip
    folder = tmp_path / "kho"
    shutil.copytree(KHO, folder)
    images = folder / "dak-mil-giao-luu_files"
    images.mkdir()
    Image.new("RGB", (320, 240), "orange").save(images / "bong-chuyen.jpg", "JPEG")
    return site, folder


def run_src(site, folder: Path, *extra: str) -> int:
    return import_legacy.main(["--src", str(folder), "--content", str(site.content), *extra])


def review(site) -> Path:
    return site.root / "import-review"


def statuses(site) -> dict[str, str]:
    with (review(site) / "import-report.csv").open(encoding="utf-8") as handle:
        return {row["trang"]: row["ket_qua"] for row in csv.DictReader(handle)}


def articles_by_page(site) -> dict[str, tuple[Path, dict, str]]:
    """Every imported article by the page it came from (its '# nguồn:' line)."""
    found = {}
    for path in sorted((site.content / "articles").rglob("index.md")):
        text = path.read_text(encoding="utf-8")
        source = [line for line in text.splitlines() if line.startswith("# nguồn: ")]
        if source:
            page = source[0].removeprefix("# nguồn: ").split(" · ")[0]
            header = frontmatter.parse(text)
            assert header.error is None, header.error
            found[page] = (path, header.values, text)
    return found


def snapshot(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "output" not in p.relative_to(root).parts
    }


def test_every_page_ends_in_its_state(archive, capsys):
    site, folder = archive
    assert run_src(site, folder) == 1  # some pages need answers
    assert statuses(site) == FIRST_RUN
    out = capsys.readouterr().out
    assert "17 trang: cần trả lời 7, từ chối 1, đã nhập 7, trùng bài đã có 2" in out
    assert sorted(articles_by_page(site)) == sorted(IMPORTED)


@pytest.mark.parametrize("page", sorted(IMPORTED))
def test_every_field_is_right_or_left_out(archive, page):
    site, folder = archive
    run_src(site, folder)
    path, meta, text = articles_by_page(site)[page]
    expected = IMPORTED[page]
    for key, value in expected.items():
        assert meta.get(key) == value or str(meta.get(key)) == str(value), (key, meta.get(key))
    assert meta["status"] == "draft"
    assert "units" not in meta  # never a partial list of participants
    assert path.parent.parent.name == expected["date"][:4]
    body = text.split("\n---\n", 1)[1]
    for debris in ("leftcenterrightdel", "Ngày đăng", "Lượt xem", "Chia sẻ", "Tin khác"):
        assert debris not in body
    assert not any(line.strip() in ("|", "-", "*") for line in body.splitlines())


def test_a_separator_line_is_neither_summary_nor_text(archive):
    site, folder = archive
    run_src(site, folder)
    _path, meta, text = articles_by_page(site)["dau-phan-cach.txt"]
    assert meta["summary"].startswith("Sáng ngày 09/7/2024, Khối thi đua số 02")
    assert text.split("\n---\n", 1)[1].startswith("Sáng ngày 09/7/2024")


def test_a_caption_after_the_title_stays_a_caption(archive):
    site, folder = archive
    run_src(site, folder)
    _path, _meta, text = articles_by_page(site)["chu-thich-sau-tieu-de.txt"]
    assert "#     caption: Toàn cảnh Hội nghị" in text
    assert "Toàn cảnh" not in text.split("\n---\n", 1)[1]
    _path, _meta, text = articles_by_page(site)["chu-thich-ngay-cuoi.txt"]
    assert "caption: Đồng chí Phạm Quang Huy, Viện trưởng VKSND huyện Tuy Đức" in text


def test_questions_name_the_field_the_candidates_and_the_evidence(archive):
    site, folder = archive
    run_src(site, folder)
    report = (review(site) / "import-report.md").read_text(encoding="utf-8")
    section = report.split("### hue-khoi-2.txt")[1].split("###")[0]
    assert "**cluster**" in section
    assert "ứng viên: khoi-02-vks-bac-giang" in section and "ủng hộ: không có" in section
    assert "“tỉnh Thừa Thiên Huế” không phải nơi của cụm này" in section
    section = report.split("### lang-chanh-cum-03.txt")[1].split("###")[0]
    assert "ứng viên: cum-3-vks-thanh-hoa" in section and "ứng viên: cum-iii-dak-mil" in section
    assert "“huyện Lang Chánh” không phải nơi của cụm này" in section
    section = report.split("### thanh-tra-tay-nguyen.html")[1].split("###")[0]
    assert "Thanh tra Chính phủ” ở tiêu đề là cơ quan khác" in section
    section = report.split("### hai-cum-so-1.txt")[1].split("###")[0]
    assert "nhiều cụm/khối cùng khớp" in section
    assert "cum-1-hdtdkt-dak-nong" in section and "cum-1-vks-dak-nong" in section
    section = report.split("### khong-ngay-chi-thi.txt")[1].split("###")[0]
    assert "**date**" in section and "Chỉ thị số … ngày …" in section
    assert "**title**" in report.split("### khong-tieu-de.txt")[1].split("###")[0]
    assert "**year**" in report.split("### tong-ket-hai-nam.txt")[1].split("###")[0]
    # Nothing was dated from a document it cites.
    assert not (site.content / "articles" / "2016").exists()
    template = yaml.safe_load((review(site) / "answers-template.yml").read_text("utf-8"))
    assert template["khong-tieu-de.txt"] == {"title": None}
    assert template["tong-ket-hai-nam.txt"] == {"year": None}


def test_answers_then_a_rerun_imports_the_rest_and_changes_nothing_else(archive, capsys):
    site, folder = archive
    run_src(site, folder)
    answers = site.root / "tra-loi.yml"
    answers.write_text(
        "khong-ngay-chi-thi.txt: {date: '20/11/2023 08:00'}\n"
        "khong-tieu-de.txt:\n"
        "  title: Khối thi đua số 02 VKSND tỉnh Bắc Giang tổng kết công tác thi đua năm 2024\n"
        "hai-cum-so-1.txt: {cluster: cum-1-vks-dak-nong}\n"
        "tong-ket-hai-nam.txt: {year: 2023, event: tong-ket}\n"
        "lang-chanh-cum-03.txt: {skip: true}\n",
        encoding="utf-8",
    )
    before = {p: v[2] for p, v in articles_by_page(site).items()}
    capsys.readouterr()
    assert run_src(site, folder, "--answers", str(answers)) == 1  # Huế, Thanh tra still open
    found = statuses(site)
    for page in ("khong-ngay-chi-thi.txt", "khong-tieu-de.txt", "hai-cum-so-1.txt",
                 "tong-ket-hai-nam.txt"):  # fmt: skip
        assert found[page] == "imported", page
    for page in IMPORTED:
        assert found[page] == "already-imported", page
    assert found["lang-chanh-cum-03.txt"] == "refused"
    assert found["hue-khoi-2.txt"] == found["thanh-tra-tay-nguyen.html"] == "needs-answer"
    articles = articles_by_page(site)
    for page, text in before.items():
        assert articles[page][2] == text  # untouched
    _path, meta, text = articles["khong-ngay-chi-thi.txt"]
    assert (str(meta["date"]), meta["cluster"], meta["year"]) == (
        "2023-11-20 08:00", "cum-1-vks-dak-nong", 2023,
    )  # fmt: skip
    assert "date: 2023-11-20 08:00\n" in text  # given: nothing to check
    _path, meta, _text = articles["tong-ket-hai-nam.txt"]
    assert (meta["year"], meta["event"], meta["cluster"]) == (
        2023,
        "tong-ket",
        "cum-2-vks-dak-nong",
    )
    _path, meta, _text = articles["khong-tieu-de.txt"]
    assert (meta["cluster"], meta["event"], meta["year"]) == (
        "khoi-02-vks-bac-giang",
        "tong-ket",
        2024,
    )
    assert "đã nhập lần trước" in capsys.readouterr().out
    # Once more with the same answers: no article changes (the report now says "đã nhập
    # lần trước" for the four); and once more again: not one file changes, report included.
    content = snapshot(site.content)
    assert run_src(site, folder, "--answers", str(answers)) == 1
    assert snapshot(site.content) == content
    state = snapshot(site.root)
    assert run_src(site, folder, "--answers", str(answers)) == 1
    assert snapshot(site.root) == state


def test_a_rerun_without_answers_writes_nothing_new(archive):
    site, folder = archive
    run_src(site, folder)
    content = snapshot(site.content)
    run_src(site, folder)
    assert snapshot(site.content) == content
    assert {p for p, s in statuses(site).items() if s == "already-imported"} == set(IMPORTED)
    everything = snapshot(site.root)
    run_src(site, folder)
    assert snapshot(site.root) == everything


def test_drafts_only_warn_and_the_site_still_builds(archive):
    """The 2019 draft has no registry term: a warning, left out of the build, never a stop."""
    site, folder = archive
    run_src(site, folder)
    report = build.check(site.settings())
    assert report.errors == []
    [draft_2019] = [p for p, v in articles_by_page(site).items() if v[1]["year"] == 2019]
    path = articles_by_page(site)[draft_2019][0]
    mine = [w for w in report.warnings if w.file.endswith(str(path.relative_to(site.root)))]
    assert mine and all("2019" in w.message for w in mine)
    # No "did you mean" that would move a 2019 report to another emulation year.
    assert not any(w.suggestion and w.field == "year" for w in mine)
    assert site.build() == 0
    assert (site.output / "bai-viet" / "2024" / "cum-2-ky-ket-2024" / "index.html").is_file()
    built = "\n".join(site.listing())
    assert path.parent.name not in built


def test_a_new_term_is_proposed_for_review_and_taken_up(archive):
    site, folder = archive
    run_src(site, folder)
    proposal = review(site) / "registry-proposals" / "cum-1-vks-dak-nong-nam-2019.yml"
    text = proposal.read_text(encoding="utf-8")
    assert text.startswith("# ĐỀ XUẤT bổ sung sổ đăng ký — CHƯA áp dụng")
    [term] = yaml.safe_load(text)
    assert term == {
        "year": 2019,
        "members": ["vks-gia-nghia", "vks-tuy-duc", "vks-dak-rlap", "vks-dak-song"],
        "head": "vks-dak-rlap",
        "deputy": "vks-tuy-duc",
        "motto": "Đoàn kết, kỷ cương, trách nhiệm, hiệu quả",
        "decision": "Quyết định số 05/QĐ-VKS ngày 07/01/2019",
    }
    registry_file = site.content / "clusters" / "cum-1-vks-dak-nong.yml"
    assert "2019" not in registry_file.read_text(encoding="utf-8")  # never applied silently
    # The archivist checks it and copies it in: the draft's warning goes, the proposal too.
    cluster = yaml.safe_load(registry_file.read_text(encoding="utf-8"))
    cluster["terms"].append(term)
    registry_file.write_text(yaml.safe_dump(cluster, allow_unicode=True), encoding="utf-8")
    path = articles_by_page(site)["truoc-so-dang-ky.txt"][0]
    relative = str(path.relative_to(site.root))
    assert not [p for p in build.check(site.settings()).problems if p.file == relative]
    run_src(site, folder)
    assert "cum-1-vks-dak-nong-nam-2019" not in (review(site) / "import-report.md").read_text(
        encoding="utf-8"
    )


def test_a_new_cluster_is_proposed_and_once_added_the_page_imports(archive):
    site, folder = archive
    run_src(site, folder)
    proposal = review(site) / "registry-proposals" / "cum-moi-khoi-2-vksnd-tinh-thua-thien-hue.yml"
    text = proposal.read_text(encoding="utf-8")
    cluster = yaml.safe_load(text)
    assert (cluster["kind"], cluster["number"], cluster["agency"], cluster["province"]) == (
        "khối", "2", "VKSND tỉnh Thừa Thiên Huế", "Thừa Thiên Huế",
    )  # fmt: skip
    [term] = cluster["terms"]
    assert term["year"] == 2024 and term["head"] == "van-phong-tong-hop"
    assert term["deputy"] == "phong-to-chuc-can-bo"
    assert term["members"] == [
        "van-phong-tong-hop", "phong-to-chuc-can-bo", "phong-8", "thanh-tra-khieu-to",
    ]  # fmt: skip
    assert "bg-phong-8" not in text  # Huế's Phòng 8 is not Bắc Giang's
    # The archivist adds the proposed units and the cluster file, and runs the import again.
    block = [line[2:] for line in text.splitlines() if line.startswith(("#   - ", "#     "))]
    units = yaml.safe_load((site.content / "units.yml").read_text(encoding="utf-8"))
    units += yaml.safe_load("\n".join(block))
    (site.content / "units.yml").write_text(yaml.safe_dump(units, allow_unicode=True), "utf-8")
    shutil.copy(proposal, site.content / "clusters" / "khoi-2-hue.yml")
    assert build.check(site.settings()).errors == []
    run_src(site, folder)
    assert statuses(site)["hue-khoi-2.txt"] == "imported"
    _path, meta, _text = articles_by_page(site)["hue-khoi-2.txt"]
    assert (meta["cluster"], meta["year"], meta["event"], str(meta["date"])) == (
        "khoi-2-vksnd-tinh-thua-thien-hue", 2024, "ky-ket", "2024-03-04",
    )  # fmt: skip
    assert (meta["author"], meta["author_unit"]) == ("Lê Thị Thu Hà", "Văn phòng tổng hợp")


def test_photos_saved_with_the_page_are_copied(archive):
    site, folder = archive
    run_src(site, folder)
    path, meta, _text = articles_by_page(site)["dak-mil-giao-luu.html"]
    assert meta["photos"] == [
        {
            "file": "bong-chuyen.jpg",
            "caption": "Trận chung kết bóng chuyền hơi nam giữa hai đội",
            "alt": "Trận chung kết bóng chuyền hơi nam giữa hai đội",
        }
    ]
    assert (path.parent / "bong-chuyen.jpg").is_file()


def test_a_page_saved_twice_is_recognised_by_its_address(archive, tmp_path):
    site, folder = archive
    run_src(site, folder)
    again = tmp_path / "lan-hai"
    again.mkdir()
    page = (folder / "dak-mil-giao-luu.html").read_text(encoding="utf-8")
    (again / "luu-lai.html").write_text(page.replace("54.210", "54.977"), encoding="utf-8")
    assert run_src(site, again) == 0
    assert statuses(site) == {"luu-lai.html": "already-imported"}


# -- One page, with options -----------------------------------------------------------------


def run_file(site, page: Path, *extra: str) -> int:
    return import_legacy.main([str(page), "--content", str(site.content), *extra])


def test_one_page_asks_with_its_option_and_takes_the_answer(archive, capsys):
    site, folder = archive
    page = folder / "khong-tieu-de.txt"
    assert run_file(site, page) == 2
    err = capsys.readouterr().err
    assert "title: không thấy dòng tiêu đề" in err and "TITLE=" in err
    assert not (site.content / "articles" / "2024").joinpath("khoi").exists()
    title = "Khối thi đua số 02 VKSND tỉnh Bắc Giang tổng kết công tác thi đua năm 2024"
    assert run_file(site, page, "--title", title) == 0
    _path, meta, text = articles_by_page(site)[str(page)]
    assert meta["title"] == title and f"title: {title}\n" in text
    # The same page again: nothing written, and it says why.
    assert run_file(site, page, "--title", title) == 0
    assert "đã được nhập" in capsys.readouterr().out


def test_a_date_far_from_the_emulation_year_is_questioned(archive, tmp_path, capsys):
    site, _folder = archive
    page = tmp_path / "lech-nam.txt"
    page.write_text(
        "Cụm thi đua số 1 VKSND tỉnh Đắk Nông ký kết giao ước thi đua năm 2021\n"
        "Ngày đăng: 15/03/2024\n"
        "Sáng ngày 12/3/2021, Cụm thi đua số 1 thuộc VKSND tỉnh Đắk Nông tổ chức ký kết giao ước "
        "thi đua năm 2021 giữa các đơn vị trong cụm.\n",
        encoding="utf-8",
    )
    assert run_file(site, page) == 2
    err = capsys.readouterr().err
    assert "ngày 15/03/2024" in err and "năm thi đua 2021" in err and "hơn một năm" in err
    assert not (site.content / "articles" / "2024" / "cum-thi-dua-so-1").exists()
    assert len(articles_by_page(site)) == 0


def test_mistakes_in_the_answers_file_are_named(archive, capsys):
    site, folder = archive
    answers = site.root / "tra-loi.yml"
    answers.write_text(
        "khong-tieu-de.txt: {tittle: Tiêu đề}\nkhong-ngay-chi-thi.txt: {date: 31/02/2023}\n",
        encoding="utf-8",
    )
    assert run_src(site, folder, "--answers", str(answers)) == 2
    err = capsys.readouterr().err
    assert "trường “tittle” không có — có phải 'title'?" in err
    assert "khong-ngay-chi-thi.txt" in err and "31/02/2023" in err
    assert not (site.content / "articles" / "2023").exists()


def test_a_dry_run_writes_nothing(archive, capsys):
    site, folder = archive
    before = snapshot(site.root)
    assert run_src(site, folder, "--dry-run") == 1
    assert snapshot(site.root) == before
    assert "Chạy thử: không ghi gì." in capsys.readouterr().out


def test_make_import_src_and_answers(archive):
    site, folder = archive
    answers = site.root / "tra-loi.yml"
    skip = ("hai-cum-so-1.txt", "hue-khoi-2.txt", "khong-ngay-chi-thi.txt", "khong-tieu-de.txt",
            "lang-chanh-cum-03.txt", "thanh-tra-tay-nguyen.html", "tong-ket-hai-nam.txt",
            "trang-menu.html")  # fmt: skip
    answers.write_text("".join(f"{page}: {{skip: true}}\n" for page in skip), encoding="utf-8")
    result = subprocess.run(
        ["make", "--no-print-directory", "import", f"SRC={folder}", f"ANSWERS={answers}",
         f"CONTENT={site.content}", f"PYTHON_SYSTEM={sys.executable}"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    # Skipped pages count as refused: the import exits 1, which make reports as its own 2.
    assert result.returncode == 2 and "Error 1" in result.stderr, result.stderr
    assert "17 trang:" in result.stdout and "đã nhập 7" in result.stdout
    assert (review(site) / "import-report.md").is_file()
    result = subprocess.run(
        ["make", "--no-print-directory", "import", f"FILE={folder / 'khong-tieu-de.txt'}",
         "TITLE=Khối thi đua số 02 VKSND tỉnh Bắc Giang tổng kết thi đua năm 2024",
         f"CONTENT={site.content}", f"PYTHON_SYSTEM={sys.executable}"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Đã ghi" in result.stdout


def test_the_same_report_posted_days_after_the_event_is_a_duplicate(archive, tmp_path, capsys):
    """The site's article carries the event's date, the portal its posting date days later."""
    site, _folder = archive
    site.article(
        "cum-iii-ky-ket-2023", title="Cụm thi đua số III huyện Đắk Mil ký kết giao ước thi đua "
        "năm 2023", date="2023-03-10 08:00", cluster="cum-iii-dak-mil", event="ky-ket",
    )  # fmt: skip
    page = tmp_path / "cum-iii.txt"
    page.write_text(
        "Cụm thi đua số III huyện Đắk Mil ký kết giao ước thi đua năm 2023\n"
        "Ngày đăng: 13/03/2023\n"
        "Sáng ngày 10/3/2023, Cụm thi đua số III huyện Đắk Mil tổ chức ký kết giao ước thi đua "
        "năm 2023 với sự tham gia của Agribank Đắk Mil và Bưu điện huyện Đắk Mil.\n",
        encoding="utf-8",
    )
    assert run_file(site, page) == 0
    out = capsys.readouterr().out
    assert "trùng bài đã có" in out and "bài có sẵn ghi 10/03/2023" in out
    assert articles_by_page(site) == {}
    # Posted a year later, the same words are not the same posting: imported, and noted.
    page.write_text(
        page.read_text(encoding="utf-8").replace("13/03/2023", "13/03/2024"), encoding="utf-8"
    )
    assert run_file(site, page) == 0
    assert "cùng tiêu đề với" in capsys.readouterr().out
    assert list(articles_by_page(site)) == [str(page)]


def test_the_clusters_own_district_after_its_number_is_evidence(archive):
    from thidua.domain.registry import load_registry
    from thidua.legacy_import import evidence

    site, _folder = archive
    registry, _ = load_registry(site.content, site.settings())
    title = "Cụm thi đua số III huyện Đắk Mil ký kết giao ước thi đua năm 2024"
    choice = evidence.choose_cluster(registry, title, "", "", 2024)
    assert choice.cluster.slug == "cum-iii-dak-mil"
    assert "đúng địa bàn của cụm" in choice.evidence
    # Another district after the same number is evidence against it.
    title = "Cụm thi đua số III huyện Krông Nô ký kết giao ước thi đua năm 2024"
    choice = evidence.choose_cluster(registry, title, "", "", 2024)
    assert choice.cluster is None


def test_a_title_about_another_kind_of_agency_is_against_the_cluster(archive):
    """Province alone agrees with Đắk Mil's Cụm III; the title's inspectorate does not."""
    from thidua.domain.registry import load_registry
    from thidua.legacy_import import evidence

    site, _folder = archive
    registry, _ = load_registry(site.content, site.settings())
    title = "Thanh tra tỉnh Đắk Nông ký kết giao ước thi đua trong Cụm thi đua số III năm 2024"
    lead = "Sáng ngày 05/3/2024, các đơn vị trong Cụm thi đua số III ký kết giao ước thi đua."
    choice = evidence.choose_cluster(registry, title, lead, lead, 2024)
    assert choice.cluster is None
    [candidate] = [c for c in choice.candidates if c.cluster.slug == "cum-iii-dak-mil"]
    assert candidate.support == ["“tỉnh Đắk Nông” có trong bài"]
    assert "tiêu đề nêu “Thanh tra tỉnh Đắk Nông” (thanh tra)" in candidate.against[0]
