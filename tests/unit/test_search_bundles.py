"""Search bundles without Pagefind: which reports go into which bundle, what a bundle's
digest depends on, and the CBOR / canonical form of Pagefind's order-dependent files."""

from __future__ import annotations

import gzip
import json
import time
from dataclasses import replace

import pytest

import thidua.search as search
from thidua.search import SearchIndexError, bundles, cbor
from thidua.search.canonical import SIGNATURE, CanonicalError, canonicalise
from thidua.search.records import SearchRecord

TOOL = {"pagefind": "1.5.2", "code": "x"}


def record(path: str, date: str, text: str = "Giao ước thi đua.", year: str = "") -> SearchRecord:
    return SearchRecord(f"bai-viet/{path}/index.html", f"Bài {path}", text,
                        filters={"year": year or date[:4]}, sort={"date": date})  # fmt: skip


ARCHIVE = [
    record("a", "2023-03-01"), record("b", "2023-07-09"), record("c", "2024-01-05", year="2023"),
    record("d", "2024-05-27"), record("e", "2024-11-30"), record("f", "2025-02-14"),
]  # fmt: skip


def digests(records, size: int = 2000) -> dict[str, str]:
    """Folder of each bundle -> its digest."""
    parts = bundles.partition(records, size)
    names = bundles.folder_names("pagefind", parts)
    return {name: bundles.digest(part, {}, "vi", TOOL)
            for name, part in zip(names, parts, strict=True)}  # fmt: skip


def changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}


# -- Partitioning ---------------------------------------------------------------------


def test_one_bundle_a_year_newest_first_the_newest_is_the_entry():
    parts = bundles.partition(ARCHIVE, 2000)
    assert [p.key for p in parts] == ["2025", "2024", "2023"]
    assert bundles.folder_names("pagefind", parts) == ["pagefind", "pagefind-2024", "pagefind-2023"]
    # The year of a bundle is the year of publication; the filter's years are listed.
    assert [p.path.split("/")[1] for p in parts[1].records] == ["c", "d", "e"]
    assert parts[1].years == ["2024", "2023"]


def test_the_order_of_the_records_given_does_not_matter():
    assert digests(ARCHIVE) == digests(list(reversed(ARCHIVE)))


def test_adding_a_report_changes_only_its_year():
    before = digests(ARCHIVE)
    assert changed(before, digests([*ARCHIVE, record("g", "2024-06-01")])) == {"pagefind-2024"}
    assert changed(before, digests([*ARCHIVE, record("g", "2025-06-01")])) == {"pagefind"}


def test_editing_or_removing_a_report_changes_only_its_year():
    edited = [replace(r, text="Đã sửa.") if "/b/" in r.path else r for r in ARCHIVE]
    assert changed(digests(ARCHIVE), digests(edited)) == {"pagefind-2023"}
    assert changed(digests(ARCHIVE), digests(ARCHIVE[1:])) == {"pagefind-2023"}


def test_a_big_year_is_cut_oldest_first_so_a_new_report_changes_its_last_part():
    year = [record(f"r{n:02d}", f"2024-{n:02d}-01") for n in range(1, 8)]
    parts = bundles.partition(year, 3)
    assert [(p.key, len(p.records)) for p in parts] == [("2024-3", 1), ("2024-2", 3), ("2024", 3)]
    names = bundles.folder_names("pagefind", parts)
    assert names == ["pagefind", "pagefind-2024-2", "pagefind-2024"]
    assert [r.path for r in parts[2].records] == [r.path for r in year[:3]]
    before = digests(year, 3)
    assert changed(before, digests([*year, record("r08", "2024-08-01")], 3)) == {"pagefind"}
    # Same date: the path decides, so the parts do not depend on the order given.
    twins = [record("y", "2024-09-09"), record("x", "2024-09-09")]
    assert [r.path for r in bundles.partition(twins, 1)[1].records] == [twins[1].path]


def test_a_record_without_a_date_goes_last():
    undated = SearchRecord("u/index.html", "U", "u", filters={"year": "2024"})
    parts = bundles.partition([undated, *ARCHIVE], 2000)
    assert [p.key for p in parts][-1] == bundles.UNDATED


def test_the_digest_depends_on_pagefind_settings_and_language():
    part = bundles.partition(ARCHIVE, 2000)[0]
    base = bundles.digest(part, {}, "vi", TOOL)
    assert base == bundles.digest(part, {}, "vi", dict(TOOL))
    assert base != bundles.digest(part, {}, "vi", dict(TOOL, pagefind="1.5.3"))
    assert base != bundles.digest(part, {"SEARCH_KEEP_PAGEFIND_UI": True}, "vi", TOOL)
    assert base != bundles.digest(part, {"SEARCH_LANGUAGE": None}, "vi", TOOL)
    assert base != bundles.digest(part, {}, "en", TOOL)


