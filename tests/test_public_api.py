"""Every public module says what it exports: ``__all__`` names its public functions and classes, and only names it has."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import figextract

MODULES = sorted(
    info.name for info in pkgutil.walk_packages(figextract.__path__, "figextract.") if not any(part.startswith("_") for part in info.name.split("."))
)


def test_every_module_is_found() -> None:
    assert {"figextract.rules.numbers", "figextract.pipeline.run", "figextract.archives.dask", "figextract.cli.main"} <= set(MODULES)


@pytest.mark.parametrize("name", ["figextract", *MODULES])
def test_public_module_defines_all(name: str) -> None:
    module = importlib.import_module(name)
    exported = getattr(module, "__all__", None)
    assert isinstance(exported, list), f"{name} defines no __all__"
    assert [n for n in exported if not hasattr(module, n)] == [], f"{name}.__all__ names what the module does not have"
    assert len(set(exported)) == len(exported), f"{name}.__all__ names something twice"
    defined = {
        n for n, value in vars(module).items()
        if not n.startswith("_") and (inspect.isfunction(value) or inspect.isclass(value)) and value.__module__ == name
    }  # fmt: skip
    unlisted = sorted(defined - set(exported))
    assert unlisted == [], f"{name}: public functions and classes missing from __all__ (add them, or give them a leading underscore): {unlisted}"
