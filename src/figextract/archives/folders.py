"""The files of a folder, in a fixed order, with what cannot be read and where symbolic links lead."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

__all__ = ["Entry", "walk"]


@dataclass(frozen=True)
class Entry:
    """A path under a folder: a file to read, or, with ``problem`` (kind, message), one to report."""

    path: Path
    problem: tuple[str, str] | None = None


def walk(root: Path, follow_symlinks: bool = False) -> Iterator[Entry]:
    """Every entry under ``root`` that is not a folder, sorted at each level (a folder's files before
    its subfolders), and every folder that cannot be listed.

    Symbolic links are followed, to files and to folders, unless they lead outside ``root`` (then
    only with ``follow_symlinks``) or back to a folder that holds them (a loop): those are reported.
    """
    try:
        key = _file_key(root)
    except OSError as exc:
        yield Entry(root, ("unreadable_folder", f"cannot read the folder: {exc.strerror or exc}"))
        return
    yield from _walk_folder(root, os.path.realpath(root), frozenset([key]), follow_symlinks)


def _file_key(path: Path) -> tuple[int, int]:
    st = os.stat(path)
    return st.st_dev, st.st_ino


def _walk_folder(folder: Path, top: str, ancestors: frozenset[tuple[int, int]], follow_symlinks: bool) -> Iterator[Entry]:
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        yield Entry(folder, ("unreadable_folder", f"cannot list the folder: {exc.strerror or exc}"))
        return
    subfolders = []
    for entry in entries:
        path = Path(entry.path)
        target = os.path.realpath(path) if entry.is_symlink() else None
        if target is not None and not follow_symlinks and os.path.commonpath([top, target]) != top:
            problem = f"a symbolic link to {target}, outside the input folder; not followed (pass --follow-symlinks to read it)"
            yield Entry(path, ("outside_link", problem))
        elif entry.is_dir():  # follows a link
            subfolders.append(path)
        else:
            yield Entry(path)
    for path in subfolders:
        try:
            key = _file_key(path)
        except OSError as exc:
            yield Entry(path, ("unreadable_folder", f"cannot read the folder: {exc.strerror or exc}"))
            continue
        if key in ancestors:
            yield Entry(path, ("link_loop", f"a symbolic link to {os.path.realpath(path)}, a folder that holds it; not followed again"))
        else:
            yield from _walk_folder(path, top, ancestors | {key}, follow_symlinks)
