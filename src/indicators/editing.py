"""Who may change the data: the editor password and the pause after repeated wrong guesses.

When the editor password is set (`settings.editor_password`), uploading,
committing and restoring need it. The password is compared in constant time and never stored: the
caller keeps only a boolean "unlocked" and a `Throttle` (counts and times, no secrets).
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass

MAX_FAILURES = 3
LOCKOUT_SECONDS = 30.0


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
