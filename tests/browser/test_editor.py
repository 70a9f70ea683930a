"""The web editor as staff use it: `make edit`'s server (Decap CMS, decap-server,
make serve) on a temporary copy of the sample content, driven in Chromium.

A report written in the form, with three units and two uploaded photos, lands
where the reader wants it, passes the check and shows on the rebuilt site; a
caption edited in the form shows on the page; a unit that is not a member of
the cluster that year is refused before saving, in Vietnamese; our preview
passes axe. Screenshots go to test-output/screenshots/editor-*.png.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from PIL import Image

from thidua.cli import build

from .conftest import NODE_MODULES, OUTPUT_DIR, ROOT, new_page, node_tool, require
from .test_accessibility import BLOCKING, RUN_AXE, report

pytestmark = pytest.mark.browser

SETTINGS = ROOT / "pelicanconf.py"
REBUILD_SECONDS = 180  # the first build of a copy with a cold photo cache takes ~40 s


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Editor:
    url: str  # the one address `make edit` prints
    site: str  # the preview site (make serve)
    content: Path
    output: Path


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except OSError:
        return 0, ""


def wait_for_page(url: str, *needles: str, seconds: float = REBUILD_SECONDS) -> str:
    """The page at `url` once it is there with every needle (the site rebuilds on save)."""
    deadline = time.monotonic() + seconds
    text = ""
    while time.monotonic() < deadline:
        status, text = _get(url)
        if status == 200 and all(n in text for n in needles):
            return text
        time.sleep(0.5)
    raise AssertionError(f"{url} did not show {needles} within {seconds} s")


@pytest.fixture(scope="module")
def editor(chromium_executable, tmp_path_factory) -> Iterator[Editor]:
    node_tool("decap-cms/dist/decap-cms.js")
    node_tool("decap-server/dist/index.js")
    require(shutil.which("node") is not None, "no `node` to run decap-server")
    work = tmp_path_factory.mktemp("editor")
    content, output = work / "content", work / "output"
    shutil.copytree(ROOT / "content", content)
    if (ROOT / ".cache" / "gallery").is_dir():  # a warm photo cache: the first build is quick
        shutil.copytree(ROOT / ".cache" / "gallery", work / ".cache" / "gallery")
    port, api, site = free_port(), free_port(), free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "thidua.editor.server", "--content", str(content),
         "--output", str(output), "--settings", str(SETTINGS), "--port", str(port),
         "--api-port", str(api), "--site-port", str(site), "--log", str(work / "logs")],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        first = process.stdout.readline()
        assert first.strip() == f"Trình soạn thảo: http://127.0.0.1:{port}/", first
        wait_for_page(f"http://127.0.0.1:{site}/", "<html")
        yield Editor(f"http://127.0.0.1:{port}/", f"http://127.0.0.1:{site}", content, output)
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture
def staff(browser, editor):
    """A logged-in editor page (the local backend's login is one button)."""
    page = new_page(browser)
    page.set_default_timeout(20_000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(editor.url)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("heading", name="Bộ sưu tập").wait_for()
    yield page
    page.context.close()
    # Decap rejects a save the form refused with no reason: that is the page error 'undefined'.
    assert [e for e in errors if e != "undefined"] == []


def shot(page, name: str) -> None:
    folder = OUTPUT_DIR / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"editor-{name}.png"), full_page=True)


def save(page) -> None:
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.get_by_role("menuitem", name="Lưu ngay").click()


def upload_photo(page, path: Path) -> None:
    page.get_by_role("button", name="Chọn ảnh", exact=True).last.click()
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_role("button", name="Dùng ảnh đã chọn").click()


def header_of(index: Path) -> dict:
    text = index.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n"))


