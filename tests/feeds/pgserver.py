"""A real PostgreSQL server on a free loopback port in a temporary folder, for the tests.

PostgreSQL refuses to run as root: as root (CI), the server runs as the `postgres`
system user that Debian's package creates."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from tests.feeds.broker import free_port


def _bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        raise RuntimeError("PostgreSQL is not installed (scripts/setup.sh test installs it)")
    return found[-1]


class PostgresServer:
    def __init__(self, folder: Path):
        self.folder, self.port = folder, free_port()
        self.data = folder / "data"
        self.as_root = os.geteuid() == 0

    def _run(self, *cmd: str, **kw) -> subprocess.CompletedProcess:
        if self.as_root:
            cmd = ("runuser", "-u", "postgres", "--", *cmd)
        return subprocess.run(cmd, capture_output=True, text=True, timeout=120, **kw)

    @property
    def dsn(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def start(self) -> "PostgresServer":
        self.folder.mkdir(parents=True, exist_ok=True)
        if self.as_root:
            shutil.chown(self.folder, "postgres", "postgres")
        out = self._run(_bin("initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust",
                        "--no-sync", "-E", "UTF8")
        if out.returncode:
            raise RuntimeError(f"initdb failed: {out.stderr[-500:]}")
        out = self._run(_bin("pg_ctl"), "-D", str(self.data), "-l", str(self.data / "log"), "-w", "start",
                        "-o", f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.data} -c fsync=off")
        if out.returncode:
            raise RuntimeError(f"PostgreSQL did not start: {out.stderr[-500:]}")
        deadline = time.monotonic() + 30
        while self._run(_bin("pg_isready"), "-h", "127.0.0.1", "-p", str(self.port)).returncode:
            if time.monotonic() > deadline:
                raise RuntimeError("PostgreSQL did not become ready")
            time.sleep(0.2)
        return self

    def reload(self) -> None:
        """Re-reads pg_hba.conf (a test changing how users log in)."""
        self._run(_bin("pg_ctl"), "-D", str(self.data), "reload")
        time.sleep(0.5)

    def stop(self) -> None:
        self._run(_bin("pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")


def temporary_server() -> PostgresServer:
    """A server started in a fresh folder the postgres user can read (when we are root)."""
    folder = Path(tempfile.mkdtemp(prefix="twin-pg-"))
    folder.chmod(0o755)
    return PostgresServer(folder / "pg").start()
