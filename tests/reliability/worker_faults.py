"""A batch function for the pool tests that really kills or hangs the worker process running it (imported by the
workers by name, so it must live in an importable module, not in a test file)."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Sequence
from typing import Any

from tasks.core.pipeline import ProcessedBatch, process_batch
from tasks.core.records import RawDocument

CRASH = "<<segfault>>"  # a payload that kills its worker with SIGSEGV, as a crash in a C parser would
OOM = "<<oom-killed>>"  # a payload whose worker is SIGKILLed, as by the OOM killer
HANG = "<<hang>>"  # a payload that never finishes


def faulty_batch(items: Sequence[Any], **kwargs: Any) -> ProcessedBatch:
    for item in items:
        payload = item.payload if isinstance(item, RawDocument) else ""
        if payload == CRASH:
            os.kill(os.getpid(), signal.SIGSEGV)
        if payload == OOM:
            os.kill(os.getpid(), signal.SIGKILL)
        if payload == HANG:
            time.sleep(3600)
    return process_batch(items, **kwargs)
