"""Draw the sample articles' photos with Pillow: plausible ceremony scenes, no real people.

For every article folder under ``<content>/articles`` it reads the ``photos:`` list
of ``index.md`` and draws each missing file as a 1600 px wide JPEG: a hall with
rows of delegates, a red banner with the article's title, a signing table, a group
photo, an award line-up, a sports field... The scene is chosen from the file name
and everything is deterministic (the same names give the same bytes).

To show the image pipeline at work, two photos are stored rotated with an EXIF
orientation tag, and one carries camera data with a GPS position (the published
derivatives must have none of it). The source and licence of every photo are
written to ``<content>/PHOTOS-LICENSE.md`` (outside ``articles/``, where Pelican and
``make check`` would take it for an article).

    python tools/make_sample_photos.py --content content [--force] [--wait 60]
"""

from __future__ import annotations

import argparse
import hashlib
import io
import math
import random
import re
import sys
import time
from pathlib import Path

import yaml
from PIL import Image, ImageDraw, ImageFilter, ImageFont

WIDTH, HEIGHT = 1600, 1067
MIN_BYTES, MAX_BYTES = 60_000, 150_000
TOTAL_LIMIT = 15 * 1024 * 1024
FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/Library/Fonts")
HEADER = re.compile(r"\A\s*---\n(.*?)\n(?:---|\.\.\.)\s*\n", re.S)

# Fixed demonstrations of the pipeline: (article folder name, file) -> EXIF orientation.
ROTATED = {6, 8}
SKIN = [(233, 194, 160), (214, 170, 130), (196, 150, 112), (224, 182, 148), (180, 135, 100)]
HAIR = [(25, 22, 20), (40, 32, 28), (60, 45, 35), (15, 15, 18)]
UNIFORM = [(28, 44, 84), (35, 52, 96), (22, 36, 70)]
SHIRTS = [(240, 240, 236), (214, 226, 240), (236, 232, 220)]
FESTIVE = [(200, 30, 40), (240, 200, 60), (30, 120, 200), (230, 120, 160), (250, 250, 250)]


# -- Reading the articles -------------------------------------------------------


def article_photos(content: Path) -> list[tuple[Path, dict, list[dict]]]:
    """(article folder, front matter, photo entries) for every article with a photos list."""
    found = []
    for index in sorted((content / "articles").rglob("index.md")):
        match = HEADER.match(index.read_text(encoding="utf-8"))
        if not match:
            continue
        meta = yaml.safe_load(match.group(1)) or {}
        entries = [
            e if isinstance(e, dict) else {"file": e}
            for e in meta.get("photos") or []
            if isinstance(e, (dict, str))
        ]
        entries = [e for e in entries if e.get("file")]
        if entries:
            found.append((index.parent, meta, entries))
    return found


# -- Drawing helpers ------------------------------------------------------------


def font(size: int, bold: bool = True) -> ImageFont.ImageFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in FONT_DIRS:
        path = Path(folder) / name
        if path.exists():
            return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


def vertical_gradient(size, top, bottom) -> Image.Image:
    mask = Image.linear_gradient("L").resize(size)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def person(
    draw: ImageDraw.ImageDraw,
    rnd: random.Random,
    x: float,
    y: float,
    scale: float,
    back: bool = False,
    clothes=None,
    standing: bool = False,
) -> None:
    """A stylised person, head centred at (x, y); seen from behind when `back`."""
    head = 26 * scale
    body_w, body_h = 70 * scale, (150 if standing else 90) * scale
    clothes = clothes or rnd.choice(UNIFORM + SHIRTS)
    draw.rounded_rectangle(
        [x - body_w / 2, y + head * 0.8, x + body_w / 2, y + head * 0.8 + body_h],
        radius=int(18 * scale),
        fill=clothes,
    )
    if not back and clothes in UNIFORM:  # white shirt collar and tie of the uniform
        draw.polygon(
            [
                (x - 10 * scale, y + head * 0.85),
                (x + 10 * scale, y + head * 0.85),
                (x, y + head * 0.85 + 32 * scale),
            ],
            fill=(245, 245, 245),
        )
    skin = rnd.choice(SKIN)
    hair = rnd.choice(HAIR)
    draw.ellipse([x - head * 0.8, y - head, x + head * 0.8, y + head], fill=hair if back else skin)
    if not back:
        draw.chord(
            [x - head * 0.82, y - head * 1.05, x + head * 0.82, y + head * 0.2], 180, 360, fill=hair
        )


