"""Optional dependencies, imported when a feature needs them; a missing one names its extra."""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["require"]


def require(module: str, purpose: str, extra: str = "arrow") -> Any:
    """``module`` imported, or a ValueError saying what to install for ``purpose``."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ValueError(f"{purpose} needs {exc.name or module}: pip install 'figextract[{extra}]'") from None
