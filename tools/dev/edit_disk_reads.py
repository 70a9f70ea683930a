"""One edit's rebuild, and what it read from the disk (Linux, as root).

    python tools/dev/edit_disk_reads.py CORPUS [--article N] [--drop] [--reads-per-second R]

CORPUS holds `content/` and an `out/` already built (a `make bench-pelican` corpus, or
`bench_pelican.py`'s generator). The article's body is edited, the page cache dropped
(`--drop`: ``echo 1 > /proc/sys/vm/drop_caches``, as the machine does to what stays
unused for a minute), and the build run as ``make html`` runs it, optionally in a
cgroup (v1 blkio) whose disk reads are limited to R a second: a disk that answers
slowly. Printed: the build's steps (`THIDUA_TIMINGS`), its wall time, and the disk's
reads, kilobytes read and busy milliseconds (`/proc/diskstats`) during the build.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_pelican  # beside this file

CGROUP = Path("/sys/fs/cgroup/blkio/thidua-slow-disk")


def disk_of(path: Path) -> tuple[str, str]:
    """(name in /proc/diskstats, "major:minor") of the disk holding `path`."""
    device = os.stat(path).st_dev
    major, minor = os.major(device), os.minor(device)
    for line in Path("/proc/diskstats").read_text().splitlines():
        fields = line.split()
        if (int(fields[0]), int(fields[1])) == (major, minor):
            return fields[2], f"{major}:{minor}"
    raise SystemExit(f"no disk for {path} in /proc/diskstats")


def disk_counts(name: str) -> tuple[int, int, int]:
    """(reads completed, sectors read, milliseconds spent doing I/O) of disk `name`."""
    for line in Path("/proc/diskstats").read_text().splitlines():
        fields = line.split()
        if fields[2] == name:
            return int(fields[3]), int(fields[5]), int(fields[12])
    raise SystemExit(f"no disk {name}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--article", type=int, default=17)
    parser.add_argument("--drop", action="store_true", help="drop the page cache first")
    parser.add_argument("--reads-per-second", type=int, default=0)
    args = parser.parse_args()
    corpus = args.corpus.resolve()
    root = Path(__file__).resolve().parents[2]
    bench_pelican.edit_article(corpus / "content", args.article, f"sửa-{time.time_ns()}")
    name, numbers = disk_of(corpus)
    command = [sys.executable, "-m", "thidua.cli.html", "--content", "content",
               "--output", "out", "--settings", str(root / "pelicanconf.py")]  # fmt: skip
    preexec = None
    if args.reads_per_second:
        CGROUP.mkdir(exist_ok=True)
        (CGROUP / "blkio.throttle.read_iops_device").write_text(
            f"{numbers} {args.reads_per_second}\n"
        )

        def preexec():  # the build and every process it starts
            (CGROUP / "cgroup.procs").write_text(str(os.getpid()))

    subprocess.run(["sync"], check=True)
    if args.drop:
        Path("/proc/sys/vm/drop_caches").write_text("1\n")
    environment = dict(os.environ, THIDUA_TIMINGS="1", PYTHONPATH=str(root))
    before, started = disk_counts(name), time.perf_counter()
    done = subprocess.run(command, cwd=corpus, env=environment, capture_output=True, text=True,
                          preexec_fn=preexec)  # fmt: skip
    seconds, after = time.perf_counter() - started, disk_counts(name)
    for line in done.stderr.splitlines():
        if line.startswith("timings"):
            print(line)
    reads, sectors, busy = (b - a for a, b in zip(before, after, strict=True))
    print(f"build {seconds:.2f} s (exit {done.returncode}): {reads} reads, "
          f"{sectors // 2} KiB read, disk busy {busy} ms")  # fmt: skip
    return done.returncode


if __name__ == "__main__":
    raise SystemExit(main())
