"""Which photos an article shows: its list, or every image of its folder in name order."""

from __future__ import annotations

from tests.sites.gallery.builder import article, build, photo, soup


def captions_and_sources(output, path):
    page = soup(output / path)
    return [img["src"] for img in page.select("article > section.gallery img")]


def test_without_a_list_every_image_of_the_folder_is_shown_in_name_order(tmp_path):
    content = tmp_path / "content"
    folder = content / "articles" / "2024" / "thu-muc"
    for name in ("anh-10.jpg", "anh-2.jpg", "Anh-1.PNG", ".an.jpg", "ghi-chu.txt"):
        if name.endswith((".jpg", ".PNG")):
            photo(folder / name, (400, 300), fmt="PNG" if name.endswith("PNG") else "JPEG")
        else:
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text("x")
    article(content, "2024/thu-muc", "Ảnh trong thư mục", photo_credit="Phòng 3")
    output = build(tmp_path)
    assert captions_and_sources(output, "bai-viet/2024/thu-muc/index.html") == [
        "/anh/thu-muc/anh-1-320.jpg",
        "/anh/thu-muc/anh-2-320.jpg",
        "/anh/thu-muc/anh-10-320.jpg",
    ]


def test_photo_folder_names_where_the_photos_are(tmp_path):
    content = tmp_path / "content"
    photo(content / "anh-chung" / "le-ky" / "b.jpg", (400, 300))
    photo(content / "anh-chung" / "le-ky" / "a.jpg", (400, 300))
    article(
        content,
        "2024/dung-chung",
        "Ảnh ở thư mục khác",
        photo_folder="../../../anh-chung/le-ky",
        photos=[{"file": "b.jpg", "caption": "Bê"}, {"file": "a.jpg", "caption": "A"}],
    )
    output = build(tmp_path)
    assert captions_and_sources(output, "bai-viet/2024/dung-chung/index.html") == [
        "/anh/dung-chung/b-320.jpg",
        "/anh/dung-chung/a-320.jpg",
    ]


def test_names_with_diacritics_and_spaces_get_plain_urls(tmp_path):
    content = tmp_path / "content"
    photo(content / "articles" / "2024" / "ten-anh" / "Toàn cảnh hội trường.jpg", (400, 300))
    article(content, "2024/ten-anh", "Tên ảnh", photos=["Toàn cảnh hội trường.jpg"])
    output = build(tmp_path)
    assert captions_and_sources(output, "bai-viet/2024/ten-anh/index.html") == [
        "/anh/ten-anh/toan-canh-hoi-truong-320.jpg"
    ]


def test_two_files_with_the_same_url_name_stay_apart(tmp_path):
    content = tmp_path / "content"
    folder = content / "articles" / "2024" / "trung-ten"
    photo(folder / "anh.jpg", (400, 300))
    photo(folder / "anh.png", (400, 300), color=(0, 0, 200), fmt="PNG")
    article(content, "2024/trung-ten", "Trùng tên", photos=["anh.jpg", "anh.png"])
    output = build(tmp_path)
    assert captions_and_sources(output, "bai-viet/2024/trung-ten/index.html") == [
        "/anh/trung-ten/anh-320.jpg",
        "/anh/trung-ten/anh-2-320.jpg",
    ]


def test_an_article_file_that_is_not_a_folder_shows_no_neighbouring_images(tmp_path):
    content = tmp_path / "content"
    photo(content / "articles" / "2024" / "cua-bai-khac.jpg", (400, 300))
    path = content / "articles" / "2024" / "don-le.md"
    header = "---\ntitle: Đơn lẻ\ndate: 2024-01-02\ncluster: cum-1\n---\n"
    path.write_text(header + "Chữ.\n", encoding="utf-8")
    output = build(tmp_path)
    assert captions_and_sources(output, "bai-viet/2024/don-le/index.html") == []
