"""GALLERY_* settings: defaults, validation with a clear message."""

from __future__ import annotations

import pytest

from thidua.gallery import settings


def test_defaults():
    gs = settings.resolve({"PATH": "/srv/portal/content"})
    assert gs.widths == (480, 960, 1600)
    assert gs.formats == ("webp", "jpeg")
    assert gs.output_dir == "anh"
    assert gs.cache_dir == "/srv/portal/.cache/gallery"
    assert not gs.strict


def test_jpeg_is_always_written_and_formats_are_ordered_best_first():
    gs = settings.resolve({"PATH": "/x/content", "GALLERY_FORMATS": ["jpeg", "avif", "webp"]})
    assert gs.formats == ("avif", "webp", "jpeg")
    assert settings.resolve({"PATH": "/x/c", "GALLERY_FORMATS": ["webp"]}).formats[-1] == "jpeg"


def test_ci_turns_the_progress_line_off(monkeypatch):
    monkeypatch.setenv("CI", "true")
    assert settings.resolve({"PATH": "/x/content"}).quiet


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("GALLERY_WIDTHS", [480, -1], "positive"),
        ("GALLERY_WIDTHS", ["large"], "whole numbers"),
        ("GALLERY_FORMATS", ["gif"], "unknown format"),
        ("GALLERY_JPEG_QUALITY", 0, "from 1 to 100"),
        ("GALLERY_WEBP_METHOD", 9, "from 0 to 6"),
        ("GALLERY_OUTPUT_DIR", "../ngoai", "inside the output"),
    ],
)
def test_bad_values_are_refused_with_the_setting_named(name, value, message):
    with pytest.raises(settings.SettingsError, match=message) as error:
        settings.resolve({"PATH": "/x/content", name: value})
    assert name in str(error.value)


def test_apply_defaults_registers_the_library_page_size():
    values = {"PAGINATED_TEMPLATES": {"index": None}}
    settings.apply_defaults(values)
    assert values["PAGINATED_TEMPLATES"]["photo_library"] == 12
    assert values["PHOTO_LIBRARY_SAVE_AS"] == "thu-vien-anh/index.html"
