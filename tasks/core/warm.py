"""Warm a worker process: import the libraries and load the models every document needs.

Imported by the worker pool's fork server (`multiprocessing.set_forkserver_preload`) so that every worker
forked from it starts warm; importing it anywhere else warms that process. A failure here is not fatal: the
worker loads lazily instead and reports the real error on the first document.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools

_PAGE = (
    "<html><head><title>Warm-up</title></head><body><article><p>Two people were injured in Paris on Monday, "
    "police said. The fire started in a kitchen and spread to the floor above before it was put out.</p>"
    "</article></body></html>"
)


@functools.cache
def warm_up() -> None:
    """Clean and extract one small page: trafilatura, language id, spaCy and the gazetteer are then loaded."""
    from tasks.core.pipeline import process_batch
    from tasks.core.records import RawDocument

    process_batch([RawDocument("warm-up", "html", _PAGE)], reference_date=dt.date(2000, 1, 1))


with contextlib.suppress(Exception):  # see the module docstring
    warm_up()
