"""HTTP for ``twin fetch``: polite requests and resumable, checked downloads (stdlib only).

Polite: a User-Agent naming twin and its version; 429 and 5xx answers are retried with an
exponential backoff, or after the ``Retry-After`` the server asks for (RFC 9110 §10.2.3,
seconds or an HTTP date); a timeout on every request (``TWIN_FETCH_TIMEOUT``, seconds).
Resumable (RFC 9110 §14): a file is written to ``NAME.part`` and renamed only when whole
and checked (its size; its checksum when the server gives one, ``Repr-Digest`` RFC 9530 or
``Digest`` RFC 3230); a dropped connection resumes with ``Range: bytes=N-`` (``If-Range`` with the
ETag, so a file changed meanwhile restarts from zero); a rerun sends ``If-None-Match`` /
``If-Modified-Since`` and a ``304`` leaves the file as it is. Every failure names the
service and says what to do; a cancel (``Feedback.cancel``) stops between chunks and
leaves the ``.part`` to resume."""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import re
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from twin.core.errors import TwinError
from twin.core.feedback import Feedback
from twin.core.i18n import message
from twin.core.web import USER_AGENT, retry_after

RETRIES = 4                # attempts after the first, on 429/5xx and dropped connections
BACKOFF_S = 1.0            # 1, 2, 4, 8 s between attempts when the server says nothing
MAX_WAIT_S = 120.0         # a Retry-After longer than this: give up and say when to come back
CHUNK = 1 << 20
# failures worth another try; no network (refused, unknown host, TLS) fails at once
TRANSIENT = (TimeoutError, socket.timeout, ConnectionResetError, ConnectionAbortedError, http.client.HTTPException)


def timeout_s() -> float:
    return float(os.environ.get("TWIN_FETCH_TIMEOUT", "60"))


class ServiceError(TwinError):
    """A web service did not answer, or not as its documentation says."""


@dataclass(frozen=True)
class Service:
    """A web service, by the name a user knows it by, and its base URL."""

    name: str
    url: str

    def error(self, what: str, hint: str | None = None) -> ServiceError:
        return ServiceError(message("{} ({}): {}").format(self.name, self.url, what), hint=hint)


def _sleep(seconds: float, fb: Feedback) -> None:
    end = time.monotonic() + seconds
    while (left := end - time.monotonic()) > 0:
        fb.check()
        time.sleep(min(left, 0.1))
    fb.check()


def with_params(url: str, params: dict | None) -> str:
    if not params:
        return url
    return f"{url}{'&' if '?' in url else '?'}{urllib.parse.urlencode(params, safe=':,/')}"


def open_url(service: Service, url: str, fb: Feedback, headers: dict | None = None, method: str = "GET"):
    """The open answer to a request (the caller closes it), after retries on 429/5xx and
    dropped or timed-out connections; 304 and 416 come back as answers, other 4xx raise. No
    network (a refused connection, an unknown host) fails at once: nothing to wait for."""
    try:
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, **(headers or {})})
    except ValueError:           # not a URL at all: a base URL set wrong
        raise service.error(message("is not a web address"),
                            message("TWIN_GEOPF_URL and TWIN_CADASTRE_URL take http(s):// addresses")) from None
    for attempt in range(RETRIES + 1):
        fb.check()
        wait = BACKOFF_S * 2 ** attempt
        try:
            return urllib.request.urlopen(request, timeout=timeout_s())
        except urllib.error.HTTPError as exc:
            if exc.code in (304, 416) or (method == "HEAD" and 400 <= exc.code < 500 and exc.code != 429):
                return exc         # (a server that refuses HEAD, as a WMS may: the size stays unknown)
            if exc.code != 429 and exc.code < 500:
                detail = exc.read(300).decode("utf-8", "replace").strip().splitlines()
                raise service.error(message("answered HTTP {} to {}{}").format(
                    exc.code, _short(url), f" ({detail[0][:160]})" if detail else ""),
                    message("the request is not one this service accepts: check its address "
                            "(TWIN_GEOPF_URL, TWIN_CADASTRE_URL) and that twin is up to date")) from None
            asked = retry_after(exc.headers.get("Retry-After"))
            exc.close()
            if asked is not None and asked > MAX_WAIT_S:
                raise service.error(message("is overloaded and asks to wait {:.0f} s").format(asked),
                                    message("try again later; a rerun resumes where this one stopped")) from None
            if attempt == RETRIES:
                raise service.error(message("answered HTTP {} {} times in a row").format(exc.code, RETRIES + 1),
                                    message("the service is down or overloaded; try again later (a rerun "
                                            "resumes where this one stopped)")) from None
            wait = asked if asked is not None else wait
        except (urllib.error.URLError, TimeoutError, socket.timeout, ConnectionError, http.client.HTTPException) as exc:
            reason = getattr(exc, "reason", exc)
            if attempt == RETRIES or not isinstance(reason, TRANSIENT):
                slow = isinstance(reason, (TimeoutError, socket.timeout))
                raise service.error(
                    message("did not answer within {:g} s").format(timeout_s()) if slow else
                    message("cannot be reached ({})").format(reason),
                    message("check the network (and a proxy: HTTPS_PROXY); TWIN_FETCH_TIMEOUT gives a slow "
                            "service more time") if slow else
                    message("check the network (and a proxy: HTTPS_PROXY), or point twin at a mirror with "
                            "TWIN_GEOPF_URL / TWIN_CADASTRE_URL")) from None
        _sleep(wait, fb)
    raise AssertionError("unreachable")


