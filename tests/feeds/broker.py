"""A real Mosquitto on a free loopback port, for the tests (never another address)."""

from __future__ import annotations

import getpass
import shutil
import socket
import subprocess
import time
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Mosquitto:
    def __init__(self, folder: Path, tls: tuple[Path, Path, Path] | None = None,
                 passwords: Path | None = None):
        """``tls``: (CA, server certificate, key) for a TLS listener; ``passwords``: a
        mosquitto_passwd file, when clients must log in."""
        exe = shutil.which("mosquitto") or "/usr/sbin/mosquitto"
        if not Path(exe).exists():
            raise RuntimeError("mosquitto is not installed (scripts/setup.sh test installs it)")
        self.exe, self.folder, self.port = exe, folder, free_port()
        folder.mkdir(parents=True, exist_ok=True)
        self.conf = folder / "mosquitto.conf"
        self.conf.write_text(
            f"listener {self.port} 127.0.0.1\n"
            + (f"cafile {tls[0]}\ncertfile {tls[1]}\nkeyfile {tls[2]}\n" if tls else "")
            + (f"allow_anonymous false\npassword_file {passwords}\n" if passwords else "allow_anonymous true\n") +
            f"user {getpass.getuser()}\n"   # as root, mosquitto would switch to a user that cannot write here
            f"persistence true\npersistence_location {folder}/\nautosave_interval 1\n"
            # what a real deployment sets too: keep what arrives while the ingester is away
            f"max_queued_messages 100000\n"
            f"log_dest file {folder}/mosquitto.log\n")
        self.proc: subprocess.Popen | None = None
        self.tls = tls is not None

    @property
    def url(self) -> str:
        return f"{'mqtts' if self.tls else 'mqtt'}://127.0.0.1:{self.port}"

    def start(self) -> "Mosquitto":
        self.proc = subprocess.Popen([self.exe, "-c", str(self.conf)], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"mosquitto did not start on port {self.port}: "
                           f"{(self.folder / 'mosquitto.log').read_text()[-500:]}")

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()          # SIGTERM: mosquitto saves its persistence file
            self.proc.wait(timeout=10)
            self.proc = None


def throwaway_ca(folder: Path) -> tuple[Path, Path, Path]:
    """A private CA and a certificate it signs for 127.0.0.1 (CA, certificate, key), by openssl."""
    folder.mkdir(parents=True, exist_ok=True)
    ca, ca_key, cert, key, csr = (folder / n for n in ("ca.pem", "ca.key", "server.pem", "server.key", "server.csr"))
    run = lambda *cmd: subprocess.run(["openssl", *cmd], check=True, capture_output=True)
    run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=twin test CA",
        "-keyout", str(ca_key), "-out", str(ca))
    run("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(csr))
    ext = folder / "san.cnf"
    ext.write_text("subjectAltName = IP:127.0.0.1\n")
    run("x509", "-req", "-in", str(csr), "-CA", str(ca), "-CAkey", str(ca_key), "-CAcreateserial",
        "-days", "2", "-extfile", str(ext), "-out", str(cert))
    return ca, cert, key
