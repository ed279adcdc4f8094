"""A throwaway PostgreSQL cluster for the team-mode tests, started by the test suite itself.

The cluster lives in a temporary folder, listens only on a unix socket in that folder
(no TCP port), runs without fsync (it is thrown away) and is stopped at the end of the
session. PostgreSQL refuses to run as root, so under root the server runs as an
unprivileged user (``cmo-pg``, created with ``useradd`` when missing).

When the server binaries are missing the tests FAIL with a message that says how to
install them; they never skip silently.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

PG_USER = "cmo-pg"
INSTALL_HINT = (
    "PostgreSQL server binaries (initdb, pg_ctl) not found. Install them with "
    "'apt-get install -y postgresql' (Debian/Ubuntu) or point $PG_BIN at their folder."
)


def find_pg_bin() -> Path | None:
    """The folder holding initdb and pg_ctl: $PG_BIN, the PATH, or Debian's layout."""
    candidates = []
    if os.environ.get("PG_BIN"):
        candidates.append(Path(os.environ["PG_BIN"]))
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).parent)
    candidates += [
        Path(p).parent for p in sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    ]
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    return None


def _as_server_user(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    return ["runuser", "-u", PG_USER, "--", *cmd]


def _ensure_server_user() -> None:
    if os.geteuid() != 0:
        return
    known = subprocess.run(["id", "-u", PG_USER], capture_output=True)
    if known.returncode != 0:
        made = subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", PG_USER],
            capture_output=True,
        )
        # Another xdist worker may have created it at the same moment.
        if made.returncode != 0 and subprocess.run(["id", "-u", PG_USER]).returncode != 0:
            pytest.fail(f"useradd {PG_USER} failed: {made.stderr.decode().strip()}")


def _run(cmd: list[str], what: str) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        pytest.fail(f"{what} failed ({done.returncode}): {done.stderr.strip() or done.stdout}")


class PgServer:
    """A running throwaway cluster; ``new_database()`` gives each test its own database."""

    def __init__(self, socket_dir: Path):
        self.socket_dir = socket_dir
        self.user = "cmo"

    def url(self, database: str) -> str:
        return f"postgresql://{self.user}@/{database}?host={self.socket_dir}"

    def new_database(self) -> str:
        import psycopg

        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(
            host=str(self.socket_dir), user=self.user, dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


@pytest.fixture(scope="session")
def pg_server():
    """Start a cluster with initdb + pg_ctl as an unprivileged user; stop it at the end."""
    bin_dir = find_pg_bin()
    if bin_dir is None:
        pytest.fail(INSTALL_HINT, pytrace=False)
    _ensure_server_user()
    # /tmp rather than $TMPDIR: the server user must reach it, and a unix socket path
    # must stay under ~100 characters.
    base = Path(tempfile.mkdtemp(prefix="cmo-pg-", dir="/tmp" if Path("/tmp").is_dir() else None))
    data = base / "data"
    if os.geteuid() == 0:
        shutil.chown(base, user=PG_USER)
    base.chmod(0o755)
    _run(
        _as_server_user(
            [
                str(bin_dir / "initdb"),
                "-D",
                str(data),
                "-U",
                "cmo",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-locale",
                "--no-sync",
            ]
        ),
        "initdb",
    )
    options = f"-k {base} -c listen_addresses='' -F -c max_connections=40"
    _run(
        _as_server_user(
            [
                str(bin_dir / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-w",
                "-t",
                "30",
                "-l",
                str(base / "server.log"),
                "start",
            ]
        ),
        "pg_ctl start",
    )
    try:
        yield PgServer(base)
    finally:
        subprocess.run(
            _as_server_user(
                [str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]
            ),
            capture_output=True,
        )
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server) -> str:
    """A fresh, empty database on the session's server."""
    return pg_server.new_database()
