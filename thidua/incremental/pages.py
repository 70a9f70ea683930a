"""Pages and feeds written only when what they show changed; the others linked from the
last build's output.

`PortalWriter` is Pelican's writer (same pagination, same signals) with two
differences: a page goes to one worker process (``workers``), chosen by its file
name; and the worker first computes the page's digest (``digest``): when the last
build wrote that file with the same digest, and the file is still exactly the
one it wrote (size, time, inode), it is left where it is when the staging folder
already holds it (``spare.in_place``), else hard-linked into the new output,
instead of rendered. Same digest, same template input, same bytes.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import json
import logging
import os
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from pelican import signals
from pelican.paginator import Paginator
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import Writer

from .digest import PageDigests, Volatile
from .shelf import Shelf
from .templates import TemplateNames

log = logging.getLogger(__name__)

PLAN_KEY = "THIDUA_INCREMENTAL"  # the plan of this build, in its settings
RECORD_NAME = "pages.json"
TEMPLATES_NAME = "templates.json"
RECORDS_NAME = "records"  # `shelf` files: records.NN.pickle
FEED_NAMES = ("SITENAME", "SITESUBTITLE", "SITEURL", "FEED_DOMAIN")  # what feeds read


@dataclass
class PageMemo:
    """What the last build wrote (file → digest and stat) and what this one writes."""

    previous_site: Path | None = None
    previous: dict[str, list] = field(default_factory=dict)
    written: dict[str, list] = field(default_factory=dict)
    kept: dict[str, int] = field(default_factory=dict)  # staging files that are live pages

    @classmethod
    def load(cls, cache_dir: Path | None, previous_site: Path | None) -> PageMemo:
        """The last build's record; empty when there is no last output to link from."""
        if cache_dir is None or previous_site is None or not previous_site.is_dir():
            return cls()
        try:
            previous = json.loads((cache_dir / RECORD_NAME).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls(previous_site)
        return cls(previous_site, previous if isinstance(previous, dict) else {})

    def reusable(self, name: str, digest: str | None) -> str | None:
        """The last build's file for `name`, if it was written for `digest` and is untouched."""
        record = self.previous.get(name)
        if digest is None or record is None or record[0] != digest:
            return None
        old = os.path.join(self._previous_root, name)  # `name` is checked: see _produce
        try:
            stat = os.lstat(old)
        except OSError:
            return None
        if [stat.st_size, stat.st_mtime_ns, stat.st_ino] != record[1:]:
            return None  # edited, replaced or removed since
        return old

    @functools.cached_property
    def _previous_root(self) -> str:
        return str(self.previous_site)

    def suffixes(self) -> frozenset[str]:
        """The suffixes of the last build's pages (what `spare.Emptier` may leave)."""
        return frozenset(os.path.splitext(name)[1] for name in self.previous) - {""}

    def in_place(self, name: str, digest: str | None, path: str) -> bool:
        """Whether `path` (in the staging folder) already is the last build's file for
        `name`, written for `digest` and untouched since (its status the record's): left
        there by the emptier (`spare.in_place`), nothing to link. The live site's file
        is not looked at: this one is the same file, or what it was when written."""
        inode = self.kept.get(name)
        record = self.previous.get(name)
        if inode is None or digest is None or record is None or record[0] != digest:
            return False
        try:
            stat = os.lstat(path)
        except OSError:
            return False
        return [stat.st_size, stat.st_mtime_ns, stat.st_ino] == record[1:] and inode == record[3]

    def remove_unclaimed(self, staging: Path) -> None:
        """Once every page is written: remove the kept files no page of this build claimed
        (a page no longer published); a file written since in its place stays."""
        for name, inode in self.kept.items():
            if name in self.written:
                continue
            path = os.path.join(staging, name)
            with contextlib.suppress(FileNotFoundError):
                if os.lstat(path).st_ino == inode:
                    os.unlink(path)
        self.kept = {}

    def remember(self, name: str, digest: str | None, path: str) -> None:
        if digest is None:
            return
        stat = os.lstat(path)
        self.written[name] = [digest, stat.st_size, stat.st_mtime_ns, stat.st_ino]

    def remember_link(self, name: str, digest: str) -> None:
        """A file linked from the last build: the same inode, so the same record."""
        self.written[name] = [digest, *self.previous[name][1:]]

    def save(self, cache_dir: Path) -> None:
        """After the new output is in place: its files, for the next build."""
        _write_json(cache_dir / RECORD_NAME, self.written)


def _write_json(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    tmp.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)


@dataclass
class RenderPlan:
    """One build's incremental state, shared by its writer and its worker processes."""

    base: bytes  # code, theme, settings, libraries, day: see thidua.cli.fingerprint
    memo: PageMemo = field(default_factory=PageMemo)
    workers: int = 1
    worker: int = 0  # which of the workers this process is
    digests: PageDigests | None = None
    names: TemplateNames = field(default_factory=TemplateNames)
    rendered: int = 0
    reused: int = 0  # linked from the last build, or left in place (`in_place` of them)
    in_place: int = 0
    reader_cache: object = None  # reader_cache.ReaderCache, when the build keeps caches
    cache_dir: Path | None = None  # where the build keeps its caches (None: it keeps none)
    records_known: dict = field(default_factory=dict)  # article digest -> search record
    records_used: dict = field(default_factory=dict)
    index_search: object = None  # a function of the search records that makes the index
    prewarmed: int = 0  # files the reader cache lacked, read by `reader_cache.prewarm`
    records_shelf: Shelf | None = None  # where `records_known` came from
    output_listings: object = None  # folder_listings.FolderListings of the output's folders

    def load_caches(self, cache_dir: Path) -> None:
        """The names each template reads (`templates.TemplateNames`) and the search records
        of the last build (`search_record`)."""
        try:
            known = json.loads((cache_dir / TEMPLATES_NAME).read_text(encoding="utf-8"))
        except (OSError, ValueError, TypeError):
            known = {}
        self.names = TemplateNames(known if isinstance(known, dict) else {})
        # Another code, settings or day: no record can match, so none is loaded (memory).
        self.records_shelf = Shelf(cache_dir, RECORDS_NAME, self.base, _by_key)
        self.records_known = self.records_shelf.load()

    def search_record(self, article, make):
        """The search record of `article`, kept from the last build when the article's digest
        (everything it holds, its HTML included) is the same, else made by `make`."""
        try:
            seen = self.digests.value(article, (article.settings.get("SITEURL"), True))
        except Volatile:
            return make(article)
        key = hashlib.blake2b(self.base + seen, digest_size=20).digest()  # + code, settings
        record = self.records_known.get(key)
        if record is None:
            record = make(article)
        self.records_used[key] = record
        return record

    def save(self, cache_dir: Path) -> None:
        self.memo.save(cache_dir)
        _write_json(cache_dir / TEMPLATES_NAME, self.names.known)
        shelf = self.records_shelf or Shelf(cache_dir, RECORDS_NAME, self.base, _by_key)
        shelf.save(self.records_used)
        (cache_dir / "records.pickle").unlink(missing_ok=True)  # one file, in earlier versions

    def start(self, registry, registry_inputs: bytes | None = None) -> None:
        """Once the registry is known (the enrichment step); `registry_inputs`: the digest
        of the files it is made of, when known (`PageDigests`)."""
        self.digests = PageDigests(self.base, registry, registry_inputs)

    def page_digest(self, template, local: dict) -> str | None:
        found = self.names.of(template)
        if found is None:
            return None
        names, bodies = found
        return self.digests.page(template.name, names, local, bodies)

    def mine(self, name: str) -> bool:
        """Whether this process writes `name`: by file name, so that every write of one
        file (and Pelican's override rules between them) happens in one process."""
        return self.workers == 1 or zlib.crc32(name.encode()) % self.workers == self.worker


def _by_key(key: bytes, record) -> bytes:
    """A search record is filed under the digest of the article it was made from."""
    return key


def plan_of(settings: dict) -> RenderPlan | None:
    return settings.get(PLAN_KEY)


class PortalWriter(Writer):
    """Pelican's writer, rendering only this worker's pages that changed."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.plan = plan_of(self.settings)
        self._folders: set[str] = set()  # made already (mkdir is slow on some disks)

    # -- pages ----------------------------------------------------------------

    def write_file(self, name, template, context, relative_urls=False, paginated=None,
                   template_name=None, override_output=False, url=None, **kwargs):  # fmt: skip
        """Pelican's `Writer.write_file` (4.12), one page at a time through `_page`."""
        if not name:
            return
        if paginated is None:
            paginated = {k: v for k, v in kwargs.items() if k in {"articles", "dates"}}
        if paginated and template_name in self.settings["PAGINATED_TEMPLATES"]:
            per_page = (self.settings["PAGINATED_TEMPLATES"][template_name]
                        or self.settings["DEFAULT_PAGINATION"])  # fmt: skip
            paginators = {key: Paginator(name, url, val, self.settings, per_page)
                          for key, val in paginated.items()}  # fmt: skip
            for number in range(next(iter(paginators.values())).num_pages):
                page_kwargs = kwargs.copy()
                for key, paginator in paginators.items():
                    page = paginator.page(number + 1)
                    page_kwargs.update({
                        f"{key}_paginator": paginator,
                        f"{key}_page": page,
                        f"{key}_previous_page": paginator.page(number) if number > 0 else None,
                        f"{key}_next_page": (paginator.page(number + 2)
                                             if number + 1 < paginator.num_pages else None),
                    })  # fmt: skip
                local = _localcontext(context, page.save_as, page_kwargs, relative_urls)
                self._page(template, context, local, page.save_as, override_output)
        else:
            local = _localcontext(context, name, kwargs, relative_urls)
            self._page(template, context, local, name, override_output)

    def _page(self, template, context, local, name, override) -> None:
        path = sanitised_join(self.output_path, name)
        if self.plan.mine(name):
            digest = self.plan.page_digest(template, local)
            self._produce(path, name, digest, override, lambda: self._render(template, context,
                                                                                local))  # fmt: skip
        signals.content_written.send(path, context=local)

    @staticmethod
    def _render(template, context, local) -> str:
        if local["localsiteurl"]:  # Pelican: content objects read it to adjust links
            context["localsiteurl"] = local["localsiteurl"]
        return template.render(local)

    # -- feeds ----------------------------------------------------------------

    def write_feed(self, elements, context, path=None, url=None, feed_type="atom",
                   override_output=False, feed_title=None):  # fmt: skip
        if not path:
            return super().write_feed(elements, context, path, url, feed_type, override_output,
                                      feed_title)  # fmt: skip
        if not self.plan.mine(path):
            return None
        complete = sanitised_join(self.output_path, path)
        digest = self._feed_digest(elements, context, path, url, feed_type, feed_title)

        def render() -> str:
            feed = Writer.write_feed(self, elements, context, None, url, feed_type,
                                     override_output, feed_title)  # fmt: skip
            # Writer.write_feed(path=None) only builds the feed; write it as Pelican does.
            buffer = io.StringIO()
            feed.write(buffer, "utf-8")
            return buffer.getvalue()

        self._produce(complete, path, digest, override_output, render)
        return None

    def _feed_digest(self, elements, context, path, url, feed_type, title) -> str | None:
        shown = elements[: self.settings["FEED_MAX_ITEMS"]]
        site_url = context.get("SITEURL", path_to_url(get_relative_path(path)))
        local = {name: context.get(name) for name in FEED_NAMES}
        local.update(feed_items=list(shown), feed_args=[path, url, feed_type, title])
        names = (*FEED_NAMES, "feed_items", "feed_args")
        return self.plan.digests.page(
            f"feed:{feed_type}", names, dict(local, localsiteurl=site_url)
        )

    # -- one file -------------------------------------------------------------

    def _produce(self, path: str, name: str, digest: str | None, override: bool, render) -> None:
        """Write `path`: the last build's file when its digest matches (left in place or
        linked), else rendered. Pelican's rules for a file written twice
        (`override_output`) are kept."""
        if path in self._overridden_files:
            if override:
                raise RuntimeError(f"File {path} is set to be overridden twice")
            return  # an earlier write of this file wins (Pelican: written to os.devnull)
        if path in self._written_files and not override:
            log.warning("File %s is to be overwritten", path)
        if override:
            self._overridden_files.add(path)
        self._written_files.add(path)
        # `name` stays inside the output: the caller made `path` with sanitised_join.
        if self.plan.memo.in_place(name, digest, path):
            old = path
        else:
            old = self.plan.memo.reusable(name, digest)
        if old is not None and (old == path or _link(old, path)):
            self.plan.reused += 1
            self.plan.in_place += old == path
            self.plan.memo.remember_link(name, digest)
            return
        folder = os.path.dirname(path)
        if folder not in self._folders:
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        if os.path.lexists(path):
            os.unlink(path)  # never write through a link into the last build's file
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(render())
        self.plan.rendered += 1
        self.plan.memo.remember(name, digest, path)


def _link(old: str, path: str) -> bool:
    """Hard-link the last build's `old` as `path` (made in place of anything there, its
    folder made if missing); False when the file system cannot (then it is rendered)."""
    for _attempt in range(3):
        try:
            os.link(old, path)
            return True
        except FileExistsError:
            os.unlink(path)
        except FileNotFoundError:  # its folder is not there yet (or `old` went missing)
            if os.path.exists(old):
                os.makedirs(os.path.dirname(path), exist_ok=True)
            else:
                return False
        except OSError:  # another file system: render it instead
            return False
    return False


def _localcontext(context, name, kwargs, relative_urls) -> dict:
    """Pelican's `_get_localcontext` (4.12)."""
    local = context.copy()
    local["localsiteurl"] = local.get("localsiteurl", None)
    if relative_urls:
        relative_url = path_to_url(get_relative_path(name))
        local["SITEURL"] = relative_url
        local["localsiteurl"] = relative_url
    local["output_file"] = name
    local.update(kwargs)
    return local
