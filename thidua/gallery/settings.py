"""Settings of the gallery plugin: defaults, validation and resolved paths.

Every setting has a default here and can be changed in pelicanconf.py alone.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULTS: dict[str, object] = {
    # Widths (px) of the responsive derivatives; an image is never enlarged.
    "GALLERY_WIDTHS": (480, 960, 1600),
    # Output formats, best first; "jpeg" is always written (the <img> fallback).
    "GALLERY_FORMATS": ("webp", "jpeg"),
    "GALLERY_JPEG_QUALITY": 82,
    "GALLERY_JPEG_PROGRESSIVE": True,
    "GALLERY_WEBP_QUALITY": 80,
    # libwebp effort, 0 (fast) to 6 (small files). 2 encodes about 2.5× faster than
    # Pillow's default 4 for files some 8 % larger.
    "GALLERY_WEBP_METHOD": 2,
    "GALLERY_AVIF_QUALITY": 60,
    # Derivatives go to OUTPUT_PATH/<dir>/<article slug>/<photo>-<width>.<ext>.
    "GALLERY_OUTPUT_DIR": "anh",
    # Processed images are kept here between builds (relative to the project folder).
    "GALLERY_CACHE_PATH": ".cache/gallery",
    # Cache entries unused for this many days are removed.
    "GALLERY_CACHE_KEEP_DAYS": 30,
    # Images above this many pixels are refused (decompression bombs).
    "GALLERY_MAX_PIXELS": 80_000_000,
    # Image formats accepted as sources (Pillow format names).
    "GALLERY_SOURCE_FORMATS": ("JPEG", "MPO", "PNG", "WEBP", "TIFF", "GIF", "AVIF"),
    # File name endings that count as photos when an article lists none.
    "GALLERY_EXTENSIONS": (".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff", ".gif", ".avif"),
    # Problems fail the build instead of skipping the photo.
    "GALLERY_STRICT": False,
    # No progress line (also when the environment variable CI is set).
    "GALLERY_QUIET": False,
    # Worker threads; None: one per CPU.
    "GALLERY_WORKERS": None,
    # Publish the original files too (metadata such as GPS is stripped from them).
    "GALLERY_PUBLISH_ORIGINALS": False,
    # `sizes` attribute of photos placed in the text (the templates' macros take their own).
    "GALLERY_SIZES_INLINE": "(min-width: 50em) 46rem, 100vw",
    # The photo library ("Thư viện ảnh") and its filter pages.
    "PHOTO_LIBRARY_URL": "thu-vien-anh/",
    "PHOTO_LIBRARY_SAVE_AS": "thu-vien-anh/index.html",
    "PHOTO_LIBRARY_YEAR_URL": "thu-vien-anh/nam/{year}/",
    "PHOTO_LIBRARY_YEAR_SAVE_AS": "thu-vien-anh/nam/{year}/index.html",
    "PHOTO_LIBRARY_CLUSTER_URL": "thu-vien-anh/cum/{slug}/",
    "PHOTO_LIBRARY_CLUSTER_SAVE_AS": "thu-vien-anh/cum/{slug}/index.html",
    "PHOTO_LIBRARY_PER_PAGE": 12,
}

FORMAT_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg"}
EXTENSIONS = {"avif": "avif", "webp": "webp", "jpeg": "jpg"}


class SettingsError(ValueError):
    """A GALLERY_* setting has a value the plugin cannot use."""


@dataclass(frozen=True)
class GallerySettings:
    """The validated settings one build uses (hashable, cheap to pass to workers)."""

    content_root: str
    cache_dir: str
    output_dir: str
    widths: tuple[int, ...]
    formats: tuple[str, ...]
    jpeg_quality: int
    jpeg_progressive: bool
    webp_quality: int
    webp_method: int
    avif_quality: int
    max_pixels: int
    source_formats: tuple[str, ...]
    extensions: tuple[str, ...]
    strict: bool
    quiet: bool
    workers: int
    publish_originals: bool
    keep_days: int

    def fingerprint(self) -> str:
        """Everything that changes the derivatives' bytes: part of each cache key."""
        return repr(
            (
                self.widths,
                self.formats,
                self.jpeg_quality,
                self.jpeg_progressive,
                self.webp_quality,
                self.webp_method,
                self.avif_quality,
                self.max_pixels,
                self.source_formats,
            )
        )


