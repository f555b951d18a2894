"""The CLI's early start: a temporary Prefect server started before Prefect is imported, and stopped with it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from flows.startup import TemporaryServer

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def prefect_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "prefect-home"))
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect-home"), "WIREHOUSE_PREFECT_SERVER": "off"}
    env.pop("PREFECT_API_URL", None)
    return env


def _health(url: str) -> int:
    with urllib.request.urlopen(f"{url}/health", timeout=2) as response:  # noqa: S310 -- loopback
        return int(response.status)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:  # a zombie is dead too
        return stat.read().split(") ")[-1][0] != "Z"


def test_temporary_server_answers_then_stops(prefect_env: dict[str, str]) -> None:
    server = TemporaryServer().start()
    try:
        server.wait()
        assert _health(server.api_url) == 200
    finally:
        server.stop()
    assert server.process is None
    with pytest.raises((urllib.error.URLError, OSError)):
        _health(server.api_url)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux-only")
def test_server_dies_with_a_killed_command(prefect_env: dict[str, str]) -> None:
    script = (
        "import os, sys, time\n"
        "from flows.startup import prestart\n"
        "early = prestart()\n"
        "early.wait()\n"
        "print(early.server.process.pid, os.environ['PREFECT_API_URL'], flush=True)\n"
        "time.sleep(120)\n"
    )
    parent = subprocess.Popen(
        [sys.executable, "-c", script], cwd=ROOT, env=prefect_env, stdout=subprocess.PIPE, text=True
    )
    try:
        assert parent.stdout is not None
        pid_text, url = parent.stdout.readline().split()
        server_pid = int(pid_text)
        assert _health(url) == 200
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 30
        while _alive(server_pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _alive(server_pid), "the temporary server outlived the killed command"
    finally:
        parent.kill()


def _descendants(pid: int) -> set[int]:
    import psutil

    try:
        return {child.pid for child in psutil.Process(pid).children(recursive=True)}
    except psutil.NoSuchProcess:
        return set()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux-only")
def test_a_killed_backfill_leaves_no_server_or_worker_behind(tmp_path: Path, prefect_env: dict[str, str]) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    for n in range(400):  # enough work to still be running when it is killed
        (inbox / f"{n}.txt").write_text(f"Report {n}: {n % 40 + 2} people were injured in Paris on Monday.\n" * 30)
    cmd = [sys.executable, "-m", "flows.cli", "backfill", str(inbox), "--db", str(tmp_path / "w.duckdb")]
    parent = subprocess.Popen([*cmd, "--no-progress", "--workers", "2"], cwd=ROOT, env=prefect_env)
    try:
        deadline = time.monotonic() + 120
        started: set[int] = set()
        while len(started) < 4 and time.monotonic() < deadline:  # server, fork server, two workers
            started |= _descendants(parent.pid)
            time.sleep(0.2)
        assert len(started) >= 4, "the backfill did not start its server and workers"
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 30
        while any(_alive(pid) for pid in started) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not [pid for pid in started if _alive(pid)], "processes outlived the killed backfill"
    finally:
        parent.kill()


def test_the_temporary_server_runs_prefects_own_command_and_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    """flows/startup.py copies what Prefect's SubprocessASGIServer runs (a private method): at the pinned
    Prefect version both must be the same, so an upgrade that changes Prefect's fails here, loudly."""
    import prefect.server.api.server as prefect_server

    from flows.startup import SERVER_ENV

    seen: dict[str, object] = {}

    def record(*args: object, **kwargs: object) -> object:
        seen["args"], seen["env"] = kwargs.get("args", args[0] if args else None), kwargs.get("env")
        return object()

    monkeypatch.setattr(prefect_server.subprocess, "Popen", record)
    theirs = prefect_server.SubprocessASGIServer(port=54321)
    try:
        theirs._run_uvicorn_command()  # noqa: SLF001 -- the private method we copy
    finally:
        theirs.stop()
    ours = TemporaryServer()
    ours.port = 54321
    assert ours.command() == seen["args"]
    env = seen["env"]
    assert isinstance(env, dict)
    assert {key: env[key] for key in SERVER_ENV} == SERVER_ENV
    assert {key for key in env if key.startswith("PREFECT__")} == {k for k in SERVER_ENV if k.startswith("PREFECT__")}