def flag(draw: ImageDraw.ImageDraw, x: float, y: float, w: float) -> None:
    """The national flag: red field, yellow five-pointed star."""
    h = w * 2 / 3
    draw.rectangle([x, y, x + w, y + h], fill=(218, 37, 29))
    cx, cy, r = x + w / 2, y + h / 2, h * 0.3
    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.4
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    draw.polygon(points, fill=(255, 221, 0))


def banner(image: Image.Image, box, lines: list[str]) -> None:
    """A red backdrop with yellow lettering, like those hung behind every ceremony stage."""
    draw = ImageDraw.Draw(image)
    x0, y0, x1, y1 = box
    draw.rectangle(box, fill=(178, 22, 30))
    draw.rectangle([x0, y0, x1, y0 + 8], fill=(140, 14, 20))
    flag(draw, x0 + 30, y0 + 30, (y1 - y0) * 0.45)
    usable = x1 - x0 - (y1 - y0) * 0.45 - 90
    top = y0 + (y1 - y0) * 0.18
    for number, line in enumerate(lines):
        size = int((y1 - y0) * (0.17 if number == 0 else 0.13))
        face = font(size)
        while size > 12 and draw.textlength(line, font=face) > usable:
            size -= 2
            face = font(size)
        width = draw.textlength(line, font=face)
        centre = x0 + (y1 - y0) * 0.45 + 60 + usable / 2
        draw.text((centre - width / 2, top), line, font=face, fill=(255, 226, 80))
        top += size * 1.35


def banner_lines(meta: dict) -> list[str]:
    title = str(meta.get("title", "Hội nghị thi đua")).upper()
    words = title.split()
    half = (len(words) + 1) // 2
    first, second = " ".join(words[:half]), " ".join(words[half:])
    date = str(meta.get("date", ""))[:10]
    when = f"{date[8:10]}/{date[5:7]}/{date[:4]}" if len(date) == 10 else ""
    place = str(meta.get("location", "")).split(",")[0]
    third = " – ".join(p for p in (place, when) if p)
    return [line for line in (first, second, third) if line]


def flowers(draw: ImageDraw.ImageDraw, rnd: random.Random, x0, x1, y, size=18) -> None:
    for _ in range(int((x1 - x0) / size)):
        x = rnd.uniform(x0, x1)
        colour = rnd.choice([(240, 200, 40), (230, 60, 80), (250, 250, 250), (250, 140, 40)])
        draw.ellipse([x - size, y - size + rnd.uniform(-8, 8), x + size, y + size], fill=colour)
    draw.rectangle([x0, y + size * 0.6, x1, y + size * 2.2], fill=(40, 110, 50))


# -- Scenes ---------------------------------------------------------------------


def scene_hall(rnd: random.Random, meta: dict) -> Image.Image:
    """Wide view of a hall: stage with banner and head table, audience from behind."""
    image = vertical_gradient((WIDTH, HEIGHT), (222, 210, 188), (150, 128, 104))
    draw = ImageDraw.Draw(image)
    banner(image, (230, 60, 1370, 400), banner_lines(meta))
    draw.rectangle([120, 400, 1480, 470], fill=(120, 72, 40))  # stage edge
    draw.rectangle([420, 330, 1180, 420], fill=(190, 28, 36))  # head table cloth
    for i in range(5):
        person(draw, rnd, 480 + i * 160, 300, 0.8, clothes=rnd.choice(UNIFORM))
    draw.rectangle([420, 360, 1180, 430], fill=(190, 28, 36))
    flowers(draw, rnd, 430, 1170, 420, 14)
    draw.rectangle([1230, 300, 1330, 460], fill=(150, 92, 50))  # podium
    for row in range(5):
        scale = 0.9 + row * 0.32
        y = 560 + row * 110
        count = 11 - row
        for i in range(count):
            x = (i + 0.5) * WIDTH / count + rnd.uniform(-20, 20)
            person(draw, rnd, x, y, scale, back=True)
    return image


