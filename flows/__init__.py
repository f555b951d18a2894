"""Prefect flows. Importing this package has no side effects: the CLI (`flows.cli.main`) and each flow
module's `__main__` call `flows.startup.configure_environment()` for the offline defaults and choose the
Prefect server with `flows.startup.choose_server()`."""
