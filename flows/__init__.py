"""Prefect flows. Importing this package sets offline-friendly Prefect defaults (the caller's env wins) and,
when no `PREFECT_API_URL` is set but a local Prefect server answers (`make server`), uses that server instead
of starting a temporary one (about 3.5 s per command, see flows/startup.py)."""

import os
import urllib.error
import urllib.request

for _key, _value in {
    "DO_NOT_TRACK": "1",  # no telemetry calls (they fail offline with a logged error)
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    # the temporary server takes 9-25 s to start on two cores; Prefect's default limit (20 s) was hit here
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    # one BLAS thread: batches run in parallel processes already (spaCy's NER was 15% faster this way)
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
}.items():
    os.environ.setdefault(_key, _value)

LOCAL_SERVER = os.environ.get("WIREHOUSE_PREFECT_SERVER", "http://127.0.0.1:4200/api")


def _use_local_server() -> None:
    if os.environ.get("PREFECT_API_URL") or LOCAL_SERVER.lower() in ("", "off", "none"):
        return
    try:
        with urllib.request.urlopen(f"{LOCAL_SERVER}/health", timeout=0.3) as response:  # noqa: S310 -- loopback
            if response.status == 200:
                os.environ["PREFECT_API_URL"] = LOCAL_SERVER
    except (urllib.error.URLError, OSError, ValueError):
        pass  # nobody there: Prefect starts its temporary server


_use_local_server()
