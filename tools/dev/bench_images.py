"""Benchmark of the gallery's image pipeline against a plain Pillow loop (``make bench-images``).

Generates N large JPEGs (default 200 at 4000×3000, kept in .cache/bench-images
between runs, never committed), then times on the same files:

  baseline  plain Pillow, one image after the other: open, exif_transpose,
            resize each configured width from the full image, save JPEG and WebP
            (same widths, qualities and encoder settings as the pipeline);
  cold      our pipeline with an empty cache: reduced-size JPEG decoding, all
            widths from one decode, a thread pool across cores, then every
            derivative linked into a fresh output folder;
  warm      our pipeline again with nothing changed, into another fresh output
            folder (what every rebuild of the site does).

Baseline and cold pipeline take turns on batches of 20 images, so other work on
the machine weighs on both alike; CPU time is printed beside wall-clock time.
Targets: cold at least 3× faster than the baseline per image; warm under 1 ms a photo.

    python tools/bench_images.py [--count 200] [--size 4000x3000] [--workers N]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageOps

from thidua import PROJECT_ROOT
from thidua.gallery import settings as gallery_settings
from thidua.gallery.cache import Cache
from thidua.gallery.model import PublishPlan
from thidua.gallery.pool import process_all
from thidua.gallery.publish import publish
from thidua.gallery.sources import PhotoRef

ROOT = PROJECT_ROOT

VARIANTS = 6  # distinct drawn scenes; every file still differs (its own number and shift)


# -- Test images ------------------------------------------------------------------


def scene(size: tuple[int, int], seed: int) -> Image.Image:
    """A photograph-like picture: gradient, many shapes, blur and sensor grain."""
    rnd = random.Random(seed)
    w, h = size
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    tint = Image.new("RGB", size, (rnd.randrange(90, 200), rnd.randrange(60, 160), 80))
    image = Image.blend(image, tint, 0.6)
    draw = ImageDraw.Draw(image)
    for _ in range(400):
        x, y = rnd.randrange(w), rnd.randrange(h)
        r = rnd.randrange(w // 80, w // 20)
        colour = tuple(rnd.randrange(20, 240) for _ in range(3))
        if rnd.random() < 0.5:
            draw.ellipse([x, y, x + r, y + r * 1.2], fill=colour)
        else:
            draw.rectangle([x, y, x + r * 1.5, y + r], fill=colour)
    image = image.filter(ImageFilter.GaussianBlur(max(1, w // 1500)))
    grain = Image.effect_noise(size, 18).convert("RGB")
    return Image.blend(image, grain, 0.07)


def make_images(folder: Path, count: int, size: tuple[int, int]) -> list[str]:
    """`count` distinct JPEGs of `size` in `folder` (reused when already there)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"anh-{i:04d}.jpg" for i in range(count)]
    missing = [p for p in paths if not p.exists()]
    if missing:
        print(f"generating {len(missing)} test images of {size[0]}×{size[1]} in {folder} …")
        bases = [scene(size, seed) for seed in range(VARIANTS)]
        for path in missing:
            number = int(path.stem.split("-")[1])
            image = bases[number % VARIANTS].copy()
            draw = ImageDraw.Draw(image)
            draw.rectangle(
                [number % 97 * 20, 40, number % 97 * 20 + 300, 200], fill=(250, 250, 250)
            )
            draw.text((number % 97 * 20 + 20, 80), f"{number:04d}", fill=(0, 0, 0))
            image.save(path, "JPEG", quality=90)
    return [str(p) for p in paths]


# -- The three timings ------------------------------------------------------------


def baseline(paths: list[str], gs, out: Path) -> tuple[float, float]:
    """Plain Pillow, serial: what a straightforward script would do. (wall, CPU) seconds."""
    out.mkdir(parents=True, exist_ok=True)
    started, cpu = time.perf_counter(), time.process_time()
    for number, path in enumerate(paths):
        with Image.open(path) as opened:
            image = ImageOps.exif_transpose(opened)
        for width in gs.widths:
            height = round(image.height * width / image.width)
            resized = image.resize((width, height))
            stem = out / f"{number}-{width}"
            resized.save(
                f"{stem}.jpg",
                "JPEG",
                quality=gs.jpeg_quality,
                progressive=gs.jpeg_progressive,
                optimize=not gs.jpeg_progressive,
            )
            resized.save(f"{stem}.webp", "WEBP", quality=gs.webp_quality, method=gs.webp_method)
    return time.perf_counter() - started, time.process_time() - cpu


