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
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

STARTUP_TIMEOUT_VAR = "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"
PORT_IN_USE = 3  # uvicorn's exit code when its port was taken between our check and its bind


class TemporaryServer:
    """A Prefect API server on a free loopback port for the life of this process."""

    def __init__(self) -> None:
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def start(self) -> TemporaryServer:
        self.port = _free_port()
        spec = importlib.util.find_spec("prefect")
        app_dir = Path(spec.origin).parent.parent if spec and spec.origin else Path.cwd()
        env = {**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}
        command = [sys.executable, "-m", "uvicorn", "--app-dir", str(app_dir), "--factory"]
        command += ["prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(self.port)]
        command += ["--log-level", "error", "--lifespan", "on"]
        self.process = subprocess.Popen(command, env=env, preexec_fn=_die_with_parent)  # noqa: S603,PLW1509
        atexit.register(self.stop)
        return self

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
                raise RuntimeError(f"the temporary Prefect server exited with code {code} while starting")
            with (
                contextlib.suppress(urllib.error.URLError, OSError),
                urllib.request.urlopen(f"{self.api_url}/health", timeout=1) as response,  # noqa: S310 -- loopback
            ):
                if response.status == 200:
                    return
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"the temporary Prefect server did not answer within ${STARTUP_TIMEOUT_VAR} seconds")

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None


class Prestart:
    def __init__(self, server: TemporaryServer | None) -> None:
        self.server = server

    def wait(self) -> None:
        if self.server is not None:
            self.server.wait()


def prestart(*, server: bool = True, workers: int = 0) -> Prestart:
    """Start a temporary server (unless `PREFECT_API_URL` is set, e.g. to a found local server) and `workers`
    warm worker processes; call before Prefect is imported, and `wait()` before the first flow runs."""
    temporary = None
    # Prefect reads its settings from the environment when imported: once it is, it starts its own server
    if server and not os.environ.get("PREFECT_API_URL") and "prefect" not in sys.modules:
        temporary = TemporaryServer().start()
        os.environ["PREFECT_API_URL"] = temporary.api_url
    if workers > 1:  # in a thread: the fork server answers only once it has loaded the models
        from tasks.core.parallel import start_workers

        threading.Thread(target=start_workers, args=(workers,), name="start-workers", daemon=True).start()
    return Prestart(temporary)


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
