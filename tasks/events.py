"""Prefect events emitted by the pipeline (they show in the Prefect UI and can trigger deployments)."""

from __future__ import annotations

import hashlib
from typing import Any

from prefect.events import emit_event


def emit(event: str, resource_id: str, payload: dict[str, Any], **labels: str) -> None:
    """Emit `event` about a resource (`wirehouse.<kind>.<id>`); payload values must be JSON-serialisable."""
    emit_event(event=event, resource={"prefect.resource.id": resource_id, **labels}, payload=payload)


def feed_resource(url: str) -> str:
    return "wirehouse.feed." + hashlib.sha256(url.encode()).hexdigest()[:16]
