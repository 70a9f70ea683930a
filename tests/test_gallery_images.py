"""Photos from any camera or editor come out upright, in sRGB, without metadata."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageCms

from tests.sites.gallery.builder import article, build, photo

SLUG_DIR = "anh/nguon-anh"


def exif(orientation=None, gps=False) -> Image.Exif:
    data = Image.Exif()
    data[0x010F] = "Canon"
    if orientation:
        data[0x0112] = orientation
    if gps:
        data[0x8825] = {1: "N", 2: (12.0, 0.0, 17.5), 3: "E", 4: (107.0, 41.0, 28.8)}
        data[0x8769] = {0xA431: "083021004512"}
    return data


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("gallery-images")
    content = tmp / "content"
    folder = content / "articles" / "2024" / "nguon-anh"
    folder.mkdir(parents=True)
    # Landscape scene stored turned a quarter anticlockwise: EXIF 6 says "turn it back".
    upright = Image.open(photo(tmp / "upright.jpg", (800, 600)))
    upright.transpose(Image.Transpose.ROTATE_90).save(folder / "xoay.jpg", exif=exif(orientation=6))
    photo(folder / "gps.jpg", (800, 600), exif=exif(gps=True), comment=b"secret place")
    photo(folder / "cmyk.jpg", (800, 600), mode="CMYK")
    transparent = Image.new("RGBA", (400, 300), (0, 0, 0, 0))
    transparent.paste((200, 0, 0, 255), (100, 100, 300, 200))
    transparent.convert("P").save(folder / "bang-mau.png", transparency=0)
    transparent.save(folder / "trong-suot.png")
    sixteen = Image.new("I;16", (400, 300), 40000)
    sixteen.save(folder / "16-bit.png")
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    photo(folder / "co-icc.jpg", (800, 600), icc_profile=profile)
    photo(folder / "icc-hong.jpg", (800, 600), icc_profile=b"not a colour profile")
    article(
        content,
        "2024/nguon-anh",
        "Ảnh từ nhiều nguồn",
        photos=[
            "xoay.jpg",
            "gps.jpg",
            "cmyk.jpg",
            "bang-mau.png",
            "trong-suot.png",
            "16-bit.png",
            "co-icc.jpg",
            "icc-hong.jpg",
        ],
    )
    return build(tmp)


def derivatives(site, stem):
    files = sorted((site / SLUG_DIR).glob(f"{stem}-*"))
    assert files, stem
    return files


def test_exif_orientation_is_applied(site):
    for path in derivatives(site, "xoay"):
        with Image.open(path) as image:
            assert image.width > image.height, path.name  # upright: landscape again
            # the white bar drawn along the scene's top edge is at the top
            top = image.convert("RGB").getpixel((image.width // 2, 2))
            assert min(top) > 200, path.name


def test_no_published_file_carries_exif_gps_or_comments(site):
    published = sorted((site / SLUG_DIR).iterdir())
    assert published
    for path in published:
        data = path.read_bytes()
        with Image.open(path) as image:
            assert not image.getexif(), path.name
            assert "comment" not in image.info, path.name
            assert "xmp" not in image.info, path.name
        assert b"Exif" not in data and b"secret place" not in data, path.name


def test_cmyk_jpeg_becomes_rgb(site):
    for path in derivatives(site, "cmyk"):
        with Image.open(path) as image:
            assert image.mode == "RGB"
            red = image.getpixel((image.width - 3, image.height - 3))
            assert red[0] > 120 and red[1] < 110, red


def test_transparent_png_is_flattened_on_white_for_jpeg_and_keeps_alpha_in_webp(site):
    for stem in ("trong-suot", "bang-mau"):
        jpeg = next(p for p in derivatives(site, stem) if p.suffix == ".jpg")
        webp = next(p for p in derivatives(site, stem) if p.suffix == ".webp")
        with Image.open(jpeg) as image:
            assert image.mode == "RGB"
            assert min(image.getpixel((2, 2))) > 240  # white where it was transparent
        with Image.open(webp) as image:
            assert image.mode == "RGBA"
            assert image.getpixel((2, 2))[3] == 0


def test_sixteen_bit_png_is_scaled_not_clipped(site):
    with Image.open(derivatives(site, "16-bit")[0]) as image:
        value = image.convert("L").getpixel((5, 5))
    assert 140 < value < 175  # 40000 / 65535 of full scale, not white


def test_embedded_profile_is_not_copied_and_a_broken_one_does_no_harm(site):
    assert derivatives(site, "icc-hong")
    for path in derivatives(site, "co-icc") + derivatives(site, "icc-hong"):
        with Image.open(path) as image:
            assert "icc_profile" not in image.info


def test_every_derivative_is_a_valid_image(site):
    published = sorted((site / SLUG_DIR).iterdir())
    assert published
    for path in published:
        with Image.open(io.BytesIO(path.read_bytes())) as image:
            image.load()
