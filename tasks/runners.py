"""Choose the Prefect task runner by configuration (`--runner` or `WIREHOUSE_TASK_RUNNER`), no code change: the
flow gets it when it is called (`flows.backfill.with_runner`, Prefect's `with_options`), never at import.

- `local` (default): Prefect's thread pool for tasks; each batch is spread over local worker processes.
- `dask`: prefect-dask's DaskTaskRunner; `WIREHOUSE_DASK_ADDRESS` (tcp://scheduler:8786) uses an existing
  cluster, else a local cluster of `WIREHOUSE_WORKERS` worker processes is started. Each batch runs whole on a
  Dask worker, which returns its records to the flow's process: the single DuckDB writer.
- `ray`: prefect-ray's RayTaskRunner (install prefect-ray; `WIREHOUSE_RAY_ADDRESS` for an existing cluster).
"""

from __future__ import annotations

import os
from typing import Any

RUNNERS = ("local", "dask", "ray")


def runner_name(explicit: str | None = None) -> str:
    name = (explicit or os.environ.get("WIREHOUSE_TASK_RUNNER") or "local").lower()
    if name not in RUNNERS:
        raise ValueError(f"unknown task runner {name!r}; choose one of {', '.join(RUNNERS)}")
    return name


def make_task_runner(name: str, workers: int) -> Any:
    """A Prefect task runner instance for `name` (None for the flow's default thread pool)."""
    if name == "dask":
        from prefect_dask import DaskTaskRunner

        address = os.environ.get("WIREHOUSE_DASK_ADDRESS")
        if address:
            return DaskTaskRunner(address=address)
        cluster = {"n_workers": workers, "threads_per_worker": 1, "processes": True, "dashboard_address": None}
        return DaskTaskRunner(cluster_kwargs=cluster)
    if name == "ray":
        try:
            from prefect_ray import RayTaskRunner
        except ImportError as exc:  # an optional extra, not in the lock file
            raise RuntimeError("the ray runner needs `pip install prefect-ray==0.6.0`") from exc
        return RayTaskRunner(address=os.environ.get("WIREHOUSE_RAY_ADDRESS"))
    return None


def is_distributed() -> bool:
    """True inside a flow run whose task runner is not Prefect's local thread pool (Dask, Ray)."""
    from prefect.context import FlowRunContext
    from prefect.task_runners import ThreadPoolTaskRunner

    context = FlowRunContext.get()
    runner = context.task_runner if context is not None else None
    return runner is not None and not isinstance(runner, ThreadPoolTaskRunner)