def pipeline(paths: list[str], gs, output: Path) -> tuple[float, float, int]:
    """Our pipeline into a fresh output folder: (wall s, CPU s of all threads, processed)."""
    started, cpu = time.perf_counter(), time.process_time()
    cache = Cache(gs)
    results, stats = process_all(paths, cache, quiet=True)
    plan = PublishPlan(gs, cache.object_dir)
    for path in paths:
        result = results[path]
        if result.error:
            raise SystemExit(f"{path}: {result.error}")
        plan.photo(PhotoRef(os.path.basename(path), path), result.key, result.entry, "bench")
    cache.save()
    publish(plan, str(output), cache)
    return time.perf_counter() - started, time.process_time() - cpu, stats.processed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=200, help="number of images (200)")
    parser.add_argument("--size", default="4000x3000", help="image size, WxH (4000x3000)")
    parser.add_argument("--workers", type=int, default=None, help="threads (one per CPU)")
    parser.add_argument(
        "--images",
        default=str(ROOT / ".cache" / "bench-images"),
        help="where the generated images are kept",
    )
    parser.add_argument("--warm-runs", type=int, default=5, help="warm runs, best is kept")
    parser.add_argument("--batch", type=int, default=20, help="images a turn (20)")
    parser.add_argument("--webp-method", type=int, default=None, help="GALLERY_WEBP_METHOD")
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.lower().split("x"))

    paths = make_images(Path(args.images) / f"{width}x{height}", args.count, (width, height))
    n = len(paths)
    with tempfile.TemporaryDirectory(prefix="bench-images-") as tmp:
        tmp_path = Path(tmp)
        gs = gallery_settings.resolve(
            {
                "PATH": str(tmp_path / "content"),
                "GALLERY_CACHE_PATH": str(tmp_path / "cache"),
                "GALLERY_WORKERS": args.workers,
                "GALLERY_QUIET": True,
                **(
                    {"GALLERY_WEBP_METHOD": args.webp_method}
                    if args.webp_method is not None
                    else {}
                ),
            }
        )
        # Read every file once so neither side pays for a cold disk.
        for path in paths:
            Path(path).read_bytes()

        print(
            f"{n} images of {width}×{height}, widths {list(gs.widths)}, formats "
            f"{list(gs.formats)}, {gs.workers} worker thread(s), {os.cpu_count()} CPU(s)"
        )
        # Baseline and cold pipeline take turns on batches of images, so that other work
        # on the machine (which comes and goes) weighs on both alike.
        base = base_cpu = cold = cold_cpu = 0.0
        processed = 0
        for start in range(0, n, args.batch):
            batch = paths[start : start + args.batch]
            seconds, cpu = baseline(batch, gs, tmp_path / "baseline")
            shutil.rmtree(tmp_path / "baseline", ignore_errors=True)
            base, base_cpu = base + seconds, base_cpu + cpu
            seconds, cpu, count = pipeline(batch, gs, tmp_path / f"output-cold-{start}")
            cold, cold_cpu, processed = cold + seconds, cold_cpu + cpu, processed + count
        warm_runs = []
        for run in range(args.warm_runs):
            seconds, cpu, again = pipeline(paths, gs, tmp_path / f"output-warm-{run}")
            warm_runs.append((seconds, cpu))
            if again:
                raise SystemExit(f"warm run processed {again} photos: the cache missed")
        warm, warm_cpu = min(warm_runs)

        files = sum(1 for _ in (tmp_path / "output-warm-0").rglob("*.*"))
        rows = [
            ("baseline (plain Pillow, serial)", base, base_cpu),
            (f"cold pipeline ({processed} processed)", cold, cold_cpu),
            ("warm pipeline (nothing changed)", warm, warm_cpu),
        ]
        print(f"\n{'':34} {'wall s':>8} {'ms / image':>11} {'CPU ms / image':>15}")
        for label, seconds, cpu in rows:
            print(f"{label:34} {seconds:8.2f} {seconds / n * 1000:11.2f} {cpu / n * 1000:15.2f}")
        speedup = base / cold
        print(
            f"\ncold speed-up over baseline: {speedup:.1f}× wall clock (target ≥ 3×), "
            f"{base_cpu / cold_cpu:.1f}× less CPU"
        )
        median = statistics.median(w for w, _ in warm_runs) / n * 1000
        print(
            f"warm: {warm / n * 1000:.3f} ms per photo (target < 1 ms), median of "
            f"{len(warm_runs)} runs {median:.3f} ms; {files} files placed per build"
        )
        print(
            f"load average now {os.getloadavg()[0]:.1f} (other work on the machine slows all rows)"
        )
        ok = speedup >= 3 and warm / n < 0.001
        print("targets met" if ok else "TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
