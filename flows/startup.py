"""Start-up work done in parallel with the CLI's imports: a temporary Prefect server and the worker pool.

Without `PREFECT_API_URL`, Prefect starts a temporary API server the first time a flow talks to it: the
flow process first imports Prefect's server code (about 2 s), then starts the server and waits for it
(about 3 s), and only then does the flow begin; the worker processes start when the first batch arrives.
`prestart` begins all three at once, before Prefect is even imported: the server (the same uvicorn
command, app and settings Prefect's `SubprocessASGIServer` uses) comes up in its own process while this one
imports Prefect and the workers load their models. `PREFECT_API_URL` then points at it, and it is stopped
when the command exits (and, on Linux, when this process dies without exiting).
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal

STARTUP_TIMEOUT_VAR = "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"
EXIT_TIMEOUT_VAR = "WIREHOUSE_EXIT_TIMEOUT"
DEFAULT_EXIT_TIMEOUT_S = 10.0
PORT_IN_USE = 3  # uvicorn's exit code when its port was taken between our check and its bind
# The variables Prefect's SubprocessASGIServer adds for its temporary server (compared with Prefect's in a test).
SERVER_ENV = {"PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}


class TemporaryServer:
    """A Prefect API server on a free loopback port for the life of this process."""

    def __init__(self) -> None:
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None
        self.log: IO[bytes] | None = None

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def command(self) -> list[str]:
        """The command Prefect's `SubprocessASGIServer._run_uvicorn_command` runs (tests/integration/test_startup.py
        compares the two at the pinned Prefect version, so an upgrade that changes Prefect's fails loudly)."""
        spec = importlib.util.find_spec("prefect")
        app_dir = Path(spec.origin).parent.parent if spec and spec.origin else Path.cwd()
        command = [sys.executable, "-m", "uvicorn", "--app-dir", str(app_dir), "--factory"]
        command += ["prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(self.port)]
        return [*command, "--log-level", "error", "--lifespan", "on"]

    def start(self) -> TemporaryServer:
        """Start it; its output goes to a temporary file, not the command's stdout/stderr (a caller reading
        those to their end would otherwise wait for the server's own shutdown)."""
        self.port = _free_port()
        env = {**os.environ, **SERVER_ENV}
        if self.log is None:
            self.log = tempfile.TemporaryFile()  # noqa: SIM115 -- kept for the process's life, read on failure
        self.process = subprocess.Popen(  # noqa: S603 -- our interpreter, Prefect's arguments
            self.command(),
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            preexec_fn=_die_with_parent,  # noqa: PLW1509 -- only prctl, no locks or threads
        )
        atexit.register(self._stop_at_exit)
        return self

    def output_tail(self, n_bytes: int = 2000) -> str:
        if self.log is None:
            return ""
        self.log.seek(0, os.SEEK_END)
        self.log.seek(max(0, self.log.tell() - n_bytes))
        return self.log.read().decode("utf-8", "replace")

    def wait(self) -> None:
        """Block until the server answers its health check; raise with the reason when it cannot start."""
        deadline = time.monotonic() + float(os.environ.get(STARTUP_TIMEOUT_VAR, "120"))
        while time.monotonic() < deadline:
            assert self.process is not None
            code = self.process.poll()
            if code == PORT_IN_USE:
                self.start()
                continue
            if code is not None:
                raise RuntimeError(
                    f"the temporary Prefect server exited with code {code} while starting:\n{self.output_tail()}"
                )
            with (
                contextlib.suppress(urllib.error.URLError, OSError),
                urllib.request.urlopen(f"{self.api_url}/health", timeout=1) as response,  # noqa: S310 -- loopback
            ):
                if response.status == 200:
                    return
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"the temporary Prefect server did not answer within ${STARTUP_TIMEOUT_VAR} seconds")

    def stop(self, *, wait: bool = True) -> None:
        """Stop the server; with `wait`, until its process has exited (at most 5 s, then kill it). At exit the
        command does not wait: the server shuts itself down gracefully after this process is gone."""
        if self.process is None:
            return
        self.process.terminate()
        if wait:
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def _stop_at_exit(self) -> None:
        self.stop(wait=False)


DEFAULTS = {
    "DO_NOT_TRACK": "1",  # no telemetry calls (they fail offline with a logged error)
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    # the servers a command starts keep write-slot leases on disk, so a killed writer's slot can be freed later
    # (tasks/writes.py: `free_stale_slots`); with Prefect's default, in memory, they die with the server
    "PREFECT_SERVER_CONCURRENCY_LEASE_STORAGE": "prefect.server.concurrency.lease_storage.filesystem",
    # the temporary server takes 9-25 s to start on two cores; Prefect's default limit (20 s) was hit here
    STARTUP_TIMEOUT_VAR: "120",
    # one BLAS thread: batches run in parallel processes already (spaCy's NER was 15% faster this way)
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
}
QUIET_LOGGING = {  # Prefect's own lines on the terminal: warnings and errors only (all of them still go to the API)
    "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "WARNING",
}


def configure_environment(*, verbose: bool = False) -> None:
    """The offline-friendly defaults every command runs with (the caller's environment wins); without `verbose`
    Prefect prints only warnings and errors on the terminal. Call before Prefect is imported."""
    for key, value in (DEFAULTS if verbose else DEFAULTS | QUIET_LOGGING).items():
        os.environ.setdefault(key, value)
    if verbose:  # asked for on this command line: wins over a quiet level inherited from a parent wirehouse
        os.environ["PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL"] = "INFO"


