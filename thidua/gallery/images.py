"""Pillow work: check a source image and turn it into web derivatives.

One decode per photo: JPEGs are decoded at reduced size (``Image.draft``) just
large enough for the largest derivative, which is then resized down step by
step to the smaller widths. EXIF orientation is applied, colours are converted
to sRGB, and no metadata (EXIF, GPS, XMP, comments) is written to any output.
"""

from __future__ import annotations

import functools
import io
import os
import struct
from dataclasses import dataclass

from PIL import Image, ImageCms, UnidentifiedImageError

from thidua.domain.messages import t

from .settings import EXTENSIONS, GallerySettings

ORIENTATION = 0x0112
EXIF_IFD = 0x8769
GPS_IFD = 0x8825
# Tags that identify a camera or its owner, removed from published originals.
PRIVATE_EXIF_TAGS = (0xA430, 0xA431, 0xA435, 0x927C)  # owner, body/lens serial, maker note
PRIVATE_IFD0_TAGS = (0xC62F,)  # camera serial number (DNG)

_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
# Bicubic, as Pillow's own thumbnail(): from a JPEG decoded at reduced size the
# results differ from a full-size Lanczos resize by less than a JPEG encoder does
# (PSNR about 50 dB), for a quarter less time than Lanczos.
_RESAMPLE = Image.Resampling.BICUBIC
_JPEG_FORMATS = ("JPEG", "MPO")


class PhotoProblem(Exception):
    """A source file that cannot become a published photo; the message says why."""


@dataclass(frozen=True)
class Header:
    format: str
    width: int  # as displayed, after EXIF orientation
    height: int


def open_checked(path: str, gs: GallerySettings) -> Image.Image:
    """Open `path` lazily, refusing empty files, non-images, unsupported formats and bombs."""
    try:
        if os.path.getsize(path) == 0:
            raise PhotoProblem(t("tệp trống (0 byte); hãy chép lại ảnh gốc"))
        im = Image.open(path)
    except PhotoProblem:
        raise
    except Image.DecompressionBombError as error:
        raise PhotoProblem(
            t("ảnh quá lớn, không mở an toàn được ({error}); hãy thu nhỏ ảnh", error=error)
        ) from error
    except UnidentifiedImageError as error:
        raise PhotoProblem(
            t(
                "tệp này không phải ảnh (không nhận ra định dạng ảnh nào); hãy "
                "chép lại ảnh gốc, dạng JPEG hoặc PNG"
            )
        ) from error
    except OSError as error:
        raise PhotoProblem(t("không đọc được tệp ({error})", error=error)) from error
    try:
        _check_format_and_size(im, gs)
    except PhotoProblem:
        im.close()
        raise
    return im


def _check_format_and_size(im: Image.Image, gs: GallerySettings) -> None:
    if im.format not in gs.source_formats:
        accepted = ", ".join(gs.source_formats)
        raise PhotoProblem(
            t(
                "định dạng ảnh {format} không dùng được (dùng được: {accepted}); "
                "hãy lưu ảnh dạng JPEG hoặc PNG",
                format=im.format,
                accepted=accepted,
            )
        )
    pixels = im.width * im.height
    if pixels > gs.max_pixels:
        raise PhotoProblem(
            t(
                "ảnh {width}×{height} = {megapixels:.1f} megapixel, quá giới hạn {limit:.1f} "
                "(GALLERY_MAX_PIXELS); hãy thu nhỏ ảnh",
                width=im.width,
                height=im.height,
                megapixels=pixels / 1e6,
                limit=gs.max_pixels / 1e6,
            )
        )


def read_header(path: str, gs: GallerySettings, verify: bool = True) -> Header:
    """Sanity check for ``make check``: header, structure, and the pixel data decoded.

    JPEGs are decoded at 1/8 scale (``Image.draft``): a few milliseconds, yet a
    truncated or damaged scan still fails here rather than at build time.
    """
    with open_checked(path, gs) as im:
        header = Header(im.format or "", *_displayed_size(im.size, _orientation(im)))
        if verify:
            try:
                im.verify()
            except Exception as error:
                raise PhotoProblem(
                    t("ảnh bị hỏng ({error}); hãy chép lại ảnh gốc", error=error)
                ) from error
    if verify:
        _decode_small(path, gs)
    return header