def test_a_report_written_in_the_form_is_built_with_its_units_and_photos(staff, editor, tmp_path):
    photos = []
    for name, color in (("Ảnh Toàn cảnh.jpg", "firebrick"), ("trao cờ.jpg", "navy")):
        photos.append(tmp_path / name)
        Image.new("RGB", (1200, 800), color).save(photos[-1], "JPEG")
    page = staff
    page.goto(editor.url + "#/collections/articles/new")
    page.get_by_label("Tiêu đề").fill("Cụm thi đua số 1 giao lưu bóng chuyền chào mừng Đại hội")
    page.get_by_label("Ngày đăng").fill("12/04/2024")
    page.locator("[id$='-gio']").fill("08:30")
    page.get_by_label("Cụm, khối thi đua").click()
    page.get_by_text("Cụm thi đua số 1 – VKSND tỉnh Đắk Nông", exact=True).click()
    page.get_by_label("Sự kiện").click()
    page.get_by_text("Giao lưu giữa các đơn vị", exact=True).click()
    for unit in (
        "VKSND huyện Tuy Đức (Cụm trưởng)",
        "VKSND TP Gia Nghĩa",
        "VKSND huyện Đắk G'Long",
    ):
        page.get_by_label(unit).check()
    page.get_by_label("Tác giả").first.fill("Nguyễn Văn An")
    for number, (photo, caption) in enumerate(
        zip(photos, ("Toàn cảnh buổi giao lưu", "Trao cờ lưu niệm"), strict=True)
    ):
        page.get_by_role("button", name="Thêm ảnh").first.click()
        upload_photo(page, photo)
        page.get_by_label("Chú thích").nth(number).fill(caption)
        page.get_by_label("Mô tả ảnh").nth(number).fill(f"Ảnh {number + 1} của buổi giao lưu")
    page.locator("[data-slate-editor]").click()
    page.keyboard.type("Sáng 12/4/2024, bốn đơn vị giao lưu bóng chuyền tại huyện Tuy Đức.")
    preview = page.frame_locator("#preview-pane")
    preview.get_by_text("Trao cờ lưu niệm").wait_for()
    shot(page, "bai-moi")
    save(page)
    page.wait_for_url("**/entries/2024/**")

    folder = (
        editor.content
        / "articles"
        / "2024"
        / "cum-thi-dua-so-1-giao-luu-bong-chuyen-chao-mung-dai-hoi"
    )
    index = folder / "index.md"
    for _ in range(50):
        if index.exists():
            break
        time.sleep(0.1)
    assert sorted(p.name for p in folder.iterdir()) == [
        "anh-toan-canh.jpg",
        "index.md",
        "trao-co.jpg",
    ]
    header = header_of(index)
    assert header["date"] == "2024-04-12 08:30"
    assert header["cluster"] == "cum-1-vks-dak-nong"
    assert header["event"] == "giao-luu"
    assert header["units"] == ["vks-tuy-duc", "vks-tp-gia-nghia", "vks-dak-glong"]
    assert [p["file"] for p in header["photos"]] == ["anh-toan-canh.jpg", "trao-co.jpg"]
    assert [p["caption"] for p in header["photos"]] == [
        "Toàn cảnh buổi giao lưu",
        "Trao cờ lưu niệm",
    ]
    report = build.check(build.load_settings(SETTINGS, editor.content))
    assert [str(p) for p in report.errors] == []

    html = wait_for_page(
        f"{editor.site}/bai-viet/2024/{folder.name}/",
        "Cụm thi đua số 1 giao lưu bóng chuyền chào mừng Đại hội",
        "Toàn cảnh buổi giao lưu", "Trao cờ lưu niệm",
    )  # fmt: skip
    for unit in ("VKSND huyện Tuy Đức", "VKSND TP Gia Nghĩa", "VKSND huyện Đắk G&#39;Long"):
        assert unit in html or unit.replace("&#39;", "'") in html
    assert "VKSND huyện Đắk R&#39;Lấp" not in html.split("meta-panel", 1)[-1].split("</section>")[0]
    for photo in ("anh-toan-canh", "trao-co"):  # both photos, in the site's own sizes
        assert f"/anh/{folder.name}/{photo}-480.jpg" in html


def test_a_caption_edited_in_the_form_shows_on_the_page(staff, editor):
    article = "2024/cum-1-ky-ket-giao-uoc-thi-dua-2024"
    index = editor.content / "articles" / article / "index.md"
    before = index.read_text(encoding="utf-8")
    page = staff
    page.goto(editor.url + f"#/collections/articles/entries/{article}/index")
    caption = page.get_by_label("Chú thích").first
    caption.wait_for()
    caption.fill("Toàn cảnh lễ ký kết tại Tuy Đức (chú thích mới)")
    save(page)
    page.get_by_text("Đã lưu. Trang web đang được dựng lại.").wait_for()
    after = index.read_text(encoding="utf-8")
    changed = [
        (a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=False) if a != b
    ]
    assert len(before.splitlines()) == len(after.splitlines())
    # one line of the file changed, nothing else rewritten
    assert changed == [
        (
            "    caption: Toàn cảnh Lễ ký kết giao ước thi đua năm 2024 tại VKSND huyện Tuy Đức",
            "    caption: Toàn cảnh lễ ký kết tại Tuy Đức (chú thích mới)",
        )
    ]
    wait_for_page(
        f"{editor.site}/bai-viet/{article}/", "Toàn cảnh lễ ký kết tại Tuy Đức (chú thích mới)"
    )


