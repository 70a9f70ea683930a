"""The caches kept in shards: what is saved comes back, only changed shards are written,
and a shard of other code or settings, or a damaged one, is as good as missing."""

from __future__ import annotations

import os

from thidua.incremental.shelf import SHARDS, Shelf


def by_key(key, value):
    return key


def shard_files(folder) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in folder.glob("records.*.pickle")}


def test_what_is_saved_comes_back(tmp_path):
    entries = {f"bai-{n}".encode(): {"title": f"Bài {n}"} for n in range(200)}
    Shelf(tmp_path, "records", b"key", by_key).save(entries)
    assert Shelf(tmp_path, "records", b"key", by_key).load() == entries
    assert len(shard_files(tmp_path)) == SHARDS  # 200 keys fill every shard


def test_one_new_entry_rewrites_one_shard(tmp_path):
    entries = {f"bai-{n}".encode(): n for n in range(200)}
    Shelf(tmp_path, "records", b"key", by_key).save(entries)
    for path in tmp_path.glob("records.*.pickle"):  # an older time: a rewrite shows
        os.utime(path, ns=(1, 1))
    before = shard_files(tmp_path)
    shelf = Shelf(tmp_path, "records", b"key", by_key)
    loaded = shelf.load()
    assert shelf.save(loaded) == 0  # nothing changed: nothing written
    assert shard_files(tmp_path) == before
    assert shelf.save({**loaded, b"bai-new": -1}) == 1
    after = shard_files(tmp_path)
    assert sum(after[name] != before[name] for name in before) == 1
    del loaded[b"bai-3"]  # an entry no longer used: its shard is written without it
    assert shelf.save({**loaded, b"bai-new": -1}) == 1
    assert b"bai-3" not in Shelf(tmp_path, "records", b"key", by_key).load()


def test_another_key_or_a_damaged_shard_is_ignored(tmp_path):
    entries = {f"bai-{n}".encode(): n for n in range(50)}
    Shelf(tmp_path, "records", b"key", by_key).save(entries)
    assert Shelf(tmp_path, "records", b"other code", by_key).load() == {}
    damaged = sorted(tmp_path.glob("records.*.pickle"))[0]
    damaged.write_bytes(b"\x80\x05not a pickle")
    loaded = Shelf(tmp_path, "records", b"key", by_key).load()
    assert 0 < len(loaded) < len(entries)
    assert all(entries[k] == v for k, v in loaded.items())


def test_nowhere_to_keep_means_nothing_kept():
    shelf = Shelf(None, "records", b"key", by_key)
    assert shelf.load() == {} and shelf.save({b"a": 1}) == 0