def scene_signing(rnd: random.Random, meta: dict) -> Image.Image:
    """Leaders seated at a table with red cloth, each signing a blue folder."""
    image = vertical_gradient((WIDTH, HEIGHT), (214, 200, 176), (170, 150, 124))
    draw = ImageDraw.Draw(image)
    banner(image, (60, 40, 1540, 360), banner_lines(meta))
    seats = rnd.randint(3, 5)
    for i in range(seats):
        x = (i + 0.5) * WIDTH / seats
        person(draw, rnd, x, 520, 1.5, clothes=rnd.choice(UNIFORM))
    draw.rectangle([0, 700, WIDTH, HEIGHT], fill=(186, 26, 34))
    draw.rectangle([0, 700, WIDTH, 720], fill=(150, 16, 24))
    for i in range(seats):
        x = (i + 0.5) * WIDTH / seats
        draw.rectangle([x - 120, 760, x + 120, 920], fill=(30, 80, 150))
        draw.rectangle([x - 105, 775, x + 105, 905], fill=(245, 245, 240))
        for line in range(6):
            draw.line(
                [x - 90, 795 + line * 18, x + 80, 795 + line * 18], fill=(150, 150, 150), width=3
            )
        draw.line([x + 40, 860, x + 130, 800], fill=(20, 20, 20), width=8)  # pen
        draw.ellipse([x - 70, 930, x - 10, 960], fill=(240, 240, 240))  # name plate glare
    flowers(draw, rnd, 20, WIDTH - 20, 1010, 16)
    return image


def scene_group(rnd: random.Random, meta: dict) -> Image.Image:
    """A group photo on the steps in front of an agency building."""
    image = vertical_gradient((WIDTH, HEIGHT), (150, 190, 230), (236, 240, 244))
    draw = ImageDraw.Draw(image)
    draw.rectangle([100, 120, 1500, 640], fill=(238, 226, 196))  # facade
    for i in range(9):
        x = 170 + i * 150
        draw.rectangle([x, 200, x + 90, 330], fill=(90, 120, 150))
        draw.rectangle([x, 400, x + 90, 530], fill=(90, 120, 150))
    draw.rectangle([560, 130, 1040, 190], fill=(178, 22, 30))
    name = str(meta.get("location", "TRỤ SỞ")).split(",")[0].upper()[:40]
    face = font(30)
    draw.text(
        (800 - draw.textlength(name, font=face) / 2, 142), name, font=face, fill=(255, 226, 80)
    )
    for step in range(4):
        draw.rectangle([0, 640 + step * 40, WIDTH, 680 + step * 40], fill=(200 - step * 12,) * 3)
    draw.rectangle([0, 800, WIDTH, HEIGHT], fill=(120, 120, 118))
    for row, (y, scale, count) in enumerate([(560, 1.15, 10), (640, 1.25, 9), (730, 1.35, 8)]):
        for i in range(count):
            x = 160 + (i + 0.5) * (1280 / count) + (row % 2) * 20
            person(draw, rnd, x, y, scale, standing=True, clothes=rnd.choice(UNIFORM + SHIRTS))
    return image


def scene_award(rnd: random.Random, meta: dict) -> Image.Image:
    """People lined up on stage holding certificates and flowers."""
    image = vertical_gradient((WIDTH, HEIGHT), (200, 186, 160), (120, 96, 74))
    draw = ImageDraw.Draw(image)
    banner(image, (80, 40, 1520, 380), banner_lines(meta))
    draw.rectangle([0, 900, WIDTH, HEIGHT], fill=(118, 70, 40))
    count = rnd.randint(5, 7)
    for i in range(count):
        x = (i + 0.5) * WIDTH / count
        person(draw, rnd, x, 520, 1.5, standing=True, clothes=rnd.choice(UNIFORM + SHIRTS))
        draw.rectangle([x - 60, 640, x + 60, 730], fill=(240, 205, 70))  # certificate
        draw.rectangle([x - 50, 650, x + 50, 720], fill=(250, 240, 210))
        for _ in range(6):
            fx, fy = x + rnd.uniform(40, 90), 620 + rnd.uniform(-20, 40)
            draw.ellipse([fx - 16, fy - 16, fx + 16, fy + 16], fill=rnd.choice(FESTIVE))
    return image


