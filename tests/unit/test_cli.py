"""What the commands say and return, before any flow runs: help, exit codes, imports without side effects."""

from __future__ import annotations

import argparse
import http.server
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from flows.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]


def _python(code: str, env: dict[str, str] | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]  # noqa: SLF001 -- argparse has no public way
    return dict(sub.choices)


def test_every_command_and_argument_has_help_and_an_example() -> None:
    commands = _subcommands()
    assert {"backfill", "sql", "extract", "watch", "feeds", "ingest", "check"} <= set(commands)
    parser = build_parser()
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]  # noqa: SLF001
    helped = {choice.dest for choice in sub._choices_actions if choice.help}  # noqa: SLF001
    assert set(commands) <= helped, f"commands without help: {set(commands) - helped}"
    for name, command in commands.items():
        for action in command._actions:  # noqa: SLF001
            if isinstance(action, argparse._HelpAction):  # noqa: SLF001
                continue
            assert action.help and action.help.strip(), f"{name} {action.dest}: no help text"
        text = command.format_help()
        examples = text.split("examples:")[1] if "examples:" in text else ""
        assert f"wirehouse {name}" in examples, f"{name}: no example in its --help"


def test_python_m_flows_backfill_help_prints_help(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "flows.backfill", "--help"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT), "WIREHOUSE_DB": str(tmp_path / "w.duckdb")},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "usage:" in result.stdout and "--batch-size" in result.stdout
    assert not (tmp_path / "w.duckdb").exists()
    assert not list(tmp_path.iterdir())


def test_backfill_of_paths_that_do_not_exist_fails_fast_without_prefect(tmp_path: Path) -> None:
    missing = [str(tmp_path / "nope"), str(tmp_path / "also-missing.jsonl")]
    code = (
        "import sys\nfrom flows.cli import main\n"
        f"code = main(['backfill', *{missing!r}, '--db', {str(tmp_path / 'w.duckdb')!r}])\n"
        "print('exit', code, 'prefect imported:', 'prefect' in sys.modules)\n"
    )
    started = time.monotonic()
    result = _python(code)
    assert result.returncode == 0, result.stderr
    assert "exit 2 prefect imported: False" in result.stdout
    assert all(path in result.stderr for path in missing), result.stderr
    assert time.monotonic() - started < 30
    assert not (tmp_path / "w.duckdb").exists()


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 -- http.server's name
        _Recorder.hits.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"true")

    def log_message(self, *args: object) -> None:
        return None


def test_importing_the_flows_changes_no_environment_and_probes_nothing() -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/api"
        code = (
            "import os\nbefore = dict(os.environ)\n"
            "import flows, flows.cli, flows.backfill, flows.ingest, flows.reextract, flows.watch, flows.startup\n"
            "after = dict(os.environ)\n"
            "print(sorted(set(after.items()) ^ set(before.items())))\n"
        )
        env = {"WIREHOUSE_PREFECT_SERVER": url}
        for key in ("PREFECT_API_URL", "DO_NOT_TRACK", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
            env[key] = ""
        result = _python(code, {k: v for k, v in env.items() if v})
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "[]", f"importing the flows changed the environment: {result.stdout}"
        assert _Recorder.hits == [], f"importing the flows made requests: {_Recorder.hits}"
    finally:
        server.shutdown()


def test_the_task_runner_is_chosen_when_the_flow_is_called() -> None:
    code = (
        "import os\nos.environ['WIREHOUSE_TASK_RUNNER'] = 'dask'\n"
        "from flows.backfill import backfill, with_runner\n"
        "print(type(backfill.task_runner).__name__, type(with_runner().task_runner).__name__,"
        " type(with_runner('local').task_runner).__name__)\n"
    )
    result = _python(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["ThreadPoolTaskRunner", "DaskTaskRunner", "ThreadPoolTaskRunner"]


def _choose(env: dict[str, str]) -> list[str]:
    code = "from flows.startup import choose_server\nc = choose_server()\nprint(c.kind, c.api_url, c.ui_url)\n"
    base = {k: v for k, v in os.environ.items() if k not in ("PREFECT_API_URL", "WIREHOUSE_PREFECT_SERVER")}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**base, "PYTHONPATH": str(ROOT), **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_commands_attach_only_to_the_projects_server_or_prefect_api_url(tmp_path: Path) -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)  # something else answering health
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/api"
        home = {"PREFECT_HOME": str(tmp_path / "home"), "WIREHOUSE_SERVER_DIR": str(tmp_path / "srv")}
        assert _choose(home) == ["temporary", "None", "None"]  # nothing this project started: not attached
        (tmp_path / "srv").mkdir()
        gone = subprocess.Popen(["true"])
        gone.wait()
        state = {"pid": gone.pid, "url": url, "log": "-", "started_at": 0.0}
        (tmp_path / "srv" / "server.json").write_text(json.dumps(state))
        assert _choose(home)[0] == "temporary"  # its process is gone: stale, cleared
        assert not (tmp_path / "srv" / "server.json").exists()
        (tmp_path / "srv" / "server.json").write_text(json.dumps(state | {"pid": os.getpid()}))
        assert _choose(home) == ["project", url, url.removesuffix("/api")]
        assert _choose(home | {"WIREHOUSE_PREFECT_SERVER": "off"})[0] == "temporary"
        assert _choose(home | {"PREFECT_API_URL": "http://10.0.0.9:4200/api"})[:2] == [
            "user",
            "http://10.0.0.9:4200/api",
        ]
    finally:
        server.shutdown()


def test_feeds_list_shows_the_registry_before_the_first_ingest(tmp_path: Path) -> None:
    registry = tmp_path / "feeds.toml"
    registry.write_text(
        '[[feeds]]\nurl = "https://example.org/a.xml"\nname = "Alpha News"\n\n'
        '[[feeds]]\nurl = "https://example.org/b.xml"\nname = "Beta Wire"\n'
    )
    code = (
        "from flows.cli import main\n"
        f"main(['feeds', 'list', '--db', {str(tmp_path / 'w.duckdb')!r}, '--feeds-file', {str(registry)!r},"
        " '--format', 'csv'])\n"
    )
    result = _python(code)
    assert result.returncode == 0, result.stderr
    rows = result.stdout.strip().splitlines()
    assert len(rows) == 3 and all("not polled yet" in row for row in rows[1:]), result.stdout
    assert "Alpha News" in result.stdout and "Beta Wire" in result.stdout


def test_reextract_with_nothing_stale_does_not_start_prefect(tmp_path: Path) -> None:
    from warehouse.db import ensure_schema, open_warehouse

    db = tmp_path / "w.duckdb"
    with open_warehouse(db) as con:
        ensure_schema(con)
    code = (
        "import sys\nfrom flows.cli import main\n"
        f"code = main(['reextract', '--db', {str(db)!r}])\n"
        "print('exit', code, 'prefect imported:', 'prefect' in sys.modules)\n"
    )
    started = time.monotonic()
    result = _python(code)
    assert result.returncode == 0, result.stderr
    assert "nothing to do" in result.stdout and "exit 0 prefect imported: False" in result.stdout, result.stdout
    assert time.monotonic() - started < 20
