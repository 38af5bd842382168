"""Checks and repairs of raw text before it is read: what the rest of the core may assume of a text."""

from __future__ import annotations

from typing import Any, Mapping

import re

_SURROGATE = re.compile("[\ud800-\udfff]")


def unpaired_surrogate(value: Any, label: str) -> str | None:
    """Where a string in ``value`` holds an unpaired surrogate (from a JSON ``\\ud800`` escape)."""
    if isinstance(value, str):
        m = _SURROGATE.search(value)
        return None if m is None else f"{label} holds an unpaired surrogate U+{ord(m.group()):04X} at character {m.start()}"
    if isinstance(value, Mapping):
        return next((r for k, v in value.items() if (r := unpaired_surrogate(v, f"field {k!r}")) is not None), None)
    if isinstance(value, (list, tuple)):
        return next((r for v in value if (r := unpaired_surrogate(v, label)) is not None), None)
    return None
