"""Who may change the data: the editor password and the pause after repeated wrong guesses.

When `INDICATORS_EDITOR_PASSWORD` is set (in the environment or in Streamlit secrets), uploading,
committing and restoring need it. The password is compared in constant time and never stored: the
caller keeps only a boolean "unlocked" and a `Throttle` (counts and times, no secrets).
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, Mapping
from dataclasses import dataclass

PASSWORD_ENV = "INDICATORS_EDITOR_PASSWORD"
MAX_FAILURES = 3
LOCKOUT_SECONDS = 30.0


def configured_password(environ: Mapping[str, str], secret: Callable[[str], object] | None = None) -> str | None:
    """The editor password from the environment, else from `secret(name)`; None when editing is open.

    `secret` may raise (no secrets file): that counts as "not set".
    """
    value = environ.get(PASSWORD_ENV)
    if not value and secret is not None:
        try:
            found = secret(PASSWORD_ENV)
        except Exception:  # noqa: BLE001 - a missing or broken secrets file means "not set"
            found = None
        value = str(found) if found not in (None, "") else None
    return value or None


def password_matches(given: str, expected: str) -> bool:
    """Constant-time comparison (of the UTF-8 bytes, so any characters work)."""
    return hmac.compare_digest(str(given).encode("utf-8"), str(expected).encode("utf-8"))


@dataclass
class Throttle:
    """Failed attempts in one session: after MAX_FAILURES, refuse attempts for LOCKOUT_SECONDS."""

    failures: int = 0
    locked_until: float = 0.0

    def wait(self, now: float) -> float:
        """Seconds until another attempt is allowed (0 when it is)."""
        return max(0.0, self.locked_until - now)

    def attempt(self, given: str, expected: str, now: float) -> str:
        """'ok', 'wrong' or 'locked' (refused without looking at the password)."""
        if self.wait(now) > 0:
            return "locked"
        if password_matches(given, expected):
            self.failures, self.locked_until = 0, 0.0
            return "ok"
        self.failures += 1
        if self.failures >= MAX_FAILURES:
            self.failures, self.locked_until = 0, now + LOCKOUT_SECONDS
            return "locked"
        return "wrong"
