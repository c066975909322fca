"""A small HTTP client for ``kg.remote``: standard library only, Basic or Digest authentication sent up front.

Why up front: sent without credentials, a large body is uploaded in full only to be refused with
401, and some stores (Virtuoso) close the connection while it is still being sent. So when there
are credentials, a bodiless ``HEAD`` asks for the server's challenge first and the real request
carries the answer (computed by ``urllib.request``'s own Digest handler). Loopback URLs bypass any
proxy set in the environment. Passwords never appear in messages or in the URLs they print.

>>> split_credentials("http://dba:dba@127.0.0.1:8890/sparql", None)
('http://127.0.0.1:8890/sparql', Auth(user='dba', scheme='auto'))
>>> summary(b"<html><body><h1>Error</h1><xmp>SQ110: Permission denied</xmp></body></html>")
'SQ110: Permission denied'
"""

from __future__ import annotations

import base64
import html
import http.client
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from email.message import Message

SCHEMES = ("auto", "basic", "digest")


@dataclass(frozen=True)
class Auth:
    """Credentials for an endpoint; ``scheme`` is ``auto`` (whatever the server asks for), ``basic`` or ``digest``."""

    user: str
    password: str = field(default="", repr=False)
    scheme: str = "auto"

    def __post_init__(self) -> None:
        if self.scheme not in SCHEMES:
            raise ValueError(f"unknown authentication scheme {self.scheme!r}: expected one of {', '.join(SCHEMES)}")


class TransportError(Exception):
    """The endpoint could not be reached or dropped the connection (the message names the URL, not secrets).

    ``sent`` is False when the request surely never reached the server (connection refused, unknown
    host, an authentication scheme it does not offer), True when it may have.
    """

    def __init__(self, message: str, *, sent: bool = True):
        super().__init__(message)
        self.sent = sent


def public_url(url: str) -> str:
    """The URL without any ``user:password@``."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    host = f"[{host}]" if ":" in host else host
    netloc = host + (f":{parts.port}" if parts.port else "")
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


def split_credentials(url: str, auth: Auth | None) -> tuple[str, Auth | None]:
    """Take ``user:password@`` out of a URL; it gives the credentials unless ``auth`` is already set."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise TransportError(f"not an http(s) URL: {public_url(url)!r}")
    if parts.username is None:
        return url, auth
    found = Auth(urllib.parse.unquote(parts.username), urllib.parse.unquote(parts.password or ""))
    return public_url(url), auth or found


def summary(body: bytes, limit: int = 300) -> str:
    """The gist of an error page: the text of ``<xmp>`` (Virtuoso) or the page without tags, on one line."""
    text = body.decode("utf-8", errors="replace")
    m = re.search(r"<xmp>(.*?)</xmp>", text, re.DOTALL | re.IGNORECASE)
    if m:
        text = m.group(1)
    elif "<" in text and ">" in text:
        text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.DOTALL | re.IGNORECASE)
        text = re.sub(r"<[^>]*>", " ", text)
    text = " ".join(html.unescape(text).split())
    return text if len(text) <= limit else text[:limit] + "…"


def _is_loopback(url: str) -> bool:
    host = (urllib.parse.urlsplit(url).hostname or "").lower()
    return host in ("localhost", "::1") or host.startswith("127.")