def scene_speaker(rnd: random.Random, meta: dict) -> Image.Image:
    """A speaker at the podium before the banner."""
    image = vertical_gradient((WIDTH, HEIGHT), (216, 204, 180), (140, 116, 90))
    draw = ImageDraw.Draw(image)
    banner(image, (40, 40, 1560, 420), banner_lines(meta))
    person(draw, rnd, 980, 560, 2.0, clothes=rnd.choice(UNIFORM))
    draw.polygon([(820, 700), (1140, 700), (1100, HEIGHT), (860, HEIGHT)], fill=(150, 92, 50))
    draw.rectangle([880, 760, 1080, 820], fill=(178, 22, 30))
    draw.line([960, 700, 940, 610], fill=(30, 30, 30), width=8)  # microphone
    draw.ellipse([925, 590, 955, 625], fill=(40, 40, 40))
    flowers(draw, rnd, 830, 1130, 700, 18)
    for i in range(3):  # head table on the side
        person(draw, rnd, 140 + i * 170, 640, 1.1, clothes=rnd.choice(UNIFORM))
    draw.rectangle([40, 730, 640, HEIGHT], fill=(190, 28, 36))
    return image


def scene_sport(rnd: random.Random, meta: dict, name: str) -> Image.Image:
    """A pitch or court with two teams (volleyball net, tug-of-war rope or football)."""
    image = vertical_gradient((WIDTH, HEIGHT), (140, 185, 230), (210, 225, 240))
    draw = ImageDraw.Draw(image)
    court = (196, 120, 80) if "chuyen" in name else (60, 140, 70)
    draw.rectangle([0, 380, WIDTH, HEIGHT], fill=court)
    draw.rectangle([0, 330, WIDTH, 380], fill=(70, 110, 60))  # trees
    for x in range(0, WIDTH, 60):
        draw.ellipse([x - 20, 280, x + 60, 370], fill=(50 + x % 40, 110, 55))
    draw.line([100, 1000, 1500, 1000], fill=(245, 245, 245), width=6)
    draw.line([800, 400, 800, HEIGHT], fill=(245, 245, 245), width=6)
    teams = [
        rnd.choice([(200, 30, 40), (240, 200, 40)]),
        rnd.choice([(30, 90, 190), (250, 250, 250)]),
    ]
    for side, colour in enumerate(teams):
        for i in range(6):
            x = (180 + i * 100) if side == 0 else (900 + i * 100)
            y = 560 + rnd.uniform(-40, 120)
            person(draw, rnd, x, y, 1.0 + (y - 520) / 500, standing=True, clothes=colour)
    if "keo-co" in name:
        draw.line([150, 700, 1450, 700], fill=(200, 170, 110), width=14)
    elif "chuyen" in name:
        draw.rectangle([795, 380, 805, 760], fill=(40, 40, 40))
        for y in range(440, 560, 14):
            draw.line([20, y, 1580, y], fill=(30, 30, 30), width=2)
    else:
        draw.ellipse([760, 860, 820, 920], fill=(250, 250, 250))
    banner(image, (420, 40, 1180, 250), banner_lines(meta)[:2])
    return image


def scene_stage(rnd: random.Random, meta: dict) -> Image.Image:
    """A performance: performers in áo dài under coloured stage lights."""
    image = vertical_gradient((WIDTH, HEIGHT), (40, 20, 70), (110, 40, 90))
    draw = ImageDraw.Draw(image)
    banner(image, (200, 40, 1400, 330), banner_lines(meta))
    for i in range(6):
        x = 150 + i * 260
        draw.polygon([(x, 0), (x + 60, 0), (x + 240, 900), (x - 180, 900)], fill=(120, 80, 150))
    draw.rectangle([0, 880, WIDTH, HEIGHT], fill=(90, 60, 40))
    for i in range(6):
        x = 250 + i * 220
        colour = rnd.choice([(240, 240, 245), (230, 60, 80), (250, 210, 80), (120, 170, 230)])
        person(draw, rnd, x, 560, 1.4, standing=True, clothes=colour)
        draw.polygon([(x - 50, 700), (x + 50, 700), (x + 80, 880), (x - 80, 880)], fill=colour)
    return image


