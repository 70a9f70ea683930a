"""'Did you mean …?' suggestions for misspelt slugs and values."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def nearest(value: object, choices: Iterable[object]) -> str | None:
    """The closest valid choice to `value`, quoted for a message, or None."""
    options = [str(c) for c in choices]
    if not options:
        return None
    text = str(value)
    close = difflib.get_close_matches(text, options, n=1, cutoff=0.5)
    if close:
        return f"'{close[0]}'"
    # Prefer a choice sharing the number the author typed ('khoi-2' ~ 'khoi-02').
    digits = "".join(ch for ch in text if ch.isdigit()).lstrip("0")
    if digits:
        for option in options:
            if digits in option:
                return f"'{option}'"
    return None


def nearest_number(value: int, choices: Iterable[int]) -> str | None:
    options = sorted(choices)
    if not options:
        return None
    return str(min(options, key=lambda c: (abs(c - value), -c)))
