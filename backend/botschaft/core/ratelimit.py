"""Rate limits on top of the `limits` library (moving window)."""

from __future__ import annotations

import math
import time

from limits import parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from botschaft.core.errors import TooManyRequests

# One limit and the key it counts under, e.g. ("10/15minutes", ("login-pair", ip, email)).
Limit = tuple[str, tuple[str, ...]]


class RateLimiter:
    def __init__(self, storage_uri: str):
        self._storage = storage_from_string(storage_uri)
        self._limiter = MovingWindowRateLimiter(self._storage)

    def hit(self, limit: str, *key: str) -> None:
        """Count one attempt; raise 429 with Retry-After once the limit is spent."""
        item = parse(limit)
        if not self._limiter.hit(item, *key):
            self._refuse([(limit, key)])

    def check(self, *limits: Limit) -> None:
        """Raise 429 if any of the limits is spent, without counting this request.

        For limits that count only some outcomes (failed sign-ins): check first, count later.
        """
        spent = [(limit, key) for limit, key in limits if not self.test(limit, *key)]
        if spent:
            self._refuse(spent)

    def count(self, limit: str, *key: str) -> None:
        """Count one event (a failure) that `check` will look at."""
        self._limiter.hit(parse(limit), *key)

    def mark(self, limit: str, *key: str) -> None:
        """Start the window of `key` afresh with one hit (a "seen recently" marker)."""
        item = parse(limit)
        self._limiter.clear(item, *key)
        self._limiter.hit(item, *key)

    def forget(self, limit: str, *key: str) -> None:
        self._limiter.clear(parse(limit), *key)

    def test(self, limit: str, *key: str) -> bool:
        return self._limiter.test(parse(limit), *key)

    def _refuse(self, spent: list[Limit]) -> None:
        # The moving window frees a slot when its oldest hit expires; wait for the last one.
        reset_at = max(
            self._limiter.get_window_stats(parse(limit), *key).reset_time for limit, key in spent
        )
        retry_after = max(1, math.ceil(reset_at - time.time()))
        raise TooManyRequests(
            "Too many attempts. Please wait and try again.",
            headers={"Retry-After": str(retry_after)},
        )

    def reset(self) -> None:
        self._storage.reset()