def scene_ballot(rnd: random.Random, meta: dict) -> Image.Image:
    """Delegates queue to drop their vote into the ballot box."""
    image = scene_hall(rnd, meta)
    draw = ImageDraw.Draw(image)
    draw.rectangle([620, 560, 980, 900], fill=(178, 22, 30))
    draw.rectangle([740, 560, 860, 580], fill=(30, 30, 30))
    face = font(44)
    label = "HÒM PHIẾU"
    draw.text(
        (800 - draw.textlength(label, font=face) / 2, 700), label, font=face, fill=(255, 226, 80)
    )
    for i in range(3):
        person(draw, rnd, 1080 + i * 150, 560, 1.5, standing=True, clothes=rnd.choice(UNIFORM))
    return image


def scene_screen(rnd: random.Random, meta: dict) -> Image.Image:
    """An online meeting: the big screen shows the connected units."""
    image = scene_hall(rnd, meta)
    draw = ImageDraw.Draw(image)
    draw.rectangle([300, 80, 1300, 520], fill=(20, 24, 30))
    for row in range(2):
        for col in range(3):
            x, y = 320 + col * 330, 100 + row * 210
            draw.rectangle([x, y, x + 310, y + 195], fill=(200, 190, 170))
            draw.rectangle([x, y, x + 310, y + 40], fill=(178, 22, 30))
            for i in range(3):
                person(draw, rnd, x + 60 + i * 95, y + 110, 0.7, clothes=rnd.choice(UNIFORM))
    return image


SCENES = [
    (("ky-ket", "trao-giao-uoc", "trao-doi-van-ban", "ban-giao", "gioi-thieu"), scene_signing),
    (("chup-anh", "doi-nam-nu", "hai-doi", "chao-don", "diem-cau"), scene_group),
    (("trao-giai", "trao-co", "tang-hoa", "chuc-mung", "tang-qua"), scene_award),
    (("phat-bieu", "chu-tri", "bao-cao", "tham-luan", "thao-luan", "khai-mac"), scene_speaker),
    (("bo-phieu", "kiem-phieu"), scene_ballot),
    (("man-hinh",), scene_screen),
    (("van-nghe", "tiet-muc"), scene_stage),
]
SPORT = ("bong", "keo-co", "chuyen", "the-thao")


def pick_scene(stem: str):
    if any(word in stem for word in SPORT):
        return scene_sport
    for words, scene in SCENES:
        if any(word in stem for word in words):
            return scene
    return scene_hall


def describe(scene) -> str:
    """The scene's description for the licence record: its docstring's first phrase."""
    return re.split(r"[.:(]", scene.__doc__)[0].strip()


def draw_scene(name: str, meta: dict) -> tuple[Image.Image, str]:
    """The picture for one file name (``folder/file.jpg``), and the scene drawn."""
    seed = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big")
    rnd = random.Random(seed)
    stem = Path(name).stem
    scene = pick_scene(stem)
    image = scene(rnd, meta, stem) if scene is scene_sport else scene(rnd, meta)
    return finish(image, rnd), describe(scene)


def finish(image: Image.Image, rnd: random.Random) -> Image.Image:
    """Soften the drawing and add sensor grain so it compresses like a photograph."""
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    grain = Image.effect_noise(image.size, 24).convert("RGB")
    image = Image.blend(image, grain, 0.06)
    light = vertical_gradient(image.size, (255, 250, 240), (210, 205, 200))
    return Image.blend(image, light, rnd.uniform(0.05, 0.12))


# -- Writing --------------------------------------------------------------------


def encode(image: Image.Image, exif: Image.Exif | None = None) -> bytes:
    """A JPEG between MIN_BYTES and MAX_BYTES, by adjusting the quality."""
    quality = 78
    while True:
        out = io.BytesIO()
        image.save(out, "JPEG", quality=quality, optimize=True, exif=exif or b"")
        size = out.tell()
        if size > MAX_BYTES and quality > 40:
            quality -= 6
        elif size < MIN_BYTES and quality < 92:
            quality += 4
        else:
            return out.getvalue()


def camera_exif(orientation: int = 1, gps: bool = False) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "Canon"  # Make
    exif[0x0110] = "Canon EOS 80D"  # Model
    exif[0x0131] = "make_sample_photos.py"  # Software
    if orientation != 1:
        exif[0x0112] = orientation
    if gps:
        exif[0x8825] = {
            1: "N",
            2: (12.0, 0.0, 17.5),  # Gia Nghĩa, Đắk Nông (approximately)
            3: "E",
            4: (107.0, 41.0, 28.8),
        }
        exif[0x8769] = {0xA431: "083021004512", 0xA430: "Van phong VKSND"}  # serial, owner
    return exif


