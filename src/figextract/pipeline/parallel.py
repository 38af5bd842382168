"""An ordered map over batches in worker processes, with a bounded number of batches in flight.

``nlp.pipe(n_process=...)`` sends every Doc back to the parent, which rebuilds it from bytes; for
figextract that costs the parent more than the extraction saves (srsly looks up its msgpack decoders
in the function registry for each Doc). The workers here return plain figure records instead. Only
a few batches per worker are in flight, so the input is read as fast as it is processed, never ahead
of it: ``Pool.imap`` would read the whole input into memory.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from typing import Any, Callable, Iterable, Iterator, TypeVar

__all__ = ["ordered_map"]

T = TypeVar("T")
R = TypeVar("R")


_PR_SET_PDEATHSIG = 1  # prctl option (Linux): the signal this process gets when its parent dies
_WATCH_SECONDS = 0.5


def _quiet_initializer(parent: int, initializer: Callable[..., None], *args: Any) -> None:
    # Ctrl-C reaches the whole process group; the parent stops the workers, they need not each complain.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _end_with_parent(parent)
    initializer(*args)


def _end_with_parent(parent: int) -> None:
    """End this worker when the process ``parent`` dies, even killed without warning: else it would
    finish its batch and print a BrokenPipeError traceback for each result it cannot send back.

    On Linux the kernel sends the signal; elsewhere a thread looks at the parent twice a second.
    """
    try:
        asked = ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL) == 0
    except (OSError, AttributeError, TypeError):  # no C library to load (Windows), or no prctl in it
        asked = False
    if not asked:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    elif os.getppid() != parent:  # the parent died before the request was made
        os._exit(0)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_WATCH_SECONDS)
    os._exit(0)


def ordered_map(
    func: Callable[[T], R], batches: Iterable[T], n_process: int, initializer: Callable[..., None], initargs: tuple[Any, ...] = (), per_worker: int = 2
) -> Iterator[R]:
    """``func(batch)`` for each batch, in order, computed in ``n_process`` worker processes.

    Workers are forked where the platform allows, so they share the parent's loaded pipeline;
    elsewhere ``initargs`` are pickled to them. An exception in ``func`` is raised here.
    """
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with context.Pool(n_process, _quiet_initializer, (os.getpid(), initializer, *initargs)) as pool:
        in_flight: deque[Any] = deque()
        for batch in batches:
            in_flight.append(pool.apply_async(func, (batch,)))
            if len(in_flight) >= per_worker * n_process:
                yield in_flight.popleft().get()
        while in_flight:
            yield in_flight.popleft().get()