def apply_defaults(settings: dict) -> None:
    """Fill in every default the site did not set (once, when Pelican starts)."""
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)
    paginated = settings.get("PAGINATED_TEMPLATES")
    if isinstance(paginated, dict):
        paginated.setdefault("photo_library", settings["PHOTO_LIBRARY_PER_PAGE"])


def get(settings: dict, name: str):
    return settings.get(name, DEFAULTS[name])


def project_root(settings: dict) -> str:
    """The folder relative settings paths are resolved against: the content folder's parent."""
    content = os.path.abspath(str(settings.get("PATH") or os.curdir))
    return os.path.dirname(content)


def resolve(settings: dict) -> GallerySettings:
    """Validate the GALLERY_* settings and return them as one frozen object."""
    widths = _positive_ints(get(settings, "GALLERY_WIDTHS"), "GALLERY_WIDTHS")
    formats = tuple(str(f).lower() for f in get(settings, "GALLERY_FORMATS"))
    unknown = [f for f in formats if f not in FORMAT_TYPES]
    if unknown:
        raise SettingsError(
            f"GALLERY_FORMATS: unknown format(s) {unknown}; use {list(FORMAT_TYPES)}"
        )
    if "jpeg" not in formats:
        formats += ("jpeg",)  # the <img> fallback every browser shows
    cache = str(get(settings, "GALLERY_CACHE_PATH"))
    if not os.path.isabs(cache):
        cache = os.path.join(project_root(settings), cache)
    output_dir = str(get(settings, "GALLERY_OUTPUT_DIR")).strip("/")
    if not output_dir or ".." in output_dir.split("/"):
        raise SettingsError("GALLERY_OUTPUT_DIR must be a folder inside the output, e.g. 'anh'")
    workers = get(settings, "GALLERY_WORKERS") or _usable_cpus()
    return GallerySettings(
        content_root=os.path.realpath(str(settings.get("PATH") or os.curdir)),
        cache_dir=os.path.abspath(cache),
        output_dir=output_dir,
        widths=widths,
        formats=tuple(f for f in FORMAT_TYPES if f in formats),
        jpeg_quality=_quality(settings, "GALLERY_JPEG_QUALITY"),
        jpeg_progressive=bool(get(settings, "GALLERY_JPEG_PROGRESSIVE")),
        webp_quality=_quality(settings, "GALLERY_WEBP_QUALITY"),
        webp_method=_in_range(settings, "GALLERY_WEBP_METHOD", 0, 6),
        avif_quality=_quality(settings, "GALLERY_AVIF_QUALITY"),
        max_pixels=_positive_ints([get(settings, "GALLERY_MAX_PIXELS")], "GALLERY_MAX_PIXELS")[0],
        source_formats=tuple(str(f).upper() for f in get(settings, "GALLERY_SOURCE_FORMATS")),
        extensions=tuple(str(e).lower() for e in get(settings, "GALLERY_EXTENSIONS")),
        strict=bool(get(settings, "GALLERY_STRICT")),
        quiet=bool(get(settings, "GALLERY_QUIET")) or bool(os.environ.get("CI")),
        workers=max(1, int(workers)),
        publish_originals=bool(get(settings, "GALLERY_PUBLISH_ORIGINALS")),
        keep_days=int(get(settings, "GALLERY_CACHE_KEEP_DAYS")),
    )


def _usable_cpus() -> int:
    """CPUs this process may run on (a container may allow fewer than the machine has)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _positive_ints(values, name: str) -> tuple[int, ...]:
    try:
        numbers = sorted({int(v) for v in values})
    except (TypeError, ValueError) as error:
        raise SettingsError(f"{name} must be whole numbers, not {values!r}") from error
    if not numbers or numbers[0] <= 0:
        raise SettingsError(f"{name} must be positive whole numbers, not {values!r}")
    return tuple(numbers)


def _in_range(settings: dict, name: str, low: int, high: int) -> int:
    value = get(settings, name)
    if not isinstance(value, int) or not low <= value <= high:
        raise SettingsError(f"{name} must be a whole number from {low} to {high}, not {value!r}")
    return value


def _quality(settings: dict, name: str) -> int:
    return _in_range(settings, name, 1, 100)
