"""Build, serve on localhost and rebuild when content, theme or plugins change.

``make serve`` runs this. A failed rebuild prints its problems and keeps
serving the last good site.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import threading
from pathlib import Path

import watchfiles

from thidua import PROJECT_ROOT
from thidua.cli import build

ROOT = PROJECT_ROOT


def serve(output: Path, bind: str, port: int) -> http.server.ThreadingHTTPServer:
    # The handler resolves `directory` on every request, so a swapped-in site is served at once.
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(output))
    server = http.server.ThreadingHTTPServer((bind, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", default="content")
    parser.add_argument("--output", default="output")
    parser.add_argument("--settings", default=str(ROOT / "pelicanconf.py"))
    parser.add_argument("--bind", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    build_args = ["--content", args.content, "--output", args.output, "--settings", args.settings]
    if build.main(build_args) != 0 and not Path(args.output).is_dir():
        return 1
    output = Path(args.output).resolve()
    serve(output, args.bind, args.port)
    print(f"Serving {output} on http://{args.bind}:{args.port}/ — Ctrl+C to stop.")
    watched = [args.content, ROOT / "theme", ROOT / "plugins", args.settings]
    try:
        for changes in watchfiles.watch(*watched, debounce=400):
            print(f"{len(changes)} change(s); rebuilding…")
            build.main(build_args)
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