def demo_roles(jobs: list[tuple[Path, dict, dict]]) -> dict[Path, str]:
    """Which photos demonstrate EXIF rotation and GPS stripping (fixed by name order)."""
    roles: dict[Path, str] = {}
    signing = [p for p, _m, _e in jobs if p.name == "ky-ket.jpg"]
    groups = [p for p, _m, _e in jobs if p.name == "chup-anh-luu-niem.jpg"]
    overview = [p for p, _m, _e in jobs if p.name == "toan-canh.jpg"]
    if signing:
        roles[signing[0]] = "rotate-6"
    if groups:
        roles[groups[-1]] = "rotate-8"
    if overview:
        roles[overview[0]] = "gps"
    return roles


def write_photo(path: Path, meta: dict, role: str | None) -> str:
    image, scene = draw_scene(f"{path.parent.name}/{path.name}", meta)
    if role == "rotate-6":  # stored turned 90° anticlockwise, the tag says "turn it back"
        data = encode(image.transpose(Image.Transpose.ROTATE_90), camera_exif(orientation=6))
    elif role == "rotate-8":
        data = encode(image.transpose(Image.Transpose.ROTATE_270), camera_exif(orientation=8))
    elif role == "gps":
        data = encode(image, camera_exif(gps=True))
    else:
        data = encode(image)
    path.write_bytes(data)
    return scene


LICENSE_HEAD = """\
# Sample photos: source and licence

Every JPEG under `content/articles/` is a synthetic picture drawn by
`tools/make_sample_photos.py` with Pillow (shapes, gradients, grain and the
DejaVu Sans typeface for the banner lettering). None is a photograph: no real
person, place or event is shown, and no third-party material is used.

- Author: the project's contributors (generated by `make sample-photos`).
- Licence: the same licence as the rest of this project; the photos may be
  reused, changed and redistributed on the same terms.
- DejaVu fonts (used to draw the lettering) are under the free Bitstream Vera /
  DejaVu licence, which allows embedding the rendered text in pictures.

Some files demonstrate the image pipeline: they are stored rotated with an EXIF
orientation tag, or carry camera data and a GPS position. The site publishes
only derivatives, upright and without any of this metadata.

| File | Scene | Note |
| --- | --- | --- |
"""

NOTES = {
    "rotate-6": "stored rotated, EXIF orientation 6",
    "rotate-8": "stored rotated, EXIF orientation 8",
    "gps": "EXIF camera data, serial number and GPS position",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--content", default="content", help="the content folder")
    parser.add_argument("--force", action="store_true", help="redraw photos that exist")
    parser.add_argument("--wait", type=float, default=0, help="seconds to wait for articles")
    args = parser.parse_args(argv)
    content = Path(args.content)

    deadline = time.monotonic() + args.wait
    articles = article_photos(content)
    while not articles and time.monotonic() < deadline:
        time.sleep(5)
        articles = article_photos(content)
    if not articles:
        print(f"no article with a photos list under {content}/articles", file=sys.stderr)
        return 1

    jobs = [
        (folder / str(entry["file"]), meta, entry)
        for folder, meta, entries in articles
        for entry in entries
        if "/" not in str(entry["file"]) and ".." not in str(entry["file"])
    ]
    roles = demo_roles(jobs)
    rows, written, total = [], 0, 0
    for path, meta, _entry in jobs:
        role = roles.get(path)
        if args.force or not path.exists():
            scene = write_photo(path, meta, role)
            written += 1
        else:
            scene = describe(pick_scene(path.stem))
        total += path.stat().st_size
        rows.append(
            f"| `{path.relative_to(content).as_posix()}` | {scene} | {NOTES.get(role, '')} |"
        )
    (content / "PHOTOS-LICENSE.md").write_text(
        LICENSE_HEAD + "\n".join(rows) + "\n", encoding="utf-8"
    )
    print(f"{written} photos drawn, {len(jobs)} in all, {total / 1e6:.1f} MB")
    if total > TOTAL_LIMIT:
        print(f"the sample photos exceed {TOTAL_LIMIT / 1e6:.0f} MB", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