def _short(url: str) -> str:
    return url if len(url) < 160 else url[:157] + "…"


def get_bytes(service: Service, url: str, fb: Feedback, params: dict | None = None) -> bytes:
    """A whole answer; a connection dropped mid-answer is retried like a 5xx."""
    full = with_params(url, params)
    for attempt in range(RETRIES + 1):
        with open_url(service, full, fb) as answer:
            try:
                return answer.read()
            except (http.client.IncompleteRead, ConnectionError, TimeoutError, socket.timeout):
                if attempt == RETRIES:
                    raise service.error(message("broke off its answer {} times in a row").format(RETRIES + 1),
                                        message("try again later")) from None
        _sleep(BACKOFF_S * 2 ** attempt, fb)
    raise AssertionError("unreachable")


def get_json(service: Service, url: str, fb: Feedback, params: dict | None = None) -> dict:
    body = get_bytes(service, url, fb, params)
    try:
        data = json.loads(body)
    except ValueError:
        start = body[:120].decode("utf-8", "replace").strip().replace("\n", " ")
        raise service.error(message("answered something that is not JSON ({})").format(start),
                            message("the service may have changed; check its documentation and that twin is "
                                    "up to date")) from None
    if not isinstance(data, dict):
        raise service.error(message("answered JSON that is not an object"))
    return data


@dataclass
class Validators:
    """What a server said of a file, to ask next time whether it changed."""

    etag: str | None = None
    last_modified: str | None = None
    size: int | None = None
    digest: str | None = None        # "sha256:hex…", of the whole file, when the server gives one

    @classmethod
    def of(cls, answer) -> "Validators":
        total = answer.headers.get("Content-Range", "").rpartition("/")[2]
        length = total if total.isdigit() else answer.headers.get("Content-Length")
        return cls(answer.headers.get("ETag"), answer.headers.get("Last-Modified"),
                   int(length) if length and length.isdigit() else None, _digest(answer.headers))


def _digest(headers) -> str | None:
    """The whole file's checksum a server announces: ``Repr-Digest: sha-256=:BASE64:``
    (RFC 9530) or ``Digest: SHA-256=BASE64`` (RFC 3230), as ``algo:hex``."""
    import base64
    for header, pattern in (("Repr-Digest", r"(sha-256|sha-512)=:([A-Za-z0-9+/=]+):"),
                            ("Digest", r"(sha-256|sha-512|md5)=([A-Za-z0-9+/=]+)")):
        found = re.search(pattern, headers.get(header, ""), re.IGNORECASE)
        if found:
            try:
                value = base64.b64decode(found.group(2), validate=True).hex()
            except ValueError:
                return None
            return f"{found.group(1).lower().replace('-', '')}:{value}"
    return None


class Manifest:
    """What twin fetched into a folder (``.twin-fetch.json``): each file's URL and
    validators, or the parameters it was made with; written aside, renamed whole."""

    NAME = ".twin-fetch.json"

    def __init__(self, folder: Path):
        self.path = Path(folder) / self.NAME
        self.lock = threading.Lock()
        try:
            self.entries: dict[str, dict] = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.entries = {}

    def get(self, dest: Path) -> dict:
        with self.lock:
            return dict(self.entries.get(self._key(dest), {}))

    def put(self, dest: Path, **entry) -> None:
        with self.lock:
            self.entries[self._key(dest)] = entry
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(self.path.name + ".part")
            tmp.write_text(json.dumps(self.entries, indent=1, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, self.path)

    def _key(self, dest: Path) -> str:
        return Path(dest).resolve().relative_to(self.path.parent.resolve()).as_posix()


@dataclass
class Download:
    """A file to fetch: from ``url`` into ``dest``, of ``size`` bytes when known."""

    service: Service
    url: str
    dest: Path
    size: int | None = None
    done: int = 0
    status: str = "pending"      # pending | downloaded | unchanged | resumed
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)


