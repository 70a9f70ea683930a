"""``make html`` and ``make publish``: the build of `thidua.cli.build`, with the content
folder listed for the fingerprint in a forked process from the first moment, while this
one imports Pelican and its libraries (`fingerprint.EarlyListing`).

Nothing heavy is imported before the fork: a copy of a small process is cheap, and the
listing must not wait for the imports it runs beside.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from thidua.cli import fingerprint


def start_listing(argv: list[str]) -> fingerprint.EarlyListing | None:
    """The content's listing started for the build `argv` asks for (none for a check)."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--content", default="content")
    parser.add_argument("--output", default="output")
    parser.add_argument("--check-only", action="store_true")
    known, _rest = parser.parse_known_args(argv)
    content = Path(known.content)
    if known.check_only or not content.is_dir():
        return None
    output = Path(known.output).resolve()
    return fingerprint.EarlyListing(content.resolve(), fingerprint.file_digests_path(output),
                                    fingerprint.LISTING_WORKERS)  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    early = start_listing(argv)
    from thidua.cli import build  # after the fork: the point of this module

    return build.main(argv, early)


if __name__ == "__main__":
    status = main()  # (thidua.cli.build is imported by now, not before the fork)
    from thidua.cli.build import exit_now

    exit_now(status)