class HttpClient:
    """Send requests with optional credentials; HTTP errors come back as (status, headers, body)."""

    def __init__(self, auth: Auth | None = None, timeout: float = 60):
        self.auth = auth
        self.timeout = timeout

    def request(self, method: str, url: str, data: bytes | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, Message, bytes]:
        authorization = None
        if self.auth is not None:
            if self.auth.scheme == "basic":
                authorization = self._basic()
            else:
                status, got, body = self._send("HEAD", url, None, {}, None)
                if status == 401:
                    authorization = self._answer(got, method, url, data)
        status, got, body = self._send(method, url, data, headers or {}, authorization)
        if status == 401 and self.auth is not None and authorization is None:
            # No challenge from the probe (HEAD not supported?): answer this one, once.
            authorization = self._answer(got, method, url, data)
            if authorization:
                status, got, body = self._send(method, url, data, headers or {}, authorization)
        return status, got, body

    def describe(self, status: int, body: bytes, shown: str) -> str:
        """A one-line message for an HTTP error, naming the URL, never the password."""
        detail = self._scrub(summary(body))
        if status == 401:
            who = f"the credentials of user {self.auth.user!r}" if self.auth else "the request: it needs credentials"
            return f"{shown} refused {who} (HTTP 401 Unauthorized)"
        if status == 403:
            return f"{shown} refused the request (HTTP 403 Forbidden){': ' + detail if detail else ''}"
        if status == 404:
            return f"{shown} was not found (HTTP 404): check the URL"
        reason = http.client.responses.get(status, "")
        return f"{shown} answered HTTP {status} {reason}".rstrip() + (f": {detail}" if detail else "")

    # -- internals

    def _scrub(self, text: str) -> str:
        if self.auth is not None and self.auth.password:
            text = text.replace(self.auth.password, "***")
        return text

    def _basic(self) -> str:
        assert self.auth is not None
        token = base64.b64encode(f"{self.auth.user}:{self.auth.password}".encode()).decode("ascii")
        return f"Basic {token}"

    def _answer(self, headers: Message, method: str, url: str, data: bytes | None) -> str | None:
        assert self.auth is not None
        challenges = headers.get_all("WWW-Authenticate") or []
        offered = {c.split(None, 1)[0].lower(): c for c in challenges if c.strip()}
        wanted = self.auth.scheme
        if wanted == "digest" and "digest" not in offered or wanted == "basic" and "basic" not in offered:
            asked = ", ".join(sorted(offered)) or "nothing"
            raise TransportError(f"{public_url(url)} asks for {asked} authentication, not {wanted}", sent=False)
        if "digest" in offered:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            passwords.add_password(None, url, self.auth.user, self.auth.password)
            handler = urllib.request.HTTPDigestAuthHandler(passwords)
            params = offered["digest"].split(None, 1)[1] if " " in offered["digest"] else ""
            chal = urllib.request.parse_keqv_list(filter(None, urllib.request.parse_http_list(params)))
            value = handler.get_authorization(urllib.request.Request(url, data=data, method=method), chal)
            return f"Digest {value}" if value else None
        if "basic" in offered:
            return self._basic()
        return None

    def _send(self, method: str, url: str, data: bytes | None, headers: dict[str, str],
              authorization: str | None) -> tuple[int, Message, bytes]:
        req = urllib.request.Request(url, data=data, method=method, headers=headers)
        if authorization:
            req.add_unredirected_header("Authorization", authorization)
        proxies = urllib.request.ProxyHandler({}) if _is_loopback(url) else urllib.request.ProxyHandler()
        shown = public_url(url).split("?")[0]
        try:
            with urllib.request.build_opener(proxies).open(req, timeout=self.timeout) as resp:
                return resp.status, resp.headers, resp.read()
        except urllib.error.HTTPError as e:
            with e:
                try:
                    body = e.read()
                except (OSError, http.client.HTTPException):
                    body = b""
                return e.code, e.headers, body
        except urllib.error.URLError as e:
            reason = e.reason.strerror if isinstance(e.reason, OSError) and e.reason.strerror else e.reason
            sent = not isinstance(e.reason, (ConnectionRefusedError, socket.gaierror))
            raise TransportError(f"cannot reach {shown}: {self._scrub(str(reason))}", sent=sent) from None
        except TimeoutError:
            raise TransportError(f"{shown} did not answer within {self.timeout:g} s") from None
        except (OSError, http.client.HTTPException) as e:
            raise TransportError(f"the connection to {shown} failed: {self._scrub(str(e) or type(e).__name__)}"
                                 ) from None


__all__ = ["SCHEMES", "Auth", "HttpClient", "TransportError", "public_url", "split_credentials", "summary"]
