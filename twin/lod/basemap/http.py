"""Polite HTTP for tile services: a User-Agent naming twin, a timeout, and retries with
backoff on 429 and 5xx (honouring ``Retry-After``), as IGN's Géoplateforme asks of its
clients (rate limits per IP). A service that cannot be reached raises ``Unreachable``
at once: offline, each tile must not wait through retries."""

from __future__ import annotations

import time
import urllib.error
import urllib.request

from twin.core.errors import TwinError
from twin.core.i18n import message
from twin.core.web import USER_AGENT, retry_after

TIMEOUT_S = 10.0
RETRIES = 3
BACKOFF_S = 0.5
MAX_WAIT_S = 8.0


class BasemapError(TwinError):
    """A tile service answered what twin cannot use; names the service."""

    def __init__(self, what: str, *, service: str, hint: str | None = None):
        self.service = service
        super().__init__(message("{}: {}").format(service, what), hint=hint)


class Unreachable(BasemapError):
    """No answer at all (no network, the server down, a timeout)."""


class Missing(BasemapError):
    """The service has no such tile (404, 204): beyond its data, not a failure."""


def get(url: str, service: str, timeout: float | None = None, retries: int = RETRIES) -> tuple[bytes, dict]:
    """The body and the headers (lower-case names) of a GET (``timeout``: ``TIMEOUT_S``)."""
    timeout = TIMEOUT_S if timeout is None else timeout
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    for attempt in range(retries + 1):
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:
                if answer.status == 204:
                    raise Missing(message("no tile here (HTTP 204)"), service=service)
                return answer.read(), {k.lower(): v for k, v in answer.headers.items()}
        except urllib.error.HTTPError as exc:
            if exc.code in (404, 410):
                raise Missing(message("no tile here (HTTP {})").format(exc.code), service=service) from None
            if exc.code != 429 and exc.code < 500 or attempt == retries:
                raise BasemapError(message("the service answered HTTP {}").format(exc.code), service=service,
                                   hint=message("check the layer's URL and parameters; try again later "
                                                "if the service is overloaded")) from None
            asked = retry_after(exc.headers.get("Retry-After"))
            time.sleep(min(BACKOFF_S * 2 ** attempt if asked is None else asked, MAX_WAIT_S))
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise Unreachable(message("the service cannot be reached ({})").format(reason), service=service,
                              hint=message("check the network; the tiles already seen are shown from the "
                                           "cache")) from None
    raise AssertionError("unreachable")
