"""The little CBOR (RFC 8949) that Pagefind's index files use, read and written back.

Pagefind (Rust, ``minicbor``) writes its filter and metadata files as CBOR of a
few kinds only: unsigned and negative integers, text and byte strings, and
arrays of definite length; maps, ``true``, ``false`` and ``null`` are read too.
Every item is written in its shortest form, as ``minicbor`` does, so a file
decoded and encoded again gives back the same bytes (``canonical`` checks this
before it changes anything). Anything else (floats, tags, indefinite lengths)
raises ``CborError``: a Pagefind that writes it is one this code was not made for.
"""

from __future__ import annotations

import struct


class CborError(ValueError):
    """Bytes this codec does not read, or a value it does not write."""


_SIMPLE = {20: False, 21: True, 22: None}


def loads(data: bytes):
    """The one item `data` holds; raises CborError on anything else."""
    value, end = _decode(memoryview(data), 0)
    if end != len(data):
        raise CborError(f"{len(data) - end} bytes after the item")
    return value


def _argument(data: memoryview, at: int) -> tuple[int, int, int, int]:
    """(major type, additional information, argument, where the content starts)."""
    if at >= len(data):
        raise CborError("unexpected end of data")
    initial = data[at]
    major, info = initial >> 5, initial & 0x1F
    at += 1
    if info < 24:
        return major, info, info, at
    size = {24: 1, 25: 2, 26: 4, 27: 8}.get(info)
    if size is None:
        raise CborError(f"unsupported additional information {info} (major type {major})")
    if at + size > len(data):
        raise CborError("unexpected end of data")
    return major, info, int.from_bytes(data[at : at + size], "big"), at + size


def _decode(data: memoryview, at: int):
    major, info, argument, at = _argument(data, at)
    if major == 0:
        return argument, at
    if major == 1:
        return -1 - argument, at
    if major in (2, 3):
        end = at + argument
        if end > len(data):
            raise CborError("unexpected end of data")
        chunk = bytes(data[at:end])
        return (chunk if major == 2 else chunk.decode("utf-8")), end
    if major == 4:
        items = []
        for _ in range(argument):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    if major == 5:
        mapping = {}
        for _ in range(argument):
            key, at = _decode(data, at)
            value, at = _decode(data, at)
            if isinstance(key, list | dict):
                raise CborError("a map key that is not a scalar")
            mapping[key] = value
        return mapping, at
    if major == 7 and info in _SIMPLE:
        return _SIMPLE[argument], at
    raise CborError(f"unsupported item (major type {major})")


def dumps(value) -> bytes:
    """`value` in CBOR, every item in its shortest form."""
    out = bytearray()
    _encode(value, out)
    return bytes(out)


def _head(major: int, argument: int, out: bytearray) -> None:
    if argument < 24:
        out.append(major << 5 | argument)
    elif argument < 1 << 8:
        out += bytes((major << 5 | 24, argument))
    elif argument < 1 << 16:
        out.append(major << 5 | 25)
        out += struct.pack(">H", argument)
    elif argument < 1 << 32:
        out.append(major << 5 | 26)
        out += struct.pack(">I", argument)
    elif argument < 1 << 64:
        out.append(major << 5 | 27)
        out += struct.pack(">Q", argument)
    else:
        raise CborError(f"integer too large: {argument}")


def _encode(value, out: bytearray) -> None:
    if value is None or isinstance(value, bool):
        out.append(0xE0 | {False: 20, True: 21, None: 22}[value])
    elif isinstance(value, int):
        _head(0, value, out) if value >= 0 else _head(1, -1 - value, out)
    elif isinstance(value, str):
        encoded = value.encode("utf-8")
        _head(3, len(encoded), out)
        out += encoded
    elif isinstance(value, bytes | bytearray):
        _head(2, len(value), out)
        out += value
    elif isinstance(value, list | tuple):
        _head(4, len(value), out)
        for item in value:
            _encode(item, out)
    elif isinstance(value, dict):
        _head(5, len(value), out)
        for key, item in value.items():
            _encode(key, out)
            _encode(item, out)
    else:
        raise CborError(f"cannot encode {type(value).__name__}")
