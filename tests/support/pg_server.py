"""A throwaway PostgreSQL cluster for the tests: Debian's initdb and pg_ctl, in a temporary directory, on a free
loopback port. initdb and postgres refuse to run as root, and the tests and CI do: as root the cluster runs as
the ``postgres`` user (``runuser``), otherwise as whoever runs the tests."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _as_cluster_user(*command: str) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.getuid() == 0 else list(command)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def cluster() -> Iterator[str]:
    """A running cluster; yields the URL of its ``postgres`` database (user ``postgres``, trust on loopback)."""
    missing = [tool for tool in ("initdb", "pg_ctl") if shutil.which(tool) is None]
    if missing:
        raise RuntimeError(f"PostgreSQL is not installed ({', '.join(missing)} missing): scripts/postgres.sh does it")
    root = Path(tempfile.mkdtemp(prefix="cryptocloud-pg-"))
    if os.getuid() == 0:
        shutil.chown(root, "postgres")
    data, port = root / "data", _free_port()
    _run("initdb", "-D", str(data), "-A", "trust", "-U", "postgres")
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
    _run("pg_ctl", "-D", str(data), "-o", options, "-l", str(root / "log"), "-w", "start")
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        _run("pg_ctl", "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)


def _run(*command: str) -> None:
    subprocess.run(_as_cluster_user(*command), check=True, capture_output=True, timeout=120)


def fresh_database(url: str) -> str:
    """A new empty database in the cluster at ``url``; its URL."""
    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return url.rsplit("/", 1)[0] + "/" + name
