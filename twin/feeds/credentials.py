"""Passwords kept out of sight: never in an address.

An address on a command line is shown to every user of the machine (``ps``, /proc), and
one in a scene file travels with the scene; so a broker, SensorThings or PostgreSQL
address holding a password is refused, with the way to give it instead:
- MQTT brokers: the ``TWIN_MQTT_PASSWORD`` environment variable, or a file readable by its
  owner alone (``--password-file``), first line;
- PostgreSQL: libpq's own conventions, which psycopg follows: ``PGPASSWORD``, or
  ``~/.pgpass`` (``PGPASSFILE``) in mode 0600, ``host:port:db:user:password`` per line.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from twin.core.errors import DataError, TwinError
from twin.core.i18n import message

MQTT_PASSWORD_ENV = "TWIN_MQTT_PASSWORD"

HINTS = {
    "mqtt": f"leave it out of the address and set {MQTT_PASSWORD_ENV} in the environment, or give "
            "--password-file FILE (a file readable by you alone: chmod 600)",
    "postgresql": "leave it out of the address: libpq reads it from PGPASSWORD, or from ~/.pgpass "
                  "(or the file PGPASSFILE names) readable by you alone (chmod 600), one line "
                  "host:port:database:user:password",
    "http": "leave it out of the address; this service must be readable without a password",
}


def has_password(url: str) -> bool:
    """A password in the address's user part or in its query (``?password=``)."""
    try:
        parts = urlsplit(url)
        return parts.password is not None or any(
            k.lower() in ("password", "pass", "pwd") for k in parse_qs(parts.query))
    except ValueError:
        return False


def refuse_password(url: str, path: str | Path | None = None) -> None:
    """Raises when ``url`` holds a password, saying why and how to give it."""
    if not has_password(url):
        return
    scheme = urlsplit(url).scheme.lower()
    kind = ("mqtt" if scheme.startswith("mqtt") else "postgresql" if scheme.startswith("postgres")
            else "http")
    bare = url.split("?", 1)[0]               # neither the user part nor the query is shown
    shown = bare.split("://", 1)[0] + "://…@" + bare.rsplit("@", 1)[-1] if "@" in bare else bare
    what = (message("the address {} holds a password, which would be visible in the scene file, to whoever "
                    "it is given") if path is not None
            else message("the address {} holds a password, which would be visible on the command line, to every "
                         "user of this machine (ps)"))
    error = DataError if path is not None else TwinError
    raise error(what.format(shown),
                path=path, hint=message(HINTS[kind]))


def read_secret_file(path: str | Path) -> str:
    """The first line of a file only its owner can read; a group- or world-readable one is
    refused (as ssh and libpq refuse theirs), so the secret is not already out."""
    path = Path(path).expanduser()
    try:
        info = path.stat()
        if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise DataError(message("can be read by other users (mode {})").format(
                                stat.filemode(info.st_mode)), path=path,
                            hint=message("make it yours alone: chmod 600 {}").format(path))
        if info.st_uid != os.geteuid():
            raise DataError(message("belongs to another user"), path=path, hint=message("use a password file of your own"))
        secret = path.read_text(encoding="utf-8").splitlines()[:1]
    except (FileNotFoundError, IsADirectoryError):
        raise DataError(message("password file not found"), path=path) from None
    except (PermissionError, UnicodeDecodeError) as exc:
        raise DataError(message("cannot be read ({})").format(exc.__class__.__name__), path=path) from None
    if not secret or not secret[0]:
        raise DataError(message("is empty: the password goes on its first line"), path=path)
    return secret[0]


def broker_password(password_file: str | Path | None = None, environ=os.environ) -> str | None:
    """The broker's password: from ``password_file`` when given, else ``TWIN_MQTT_PASSWORD``."""
    if password_file is not None:
        return read_secret_file(password_file)
    return environ.get(MQTT_PASSWORD_ENV) or None
