"""What every web client of twin sends and honours, one place for all (the Géoplateforme's
WFS/WMS and Etalab in ``twin fetch``, the basemaps' tile services, the geocoder): a
User-Agent naming twin and its version, as IGN asks of its clients, and the server's
``Retry-After`` (RFC 9110 §10.2.3: seconds or an HTTP date)."""

from __future__ import annotations

import email.utils
import time

from twin import __version__

USER_AGENT = f"twin/{__version__} (3D twin of a territory; Python urllib)"


def retry_after(value: str | None) -> float | None:
    """Seconds the server asks to wait (never negative), None when it says nothing usable."""
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            seconds = email.utils.parsedate_to_datetime(value).timestamp() - time.time()
        except (TypeError, ValueError):
            return None
    return max(seconds, 0.0)
