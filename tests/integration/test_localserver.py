"""`make server`: the project's own Prefect server, which stays up and which commands attach to (and only to
it); and a command whose server goes away still exits in bounded time."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb
import pytest

from flows.localserver import is_alive, is_healthy
from tasks.core.settings import LEASE_STORAGE, LEASE_STORAGE_VAR

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.integration, pytest.mark.slow]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _env(tmp_path: Path) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PREFECT_HOME": str(tmp_path / "home")}
    env |= {"WIREHOUSE_SERVER_DIR": str(tmp_path / "srv"), "PYTHONUNBUFFERED": "1"}
    env.pop("PREFECT_API_URL", None)
    env.pop("WIREHOUSE_PREFECT_SERVER", None)  # tests run with it off; here the project's server is the point
    return env


def _make(target: str, env: dict[str, str], *args: str, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "-s", target, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def test_make_server_stays_up_clears_stale_state_and_is_the_server_commands_use(tmp_path: Path) -> None:
    env, port = _env(tmp_path), _free_port()
    dry = subprocess.run(["make", "-n", "server"], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert "-m venv" not in dry.stdout and "pip install" not in dry.stdout, "make server would re-create .venv"
    gone = subprocess.Popen(["true"])
    gone.wait()
    (tmp_path / "srv").mkdir()
    (tmp_path / "home").mkdir()
    stale = {"pid": gone.pid, "url": f"http://127.0.0.1:{port}/api", "log": "-", "started_at": 0.0}
    (tmp_path / "srv" / "server.json").write_text(json.dumps(stale))
    (tmp_path / "home" / "server.pid").write_text(str(gone.pid))  # left by a dead `prefect server start --background`

    env.pop(LEASE_STORAGE_VAR, None)  # `make server` itself puts the write-slot leases on disk
    started = _make("server", env, f"SERVER_PORT={port}")
    assert started.returncode == 0, started.stdout + started.stderr
    assert "stale" in started.stderr
    state = json.loads((tmp_path / "srv" / "server.json").read_text())
    assert state["lease_storage"] == LEASE_STORAGE
    assert state["prefect_home"] == str((tmp_path / "home").resolve())
    api = f"http://127.0.0.1:{port}/api"
    try:
        assert state["url"] == api and is_healthy(api), "make server returned before the server answered"
        time.sleep(20)
        assert is_alive(state["pid"]) and is_healthy(api, 5.0), (
            f"the server died; log:\n{Path(state['log']).read_text()}"
        )
        assert Path(state["log"]).is_file()

        text = tmp_path / "report.txt"
        text.write_text("Fire in Leeds\n\nTwo people were injured in a fire in Leeds on Monday, officials said.\n")
        cmd = [sys.executable, "-m", "flows.cli", "backfill", str(text), "--db", str(tmp_path / "w.duckdb")]
        run = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)
        assert run.returncode == 0, run.stdout + run.stderr
        assert run.stderr.count("Prefect server:") == 1 and f"http://127.0.0.1:{port}" in run.stderr
        (link,) = [line.split()[-1] for line in run.stdout.splitlines() if "Prefect UI" in line]
        assert link.startswith(f"http://127.0.0.1:{port}/runs/flow-run/")
        with urllib.request.urlopen(f"{api}/flow_runs/{link.rsplit('/', 1)[1]}", timeout=10) as response:  # noqa: S310
            assert json.load(response)["state"]["type"] == "COMPLETED"

        again = _make("server", env, f"SERVER_PORT={port}")
        assert again.returncode == 0 and json.loads((tmp_path / "srv" / "server.json").read_text()) == state
    finally:
        stopped = _make("server-stop", env, timeout=60)
    assert stopped.returncode == 0, stopped.stderr
    assert not is_alive(state["pid"]) and not is_healthy(api)
    assert not (tmp_path / "srv" / "server.json").exists()


def test_a_command_whose_server_goes_away_exits_in_bounded_time(tmp_path: Path) -> None:
    env, port = _env(tmp_path), _free_port()
    start = [sys.executable, "-m", "flows.localserver", "start", "--port", str(port)]
    assert subprocess.run(start, cwd=ROOT, env=env, timeout=240, check=False).returncode == 0
    server_pid = json.loads((tmp_path / "srv" / "server.json").read_text())["pid"]
    inbox = tmp_path / "in"
    inbox.mkdir()
    for n in range(120):
        (inbox / f"{n}.txt").write_text(f"Report {n}: {n % 40 + 2} people were injured in Paris on Monday.\n" * 20)
    cmd = [sys.executable, "-m", "flows.cli", "backfill", str(inbox), "--db", str(tmp_path / "w.duckdb")]
    cmd += ["--no-progress", "--batch-size", "12", "--workers", "2"]
    proc = subprocess.Popen(
        cmd,
        cwd=ROOT,
        env={**env, "WIREHOUSE_EXIT_TIMEOUT": "5"},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("wirehouse backfill: run"):  # the work is done and reported: now the exit
                break
        os.killpg(server_pid, signal.SIGKILL)
        killed = time.monotonic()
        code = proc.wait(timeout=120)  # Prefect alone retried its queued events for over a minute here
        assert time.monotonic() - killed < 30, "the exit was not bounded"
        assert code == 0
    finally:
        proc.kill()
        with pytest.raises(ProcessLookupError):
            os.killpg(server_pid, signal.SIGKILL)
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone() == (120,)