def _decode_small(path: str, gs: GallerySettings) -> None:
    with open_checked(path, gs) as im:
        try:
            if im.format in _JPEG_FORMATS:
                im.draft("RGB", (max(1, im.width // 8), max(1, im.height // 8)))
            im.load()
        except Exception as error:
            raise PhotoProblem(
                t("ảnh bị hỏng hoặc chưa chép hết ({error}); hãy chép lại ảnh gốc", error=error)
            ) from error


def _orientation(im: Image.Image) -> int:
    try:
        value = im.getexif().get(ORIENTATION, 1)
    except Exception:  # a broken EXIF block must not lose the photo
        return 1
    return value if value in _TRANSPOSE else 1


def _displayed_size(size: tuple[int, int], orientation: int) -> tuple[int, int]:
    return (size[1], size[0]) if orientation in (5, 6, 7, 8) else size


def plan_widths(source_width: int, wanted: tuple[int, ...]) -> list[int]:
    """The derivative widths for a source: never enlarged, the source width closing the list."""
    kept = [w for w in wanted if w <= source_width]
    smaller_than_wanted = wanted[-1] > source_width
    if not kept or (smaller_than_wanted and source_width - kept[-1] > 0.1 * source_width):
        kept.append(source_width)
    return kept


def derivative_name(width: int, fmt: str) -> str:
    return f"{width}.{EXTENSIONS[fmt]}"


def make_derivatives(path: str, dest_dir: str, gs: GallerySettings) -> dict:
    """Decode `path` once and write every derivative into `dest_dir`.

    Returns the cache entry: displayed source size and the (width, height) of each
    derivative, smallest first.
    """
    with open_checked(path, gs) as im:
        orientation = _orientation(im)
        source_w, source_h = _displayed_size(im.size, orientation)
        widths = plan_widths(source_w, gs.widths)
        sizes = [(w, max(1, round(source_h * w / source_w))) for w in widths]
        largest = sizes[-1] if orientation < 5 else sizes[-1][::-1]  # in stored orientation
        icc = im.info.get("icc_profile")
        box = None
        if im.format in _JPEG_FORMATS:
            drafted = im.draft(None, largest)
            box = drafted[1] if drafted else None
        try:
            im.load()
            image = _normalise_mode(im)
            first = image.resize(largest, _RESAMPLE, box=box, reducing_gap=3.0)
        except PhotoProblem:
            raise
        except Exception as error:  # truncated data, broken codecs, bad chunks ...
            raise PhotoProblem(
                t("ảnh bị hỏng hoặc chưa chép hết ({error}); hãy chép lại ảnh gốc", error=error)
            ) from error
    first = _to_srgb(first, icc)
    first = _drop_opaque_alpha(first)
    if orientation in _TRANSPOSE:
        first = first.transpose(_TRANSPOSE[orientation])
    os.makedirs(dest_dir, exist_ok=True)
    derivative = first
    for width, height in reversed(sizes):
        if derivative.size != (width, height):
            derivative = derivative.resize((width, height), _RESAMPLE)
        for fmt in gs.formats:
            save(derivative, os.path.join(dest_dir, derivative_name(width, fmt)), fmt, gs)
    return {"source": [source_w, source_h], "sizes": [list(s) for s in sizes]}


def _normalise_mode(im: Image.Image) -> Image.Image:
    """RGB, RGBA, or CMYK (converted with its profile later) from any source mode."""
    mode = im.mode
    if mode in ("RGB", "RGBA", "CMYK"):
        if mode == "RGB" and "transparency" in im.info:
            return im.convert("RGBA")
        return im
    if mode in ("P", "PA", "LA", "La", "RGBa", "RGBX"):
        has_alpha = mode in ("PA", "LA", "La", "RGBa") or "transparency" in im.info
        return im.convert("RGBA" if has_alpha else "RGB")
    if mode.startswith("I;16") or mode == "I":
        # 16-bit greyscale: scale to 8 bits instead of clipping everything to white
        im = im.convert("I").point(lambda v: v * (1 / 256)).convert("L")
        return im.convert("RGB")
    if mode in ("L", "1") and "transparency" in im.info:
        return im.convert("RGBA")
    return im.convert("RGB")


@functools.lru_cache(maxsize=16)
def _transform(icc: bytes, in_mode: str) -> ImageCms.ImageCmsTransform | None:
    """A transform from the embedded profile to sRGB; None when it already is sRGB."""
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        if in_mode != "CMYK" and "srgb" in ImageCms.getProfileDescription(source).lower():
            return None
        srgb = ImageCms.createProfile("sRGB")
        return ImageCms.buildTransform(
            source, srgb, in_mode, "RGB", renderingIntent=ImageCms.Intent.PERCEPTUAL
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        return None  # a broken profile: treat the pixels as sRGB


def _to_srgb(im: Image.Image, icc: bytes | None) -> Image.Image:
    if im.mode == "CMYK":
        transform = _transform(icc, "CMYK") if icc else None
        return ImageCms.applyTransform(im, transform) if transform else im.convert("RGB")
    if not icc:
        return im
    transform = _transform(icc, "RGB")
    if transform is None:
        return im
    if im.mode == "RGBA":
        rgb = ImageCms.applyTransform(im.convert("RGB"), transform)
        rgb.putalpha(im.getchannel("A"))
        return rgb
    return ImageCms.applyTransform(im, transform)


def _drop_opaque_alpha(im: Image.Image) -> Image.Image:
    if im.mode == "RGBA" and im.getchannel("A").getextrema() == (255, 255):
        return im.convert("RGB")
    return im


def _flatten_on_white(im: Image.Image) -> Image.Image:
    if im.mode != "RGBA":
        return im
    background = Image.new("RGB", im.size, (255, 255, 255))
    background.paste(im, mask=im.getchannel("A"))
    return background


def save(im: Image.Image, path: str, fmt: str, gs: GallerySettings) -> None:
    """Write one derivative with no metadata at all (EXIF, GPS, XMP, comments, profiles)."""
    if fmt == "jpeg":
        im = _flatten_on_white(im)
    im.info = {}  # Pillow carries source metadata along with resized copies
    # `path` is inside a private staging folder that is renamed into the cache
    # when complete, so no temporary file per derivative is needed.
    if fmt == "jpeg":
        # Progressive JPEGs get optimal Huffman tables anyway; asking again costs time.
        im.save(
            path,
            "JPEG",
            quality=gs.jpeg_quality,
            progressive=gs.jpeg_progressive,
            optimize=not gs.jpeg_progressive,
        )
    elif fmt == "webp":
        im.save(path, "WEBP", quality=gs.webp_quality, method=gs.webp_method)
    elif fmt == "avif":
        im.save(path, "AVIF", quality=gs.avif_quality)


# -- Originals (published only when GALLERY_PUBLISH_ORIGINALS is on) -----------


def sanitised_original(path: str, gs: GallerySettings) -> tuple[bytes, str]:
    """The original file's bytes without GPS, serial numbers or XMP, and its extension.

    JPEGs are rewritten segment by segment (no re-encoding); other formats are
    saved again by Pillow without their metadata.
    """
    with open(path, "rb") as handle:
        data = handle.read()
    if data[:2] == b"\xff\xd8":
        return strip_jpeg_metadata(data), "jpg"
    with open_checked(path, gs) as im:
        im.load()
        fmt = im.format or "PNG"
        out = io.BytesIO()
        im.info = {key: im.info[key] for key in ("transparency",) if key in im.info}
        extension = {"PNG": "png", "WEBP": "webp", "GIF": "gif", "TIFF": "tif", "AVIF": "avif"}
        if fmt == "WEBP":
            im.save(out, "WEBP", lossless=True)
        elif fmt in extension:
            im.save(out, fmt)
        else:
            im.convert("RGB").save(out, "PNG")
            fmt = "PNG"
    return out.getvalue(), extension.get(fmt, "png")


def strip_jpeg_metadata(data: bytes) -> bytes:
    """A JPEG's bytes with EXIF cleaned of GPS and serials; XMP, IPTC and extra images dropped."""
    out = [data[:2]]
    pos = 2
    while pos + 2 <= len(data):
        if data[pos] != 0xFF:
            raise PhotoProblem(t("ảnh JPEG bị hỏng (sai mã đánh dấu); hãy chép lại ảnh gốc"))
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0xD9:  # end of image: anything after it (MPO extra frames) goes
            out.append(data[pos : pos + 2])
            break
        if pos + 4 > len(data):
            raise PhotoProblem(t("ảnh JPEG chưa chép hết; hãy chép lại ảnh gốc"))
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        segment = data[pos : pos + 2 + length]
        body = segment[4:]
        if marker == 0xE1 and body.startswith(b"Exif\x00\x00"):
            cleaned = _clean_exif(body)
            segment = _jpeg_segment(0xE1, cleaned) if cleaned else b""
        elif (marker == 0xE1 or marker == 0xED) or (marker == 0xE2 and body.startswith(b"MPF")):
            segment = b""  # XMP / Photoshop IPTC / multi-picture index
        out.append(segment)
        pos += 2 + length
        if marker == 0xDA:  # start of scan: copy entropy-coded data up to the next marker
            end = pos
            while True:
                end = data.find(b"\xff", end)
                if end < 0 or end + 1 >= len(data):
                    end = len(data)
                    break
                following = data[end + 1]
                if following == 0 or 0xD0 <= following <= 0xD7 or following == 0xFF:
                    end += 1 if following == 0xFF else 2
                    continue
                break
            out.append(data[pos:end])
            pos = end
    return b"".join(out)


def _jpeg_segment(marker: int, body: bytes) -> bytes:
    if not body or len(body) + 2 > 0xFFFF:
        return b""
    return bytes((0xFF, marker)) + struct.pack(">H", len(body) + 2) + body


def _clean_exif(body: bytes) -> bytes:
    exif = Image.Exif()
    try:
        exif.load(body)
        sub = exif.get_ifd(EXIF_IFD)
        for tag in PRIVATE_EXIF_TAGS:
            sub.pop(tag, None)
        exif.pop(GPS_IFD, None)
        exif._ifds.pop(GPS_IFD, None)  # Pillow would write the loaded GPS IFD back
        for tag in PRIVATE_IFD0_TAGS:
            exif.pop(tag, None)
        return exif.tobytes()
    except Exception:
        return b""  # unreadable EXIF: publish none rather than leak it