def test_a_unit_outside_the_cluster_that_year_is_refused_before_saving(staff, editor):
    page = staff
    page.goto(editor.url + "#/collections/articles/new")
    page.get_by_label("Tiêu đề").fill("Bài thử đơn vị không thuộc cụm")
    page.get_by_label("Ngày đăng").fill("20/03/2024")
    page.get_by_label("Cụm, khối thi đua").click()
    page.get_by_text("Cụm thi đua số 1 – VKSND tỉnh Đắk Nông", exact=True).click()
    # In 2023 VKSND huyện Đắk Song was a member; in 2024 it moved to Cụm số 2.
    page.get_by_label("Năm thi đua").select_option("2023")
    page.get_by_label("VKSND huyện Đắk Song").check()
    page.get_by_label("Năm thi đua").select_option("2024")
    page.get_by_text("không thuộc cụm năm 2024").wait_for()
    save(page)
    message = page.get_by_text(
        "VKSND huyện Đắk Song không phải thành viên của Cụm thi đua số 1 – VKSND tỉnh Đắk Nông "
        "năm 2024 (năm 2024 đơn vị này thuộc Cụm thi đua số 2 – VKSND tỉnh Đắk Nông)"
    )
    message.first.wait_for()
    shot(page, "don-vi-sai")
    assert "/new" in page.url  # not saved
    assert not list((editor.content / "articles").glob("*/bai-thu-don-vi-khong-thuoc-cum/index.md"))
    # a year the cluster has no term for is refused too
    page.get_by_label("Năm thi đua").select_option("")
    page.get_by_label("Ngày đăng").fill("20/03/2027")
    save(page)
    page.get_by_text("không có danh sách thành viên năm 2027").first.wait_for()


def test_units_registry_edited_in_the_form_stays_a_list_with_its_comments(staff, editor):
    page = staff
    page.goto(editor.url + "#/collections/registry/entries/units")
    page.get_by_text("34 đơn vị").wait_for()
    page.get_by_role("button", name="Thêm đơn vị").click()
    page.get_by_label("Mã đơn vị").last.fill("vks-khu-vuc-1-lam-dong")
    page.get_by_label("Tên đầy đủ").last.fill("Viện kiểm sát nhân dân khu vực 1 – Lâm Đồng")
    page.get_by_label("Tên ngắn").last.fill("VKSND khu vực 1")
    save(page)
    page.get_by_text("Đã lưu. Trang web đang được dựng lại.").wait_for()
    text = (editor.content / "units.yml").read_text(encoding="utf-8")
    assert text.startswith("# Đơn vị thành viên của các cụm, khối thi đua.\n")
    assert "# --- Các phòng, đơn vị thuộc VKSND tỉnh Bắc Giang ---" in text
    units = yaml.safe_load(text)
    assert isinstance(units, list) and len(units) == 35
    assert units[-1] == {"slug": "vks-khu-vuc-1-lam-dong", "short_name": "VKSND khu vực 1",
                         "name": "Viện kiểm sát nhân dân khu vực 1 – Lâm Đồng"}  # fmt: skip
    wait_for_page(f"{editor.site}/don-vi/vks-khu-vuc-1-lam-dong/", "VKSND khu vực 1")


def test_our_preview_passes_axe(staff, editor):
    """The preview is ours (templates in editor/thidua-editor.js, the site's CSS); the
    rest of the page is Decap CMS's, whose violations are recorded, not held against us."""
    page = staff
    page.goto(
        editor.url + "#/collections/articles/entries/2024/cum-1-ky-ket-giao-uoc-thi-dua-2024/index"
    )
    frame = page.frame_locator("#preview-pane")
    frame.locator("h1.article__title").wait_for()
    preview = page.locator("#preview-pane").element_handle().content_frame()
    preview.add_script_tag(path=str(node_tool("axe-core/axe.min.js")))
    found = preview.evaluate(RUN_AXE)
    blocking = [v for v in found if v["impact"] in BLOCKING]
    assert not blocking, report(blocking)

    page.add_script_tag(path=str(node_tool("axe-core/axe.min.js")))
    decap = page.evaluate(RUN_AXE)
    folder = OUTPUT_DIR
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "editor-axe-decap.json").write_text(
        json.dumps(decap, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    shot(page, "xem-truoc")


def test_the_editor_is_served_from_this_machine(editor):
    """Every file the page loads comes from `make edit`'s server: no CDN."""
    status, index = _get(editor.url)
    assert status == 200
    assert 'src="http' not in index and 'href="http' not in index
    for path in ("decap/decap-cms.js", "editor/thidua-editor.js", "vendor/yaml/index.js",
                 "theme/css/site.css", "config.yml"):  # fmt: skip
        assert _get(editor.url + path)[0] == 200, path
    assert _get(editor.url + "editor/../../pelicanconf.py")[0] == 404
    assert NODE_MODULES.is_dir() and os.path.isdir(editor.content)