@dataclass(frozen=True, slots=True)
class ServerChoice:
    """The Prefect server a command uses: the user's (`PREFECT_API_URL`), the project's (`make server`), or a
    temporary one that lives as long as the command."""

    kind: Literal["user", "project", "temporary"]
    api_url: str | None
    ui_url: str | None  # None for a temporary server: it has no UI and is gone when the command exits

    def describe(self) -> str:
        if self.kind == "user":
            return f"Prefect server: {self.api_url} (PREFECT_API_URL)"
        if self.kind == "project":
            return f"Prefect server: {self.ui_url} (started by `make server`; its UI shows this run)"
        return "Prefect server: a temporary one for this command only (no UI; `make server` keeps one running)"

    def flow_run_url(self, flow_run_id: object) -> str | None:
        return f"{self.ui_url}/runs/flow-run/{flow_run_id}" if self.ui_url and flow_run_id else None


def _profile_api_url() -> str | None:
    """PREFECT_API_URL set in the active Prefect profile (`prefect config set`), read without importing Prefect."""
    import tomllib

    home = Path(os.environ.get("PREFECT_HOME") or Path.home() / ".prefect")
    try:
        profiles = tomllib.loads((home / "profiles.toml").read_text())
    except (OSError, ValueError):
        return None
    active = os.environ.get("PREFECT_PROFILE") or profiles.get("active", "ephemeral")
    value = profiles.get("profiles", {}).get(active, {}).get("PREFECT_API_URL")
    return str(value) if value else None


def choose_server() -> ServerChoice:
    """`PREFECT_API_URL` when the user set it (environment or profile), else the server this project started
    (`make server`) when it runs and answers, else a temporary one. Never whatever else answers on port 4200."""
    if url := os.environ.get("PREFECT_API_URL") or _profile_api_url():
        ui = os.environ.get("PREFECT_UI_URL") or (
            url.removesuffix("/api") if "127.0.0.1" in url or "localhost" in url else None
        )
        return ServerChoice("user", url, ui)
    if os.environ.get("WIREHOUSE_PREFECT_SERVER", "").lower() not in ("off", "none", "0", "false"):
        from flows.localserver import running_server

        if (state := running_server(timeout_s=1.0)) is not None:
            os.environ["PREFECT_API_URL"] = state.url
            return ServerChoice("project", state.url, state.ui_url)
    return ServerChoice("temporary", None, None)


class Prestart:
    def __init__(self, server: TemporaryServer | None, choice: ServerChoice) -> None:
        self.server = server
        self.choice = choice

    def wait(self) -> None:
        if self.server is not None:
            self.server.wait()


def prestart(*, server: bool = True, workers: int = 0, announce: bool = True) -> Prestart:
    """Choose the Prefect server (`choose_server`, printed once on stderr), start a temporary one when there is
    no other, and start `workers` warm worker processes; call before Prefect is imported, and `wait()` before
    the first flow runs."""
    choice = choose_server()
    _mark_slot_leases(choice)
    temporary = None
    # Prefect reads its settings from the environment when imported: once it is, it starts its own server
    if server and choice.kind == "temporary" and "prefect" not in sys.modules:
        temporary = TemporaryServer().start()
        os.environ["PREFECT_API_URL"] = temporary.api_url
    if announce and server:
        print(choice.describe(), file=sys.stderr, flush=True)
    if workers > 1:  # in a thread: the fork server answers only once it has loaded the models
        from tasks.core.parallel import start_workers

        threading.Thread(target=start_workers, args=(workers,), name="start-workers", daemon=True).start()
    return Prestart(temporary, choice)


def _mark_slot_leases(choice: ServerChoice) -> None:
    """Tell the writers of this command (and the workers it starts) whether the server keeps its write-slot
    leases on this machine's disk, where a writer can see which slots a dead holder left taken
    (`tasks.writes.free_stale_slots`): a temporary server, or a `make server` one started with leases on disk
    and the same $PREFECT_HOME. Never a user's own server."""
    from tasks.core.settings import LEASE_STORAGE, LEASE_STORAGE_VAR, SLOT_LEASES_VAR

    on_disk = os.environ.get(LEASE_STORAGE_VAR) == LEASE_STORAGE
    if choice.kind == "project":
        from flows.localserver import prefect_home, read_state

        state = read_state()
        home = str(prefect_home())
        on_disk = state is not None and state.lease_storage == LEASE_STORAGE and state.prefect_home == home
    os.environ[SLOT_LEASES_VAR] = "disk" if on_disk and choice.kind != "user" else "elsewhere"


def bound_exit(code: int, timeout_s: float | None = None) -> None:
    """Call when the command is done: from now on the process has at most `timeout_s` (`WIREHOUSE_EXIT_TIMEOUT`,
    default 10 s) to exit, then it ends with `code` anyway. Prefect drains its log and event queues at exit and,
    when its server has gone away, retries them without end; the work is stored by then."""
    limit = float(os.environ.get(EXIT_TIMEOUT_VAR, DEFAULT_EXIT_TIMEOUT_S)) if timeout_s is None else timeout_s

    def force() -> None:
        time.sleep(limit)
        with contextlib.suppress(Exception):
            print(
                f"wirehouse: Prefect did not finish its exit within {limit:.0f} s (is its server gone?)",
                file=sys.stderr,
            )
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)

    threading.Thread(target=force, name="bounded-exit", daemon=True).start()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _die_with_parent() -> None:
    """In the server's process before exec: get SIGTERM when the parent dies (Linux), so a killed command
    leaves no server behind."""
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
