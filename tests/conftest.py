"""Shared fixtures: one Prefect test server per session, temporary warehouses, golden-file updates."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
os.environ.setdefault("PREFECT_SERVER_CONCURRENCY_LEASE_STORAGE", "prefect.server.concurrency.lease_storage.filesystem")
# the session's test servers keep leases on disk in this process's $PREFECT_HOME, as a command's temporary one does
os.environ.setdefault("WIREHOUSE_SLOT_LEASES", "disk")
os.environ.setdefault("WIREHOUSE_PREFECT_SERVER", "off")  # never attach tests to a developer's running server

ROOT = Path(__file__).resolve().parents[1]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden expected files")


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def prefect_server() -> Iterator[None]:
    """A real (temporary) Prefect server and database for the whole session (about 16 s to start)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield


@pytest.fixture
def tmp_db(tmp_path: Path) -> Path:
    return tmp_path / "warehouse.duckdb"


@pytest.fixture(autouse=True)
def _wirehouse_check_after_test(request: pytest.FixtureRequest) -> Iterator[None]:
    """After every test that used `tmp_path`: the real `wirehouse check` on every warehouse it left there
    (see tests/warehouse_check.py). Opt out with `@pytest.mark.no_warehouse_check("why")`."""
    wanted = "tmp_path" in request.fixturenames and not request.node.get_closest_marker("no_warehouse_check")
    folder = request.getfixturevalue("tmp_path") if wanted else None  # set up inside this fixture: torn down first
    yield
    if folder is None:
        return
    if getattr(request.node, "rep_call", None) is not None and not request.node.rep_call.passed:
        return  # the test failed already: its own failure is the report
    from tests.warehouse_check import assert_warehouses_pass_check

    assert_warehouses_pass_check(folder)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Keep each phase's report on the test item (the check above runs only after a passing test)."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def prefect_api_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `prefect server start` on loopback for the session, for tests that run wirehouse in subprocesses
    (set PREFECT_API_URL to this in their environment) or need schedules and event triggers."""
    import subprocess
    import sys
    import time

    import httpx

    home = tmp_path_factory.mktemp("prefect-home")
    port = _free_port()
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    env.pop("PREFECT_API_URL", None)
    log = (home / "server.log").open("wb")
    cmd = [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/api"
    deadline = time.monotonic() + 180
    try:
        while True:
            try:
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"prefect server did not start; see {home / 'server.log'}")
            time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
