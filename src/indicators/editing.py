"""Who may change the data: the editor password, and the pause after wrong guesses, counted for the whole
server.

When the editor password is set (`settings.editor_password`), uploading, committing and restoring need it.
The password is compared in constant time and never stored or logged. Wrong guesses are counted per client
address and for the server as a whole, in one `Guard` shared by every session of the process: reloading the
page or opening new connections does not start a fresh count.

- a client that guesses wrong MAX_FAILURES times in a row waits LOCKOUT_SECONDS, doubled at each further
  lockout up to MAX_LOCKOUT_SECONDS; a right password resets its count;
- when the server sees SERVER_MAX_FAILURES wrong guesses within SERVER_WINDOW_SECONDS from any clients, every
  attempt waits SERVER_LOCKOUT_SECONDS (many addresses cannot share out the guessing).

While locked, an attempt is refused without looking at the password. Behind a proxy, several app servers
each keep their own count; the proxy's rate limit (`deploy/nginx.conf`) bounds them together.
"""

from __future__ import annotations

import hmac
import threading
from collections import deque
from dataclasses import dataclass, field

MAX_FAILURES = 3
LOCKOUT_SECONDS = 30.0
MAX_LOCKOUT_SECONDS = 900.0
SERVER_MAX_FAILURES = 20
SERVER_WINDOW_SECONDS = 60.0
SERVER_LOCKOUT_SECONDS = 60.0
MAX_CLIENTS = 10_000  # addresses remembered before quiet ones are forgotten


def password_matches(given: str, expected: str) -> bool:
    """Constant-time comparison (of the UTF-8 bytes, so any characters work)."""
    return hmac.compare_digest(str(given).encode("utf-8"), str(expected).encode("utf-8"))


@dataclass
class _Client:
    failures: int = 0  # wrong guesses since the last lockout or success
    lockouts: int = 0  # lockouts in a row (each one twice as long as the one before)
    locked_until: float = 0.0
    last: float = 0.0  # time of the last wrong guess


@dataclass(frozen=True)
class Outcome:
    """What an attempt came to: 'ok', 'wrong' or 'locked'; `wait` seconds until the next attempt may be made
    (0 unless locked); `failures` wrong guesses in a row of this client (for the log)."""

    result: str
    wait: float = 0.0
    failures: int = 0


@dataclass
class Guard:
    """Wrong guesses per client address and for the server; thread-safe (sessions run on their own threads)."""

    _clients: dict[str, _Client] = field(default_factory=dict)
    _recent: deque = field(default_factory=deque)  # times of the server's recent wrong guesses
    _server_locked_until: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def wait(self, client: str, now: float) -> float:
        """Seconds until `client` may try again (0 when it may)."""
        with self._lock:
            return self._wait(client, now)

    def _wait(self, client: str, now: float) -> float:
        own = self._clients.get(client)
        return max(0.0, (own.locked_until if own else 0.0) - now, self._server_locked_until - now)

    def attempt(self, client: str, given: str, expected: str, now: float) -> Outcome:
        with self._lock:
            wait = self._wait(client, now)
            if wait > 0:
                return Outcome("locked", wait, self._clients.get(client, _Client()).failures)
            if password_matches(given, expected):
                self._clients.pop(client, None)
                return Outcome("ok")
            if len(self._clients) > MAX_CLIENTS:
                self._forget(now)
            own = self._clients.setdefault(client, _Client())
            own.failures, own.last = own.failures + 1, now
            failures = own.failures
            self._recent.append(now)
            while self._recent and self._recent[0] <= now - SERVER_WINDOW_SECONDS:
                self._recent.popleft()
            if len(self._recent) >= SERVER_MAX_FAILURES:
                self._recent.clear()
                self._server_locked_until = now + SERVER_LOCKOUT_SECONDS
            if own.failures >= MAX_FAILURES:
                own.locked_until = now + min(LOCKOUT_SECONDS * 2**own.lockouts, MAX_LOCKOUT_SECONDS)
                own.failures, own.lockouts = 0, own.lockouts + 1
            wait = self._wait(client, now)
            return Outcome("locked" if wait > 0 else "wrong", wait, failures)

    def _forget(self, now: float) -> None:
        """Drop clients not locked and quiet for MAX_LOCKOUT_SECONDS, so a scan from many addresses cannot grow
        the table without bound (their count starts again)."""
        for c in [
            c for c, s in self._clients.items() if max(s.locked_until, s.last) + MAX_LOCKOUT_SECONDS < now
        ]:
            del self._clients[c]


GUARD = Guard()  # the one guard of this server process