def download(item: Download, manifest: Manifest, fb: Feedback, on_bytes=lambda item, n: None) -> Download:
    """Fetch ``item`` into place (see the module's docstring); ``on_bytes(item, n)`` as bytes
    arrive. Returns it with ``status`` saying what was done."""
    dest, part = item.dest, item.dest.with_name(item.dest.name + ".part")
    dest.parent.mkdir(parents=True, exist_ok=True)
    known = manifest.get(dest)
    headers = {}
    if dest.is_file() and known.get("complete") and known.get("url") == item.url:
        if known.get("etag"):
            headers["If-None-Match"] = known["etag"]
        if known.get("last_modified"):
            headers["If-Modified-Since"] = known["last_modified"]
    for attempt in range(RETRIES + 1):
        have = part.stat().st_size if part.is_file() and not headers else 0
        ask = dict(headers)
        if have:
            ask["Range"] = f"bytes={have}-"
            if known.get("etag") or known.get("last_modified"):
                ask["If-Range"] = known.get("etag") or known["last_modified"]
        answer = open_url(item.service, item.url, fb, ask)
        with answer:
            status = answer.getcode()
            if status == 304:
                item.status, item.done = "unchanged", dest.stat().st_size
                on_bytes(item, item.done)
                return item
            if status == 416:          # the .part is already whole (or stale): start again
                part.unlink(missing_ok=True)
                continue
            resumed = status == 206 and have > 0
            validators = Validators.of(answer)
            if not resumed:
                have = 0
                manifest.put(dest, url=item.url, etag=validators.etag, last_modified=validators.last_modified,
                             size=validators.size, digest=validators.digest, complete=False)
                known = manifest.get(dest)
            expected = item.size = validators.size or item.size      # known now: progress can say how far
            item.done = have
            on_bytes(item, have)
            headers = {}
            try:
                with open(part, "ab" if resumed else "wb") as out:
                    while chunk := answer.read(CHUNK):
                        fb.check()
                        out.write(chunk)
                        item.done += len(chunk)
                        on_bytes(item, item.done)
            except (http.client.IncompleteRead, ConnectionError, TimeoutError, socket.timeout):
                pass
        if expected is not None and item.done < expected:      # dropped mid-file: resume
            if attempt == RETRIES:
                raise item.service.error(message("{}: the download broke off {} times ({} of {} bytes); "
                                                 "the part is kept").format(dest.name, RETRIES + 1, item.done,
                                                                            expected),
                                         message("run the same command again: it resumes where it stopped"))
            _sleep(BACKOFF_S * 2 ** attempt, fb)
            continue
        _check(item, part, expected, known.get("digest"))
        os.replace(part, dest)
        manifest.put(dest, url=item.url, etag=known.get("etag"), last_modified=known.get("last_modified"),
                     size=item.done, digest=known.get("digest"), complete=True)
        item.status = "resumed" if resumed or attempt else "downloaded"
        return item
    raise AssertionError("unreachable")


def _check(item: Download, part: Path, expected: int | None, checksum: str | None) -> None:
    """Sizes and checksums; a file that fails is removed (never left as if complete)."""
    got = part.stat().st_size
    if (expected is not None and got != expected) or (item.size is not None and got != item.size):
        part.unlink()
        raise item.service.error(message("{}: {} bytes received, {} announced").format(
                                     item.dest.name, got, item.size or expected),
                                 message("run the command again; if it persists, the service's index is "
                                         "out of date"))
    if checksum:
        algo, _, value = checksum.partition(":")
        digest = hashlib.new(algo)
        with open(part, "rb") as src:
            while chunk := src.read(CHUNK):
                digest.update(chunk)
        if digest.hexdigest().lower() != value.lower():
            part.unlink()
            raise item.service.error(message("{}: its {} checksum does not match the service's").format(
                                         item.dest.name, algo),
                                     message("run the command again: the file is fetched anew"))


def head_size(service: Service, url: str, fb: Feedback) -> int | None:
    """The size a server announces for a file (HEAD), None when it does not say."""
    with open_url(service, url, fb, method="HEAD") as answer:
        return Validators.of(answer).size if answer.getcode() < 300 else None