def test_the_digest_follows_every_field_of_a_report_and_not_their_order():
    """Every field reaches the document Pagefind reads: any change is another bundle."""
    part = bundles.partition(ARCHIVE, 2000)[0]
    base = bundles.digest(part, {}, "vi", TOOL)
    shuffled = bundles.Part(part.key, tuple(reversed(part.records)))
    assert bundles.digest(shuffled, {}, "vi", TOOL) == base
    first = replace(part.records[0], filters={**part.records[0].filters, "cluster": "Cụm 1"})
    part = bundles.Part(part.key, (first, *part.records[1:]))
    base = bundles.digest(part, {}, "vi", TOOL)
    for changed_record in (  # the filters' order too: the document lists them in order
        replace(first, title=first.title + "!"),
        replace(first, text=first.text + " thêm"),
        replace(first, path=first.path.replace(".html", "-2.html")),
        replace(first, meta={**first.meta, "event": "Ký kết"}),
        replace(first, filters={"cluster": "Cụm 1", **first.filters}),
        replace(first, filters={**first.filters, "cluster": "Cụm khác"}),
        replace(first, sort={"date": "2001-01-01T00:00:00"}),
    ):
        other = bundles.Part(part.key, (changed_record, *part.records[1:]))
        assert bundles.digest(other, {}, "vi", TOOL) != base, changed_record


def test_the_digest_follows_this_packages_code_and_the_installed_pagefind(tmp_path):
    binary = tmp_path / "pagefind"
    binary.write_bytes(b"x" * 10)
    tool = bundles.tool_identity(binary)
    assert tool["pagefind"] and tool["code"] and tool["binary_size"] == 10
    binary.write_bytes(b"x" * 11)
    assert bundles.tool_identity(binary) != tool


# -- CBOR ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [0, 23, 24, 255, 256, 65535, 65536, 2**32 - 1, 2**32, -1, -25, "", "Đắk Nông", b"\x00\xff",
     [], [1, [2, ["ba"]]], {"a": 1}, True, False, None, list(range(30))],
)  # fmt: skip
def test_cbor_reads_back_what_it_writes(value):
    assert cbor.loads(cbor.dumps(value)) == value


def test_cbor_writes_the_shortest_form_as_minicbor_does():
    assert cbor.dumps(23) == b"\x17"
    assert cbor.dumps(24) == b"\x18\x18"
    assert cbor.dumps(500) == b"\x19\x01\xf4"
    pagefinds = bytes.fromhex("82647965617281826432303234820001")  # a filter file, unzipped
    assert cbor.dumps(["year", [["2024", [0, 1]]]]) == pagefinds


@pytest.mark.parametrize(
    "data", [b"", b"\x18", b"\x62a", b"\xf9\x00\x00", b"\x9f\xff", b"\xc1\x00", b"\x01\x02"]
)
def test_cbor_refuses_what_pagefind_does_not_write(data):
    with pytest.raises(cbor.CborError):
        cbor.loads(data)


# -- Canonical form ------------------------------------------------------------------


def packed(value) -> bytes:
    return gzip.compress(SIGNATURE + cbor.dumps(value))


def pagefind_like_bundle(folder, filter_order, value_order, meta_hash="vi_0123456789"):
    """A bundle as Pagefind 1.5 writes one, with its hash maps in the given orders."""
    (folder / "filter").mkdir(parents=True)
    values = {"year": [["2024", [0, 2]], ["2023", [1]]],
              "cluster": [["Cụm 1", [0]], ["Khối 02", [1, 2]], ["Cụm 12", []]]}  # fmt: skip
    filters = []
    for n, name in enumerate(filter_order):
        ordered = sorted(values[name], key=lambda v: value_order.index(v[0]))
        (folder / "filter" / f"vi_{name}{n}.pf_filter").write_bytes(packed([name, ordered]))
        filters.append([name, f"vi_{name}{n}"])
    meta = ["1.5.2", [["vi_aaa", 10], ["vi_bbb", 12], ["vi_ccc", 9]], [["a", "z", "vi_idx"]],
            filters, [["title", [2, 0, 1]], ["date", [1, 0, 2]]], ["date", "title"]]  # fmt: skip
    (folder / f"pagefind.{meta_hash}.pf_meta").write_bytes(packed(meta))
    entry = {"version": "1.5.2", "languages": {"vi": {"hash": meta_hash, "wasm": None,
             "page_count": 3}}, "include_characters": ["_"]}  # fmt: skip
    (folder / "pagefind-entry.json").write_text(json.dumps(entry), encoding="utf-8")
    return folder


def contents(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}  # fmt: skip


def decoded(path):
    return cbor.loads(gzip.decompress(path.read_bytes())[len(SIGNATURE) :])


