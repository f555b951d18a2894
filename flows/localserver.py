"""The project's own Prefect server (`make server`, `make server-stop`): one that stays up, and that wirehouse
commands attach to because this project started it, not because something answers on port 4200.

`start` runs `prefect server start` in its own session (so it outlives `make` and the terminal), with telemetry
off (offline it logs errors), its output in a log file, and returns only once the server answers its health
check. Its state (pid, URL, log) is a small JSON file in `WIREHOUSE_SERVER_DIR` (default
`.prefect-server/` in the project); a state file whose process is gone is stale and cleared, and so is a
stale `server.pid` left by Prefect's own `--background` mode. Importing this module starts nothing and
imports no Prefect.

    python -m flows.localserver start [--port 4200]   # what `make server` runs
    python -m flows.localserver status
    python -m flows.localserver stop
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

from tasks.core.procs import running
from tasks.core.settings import LEASE_STORAGE, LEASE_STORAGE_VAR, PROJECT_ROOT

DEFAULT_PORT = 4200
STATE_FILE = "server.json"
LOG_FILE = "server.log"
START_TIMEOUT_S = 120.0  # a first start creates and migrates Prefect's database: 20-60 s on two busy cores


@dataclass(frozen=True, slots=True)
class ServerState:
    pid: int
    url: str  # the API URL, ending in /api
    log: str
    started_at: float
    lease_storage: str = ""  # the server's PREFECT_SERVER_CONCURRENCY_LEASE_STORAGE ("" = Prefect's, in memory)
    prefect_home: str = ""  # the server's $PREFECT_HOME, where a lease store on disk keeps its files

    @property
    def ui_url(self) -> str:
        return self.url.removesuffix("/api")


def server_dir() -> Path:
    return Path(os.environ.get("WIREHOUSE_SERVER_DIR") or PROJECT_ROOT / ".prefect-server")


def read_state() -> ServerState | None:
    """The recorded server, whether or not it still runs (None when nothing was recorded)."""
    try:
        return ServerState(**json.loads((server_dir() / STATE_FILE).read_text()))
    except (OSError, ValueError, TypeError):
        return None


def is_alive(pid: int) -> bool:
    """True when `pid` runs and is not a zombie."""
    return running(pid)


def is_healthy(api_url: str, timeout_s: float = 1.0) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=timeout_s) as response:  # noqa: S310 -- loopback
            return response.status == 200
    except (urllib.error.URLError, OSError, ValueError):
        return False


def running_server(timeout_s: float = 1.0) -> ServerState | None:
    """The project's server when its process runs and it answers; clears the state of one that is gone."""
    state = read_state()
    if state is None:
        return None
    if not is_alive(state.pid):
        _clear_state()
        return None
    return state if is_healthy(state.url, timeout_s) else None


def _clear_state() -> None:
    with contextlib.suppress(FileNotFoundError):
        (server_dir() / STATE_FILE).unlink()


def prefect_home() -> Path:
    """$PREFECT_HOME as Prefect resolves it, read without importing Prefect."""
    return Path(os.environ.get("PREFECT_HOME") or Path.home() / ".prefect").expanduser().resolve()


def _clear_prefect_pid_file() -> str | None:
    """Prefect's `server start --background` leaves `$PREFECT_HOME/server.pid` behind when its server dies, and
    then refuses to start: remove it when its process is gone."""
    pid_file = prefect_home() / "server.pid"
    try:
        pid = int(pid_file.read_text().strip())
    except (OSError, ValueError):
        return None
    if is_alive(pid):
        return None
    pid_file.unlink(missing_ok=True)
    return str(pid_file)


def _port_taken(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def start(port: int = DEFAULT_PORT, timeout_s: float = START_TIMEOUT_S) -> ServerState:
    """Start the server (or return the one already running); raise RuntimeError with the reason when it fails."""
    state = read_state()
    if state is not None and is_alive(state.pid):
        if is_healthy(state.url, 5.0):
            return state
        raise RuntimeError(f"the server started earlier (pid {state.pid}) runs but does not answer; see {state.log}")
    if state is not None:
        _clear_state()
        print(f"cleared the state of a server that is gone (pid {state.pid})", file=sys.stderr)
    if (stale := _clear_prefect_pid_file()) is not None:
        print(f"cleared a stale {stale}", file=sys.stderr)
    if _port_taken(port):
        raise RuntimeError(f"port {port} is in use by a process this project did not start; choose another port")
    folder = server_dir()
    folder.mkdir(parents=True, exist_ok=True)
    log_path = folder / LOG_FILE
    env = {**os.environ, "DO_NOT_TRACK": "1", "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    env.pop("PREFECT_API_URL", None)  # the server itself is not a client of another one
    # write-slot leases on disk, so a killed writer's slot can be freed (tasks/writes.py: free_stale_slots)
    env.setdefault(LEASE_STORAGE_VAR, LEASE_STORAGE)
    command = [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)]
    with log_path.open("ab") as log:
        process = subprocess.Popen(  # noqa: S603 -- our own interpreter and arguments
            command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
    state = ServerState(
        process.pid,
        f"http://127.0.0.1:{port}/api",
        str(log_path),
        time.time(),
        lease_storage=env[LEASE_STORAGE_VAR],
        prefect_home=str(prefect_home()),
    )
    (folder / STATE_FILE).write_text(json.dumps(asdict(state)))
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            _clear_state()
            raise RuntimeError(f"the Prefect server exited with code {process.returncode}; see {log_path}")
        if is_healthy(state.url):
            return state
        time.sleep(0.5)
    stop()
    raise RuntimeError(f"the Prefect server did not answer within {timeout_s:.0f} s; see {log_path}")


def stop(timeout_s: float = 15.0) -> ServerState | None:
    """Stop the recorded server (its whole process group) and clear its state; None when none was running."""
    state = read_state()
    _clear_state()
    if state is None or not is_alive(state.pid):
        return None
    with contextlib.suppress(ProcessLookupError):
        os.killpg(state.pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout_s
    while is_alive(state.pid) and time.monotonic() < deadline:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(state.pid, os.WNOHANG)
        time.sleep(0.2)
    if is_alive(state.pid):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(state.pid, signal.SIGKILL)
    return state


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m flows.localserver",
        description="Start, stop or show the project's Prefect server (what `make server` runs).",
        epilog="example: python -m flows.localserver start --port 4200",
    )
    parser.add_argument("action", choices=["start", "stop", "status"], help="what to do")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"loopback port (default {DEFAULT_PORT})")
    parser.add_argument("--timeout", type=float, default=START_TIMEOUT_S, help="seconds to wait for health")
    args = parser.parse_args(argv)
    if args.action == "start":
        try:
            state = start(args.port, args.timeout)
        except RuntimeError as exc:
            print(f"wirehouse server: {exc}", file=sys.stderr)
            return 1
        print(f"Prefect server running (pid {state.pid}): UI {state.ui_url}, API {state.url}, log {state.log}")
        print("wirehouse commands use it; stop it with `make server-stop`")
        return 0
    if args.action == "stop":
        stopped = stop()
        print(f"stopped the Prefect server (pid {stopped.pid})" if stopped else "no Prefect server was running")
        return 0
    running = running_server()
    print(f"running (pid {running.pid}): UI {running.ui_url}, log {running.log}" if running else "not running")
    return 0 if running else 1


if __name__ == "__main__":
    sys.exit(main())
