"""Prefect flows. Importing this package sets offline-friendly Prefect defaults (the caller's env wins)."""

import os

for _key, _value in {
    "DO_NOT_TRACK": "1",  # no telemetry calls (they fail offline with a logged error)
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    # the temporary server takes 9-25 s to start on two cores; Prefect's default limit (20 s) was hit here
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
}.items():
    os.environ.setdefault(_key, _value)