def test_canonical_form_does_not_depend_on_pagefinds_hash_map_orders(tmp_path):
    values = ["2024", "2023", "Cụm 1", "Khối 02", "Cụm 12"]
    one = pagefind_like_bundle(tmp_path / "one", ["year", "cluster"], values)
    two = pagefind_like_bundle(tmp_path / "two", ["cluster", "year"], values[::-1], "vi_9876543210")
    canonicalise(one)
    canonicalise(two)
    assert contents(one) == contents(two)
    entry = json.loads((one / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta = decoded(one / f"pagefind.{entry['languages']['vi']['hash']}.pf_meta")
    # Filters and sorts by name, each filter's values sorted; the rest as Pagefind wrote it.
    assert [name for name, _ in meta[3]] == ["cluster", "year"]
    assert meta[4] == [["date", [1, 0, 2]], ["title", [2, 0, 1]]]
    assert meta[1][0] == ["vi_aaa", 10] and meta[5] == ["date", "title"]
    cluster = decoded(one / "filter" / f"{meta[3][0][1]}.pf_filter")
    assert cluster == ["cluster", [["Cụm 1", [0]], ["Cụm 12", []], ["Khối 02", [1, 2]]]]
    # Files named by their content, as the browser fetches them; nothing else left.
    meta_file = f"pagefind.{entry['languages']['vi']['hash']}.pf_meta"
    filter_files = [f"filter/{h}.pf_filter" for _, h in meta[3]]
    assert sorted(contents(one)) == sorted(["pagefind-entry.json", meta_file, *filter_files])
    assert gzip.decompress((one / "filter" / f"{meta[3][0][1]}.pf_filter").read_bytes())
    canonicalise(one)  # twice is once
    assert contents(one) == contents(two)


def test_a_bundle_of_another_shape_is_refused_not_guessed(tmp_path):
    values = ["2024", "2023", "Cụm 1", "Khối 02", "Cụm 12"]
    extra = pagefind_like_bundle(tmp_path / "extra", ["year", "cluster"], values)
    (extra / "filter" / "vi_stray.pf_filter").write_bytes(packed(["event", []]))
    with pytest.raises(CanonicalError, match="no metadata names"):
        canonicalise(extra)
    odd = pagefind_like_bundle(tmp_path / "odd", ["year", "cluster"], values)
    (odd / "pagefind.vi_0123456789.pf_meta").write_bytes(packed(["1.6.0", [], [], {"year": 1}]))
    with pytest.raises(CanonicalError, match="not the metadata"):
        canonicalise(odd)
    long = pagefind_like_bundle(tmp_path / "long", ["year", "cluster"], values)
    filter_file = next((long / "filter").glob("vi_year*"))
    filter_file.write_bytes(gzip.compress(SIGNATURE + b"\x82\x18\x00\x80"))  # 0 in two bytes
    with pytest.raises(CanonicalError, match="same bytes"):
        canonicalise(long)


# -- Several small bundles at once, never more reports than one full bundle ------------


class FakeJob:
    """Stands for a Pagefind run over `size` reports; records how many ran at once."""

    def __init__(self, size: int, log: dict, fail: bool = False):
        self.part = bundles.Part("x", tuple(range(size)))
        self.log, self.fail, self.started = log, fail, None

    def start(self, settings):
        self.started = time.monotonic()
        self.log["now"] += len(self.part.records)
        self.log["peak"] = max(self.log["peak"], self.log["now"])
        self.log["started"] += 1

    def poll(self) -> bool:
        return time.monotonic() - self.started > 0.03

    def stop(self):
        self.log["stopped"] += 1
        self.log["now"] -= len(self.part.records)

    def finish(self):
        self.log["now"] -= len(self.part.records)
        if self.fail:
            raise SearchIndexError("Pagefind failed (exit 1)")


def job_log() -> dict:
    return {"now": 0, "peak": 0, "started": 0, "stopped": 0}


def test_small_bundles_are_indexed_together_within_one_bundles_reports(monkeypatch):
    monkeypatch.setattr(search, "_workers", lambda: 4)
    log = job_log()
    search._run_jobs([FakeJob(n, log) for n in (10, 60, 30, 40, 100, 5)], {}, budget=100)
    assert log["started"] == 6
    assert 40 < log["peak"] <= 100  # several at once, never more than 100 reports
    big = job_log()
    search._run_jobs([FakeJob(150, big), FakeJob(150, big)], {}, budget=100)
    assert big["peak"] == 150  # a bundle bigger than the budget runs alone


def test_the_first_failure_stops_the_indexing(monkeypatch):
    monkeypatch.setattr(search, "_workers", lambda: 2)
    log = job_log()
    jobs = [FakeJob(10, log, fail=True), FakeJob(10, log), FakeJob(10, log), FakeJob(10, log)]
    jobs[1].poll = lambda: False  # still running when the first one fails
    with pytest.raises(SearchIndexError, match="Pagefind failed"):
        search._run_jobs(jobs, {}, budget=100)
    assert log["started"] == 2 and log["stopped"] == 1 and log["now"] == 0
