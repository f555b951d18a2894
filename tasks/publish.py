"""Tasks that report a finished run: its Prefect artifact and the read-only snapshot for notebooks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prefect import task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NONE

from warehouse import exports, run_summary


@task(name="publish-run-artifact", cache_policy=NONE)
def publish_run_artifact(db: Path, run_id: str) -> dict[str, Any]:
    """A markdown artifact with the run's counts (the UI's Artifacts tab); returns the counts."""
    summary = run_summary.read_run_summary(db, run_id)
    create_markdown_artifact(
        key=f"wirehouse-{summary['flow']}-run",
        markdown=run_summary.format_run_markdown(summary),
        description=f"wirehouse {summary['flow']}: read, new, duplicate, rejected by reason, events",
    )
    return summary


@task(name="publish-snapshot", cache_policy=NONE, retries=2, retry_delay_seconds=[1, 5])
def publish_snapshot(db: Path, folder: str) -> list[str]:
    return exports.publish_snapshot(db, folder)
