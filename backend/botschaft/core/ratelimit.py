"""Rate limits on top of the `limits` library (moving window)."""

from __future__ import annotations

import math
import time

from limits import parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from botschaft.core.errors import TooManyRequests


class RateLimiter:
    def __init__(self, storage_uri: str):
        self._storage = storage_from_string(storage_uri)
        self._limiter = MovingWindowRateLimiter(self._storage)

    def hit(self, limit: str, *key: str) -> None:
        """Count one attempt; raise 429 with Retry-After once the limit is spent."""
        item = parse(limit)
        if not self._limiter.hit(item, *key):
            reset_at = self._limiter.get_window_stats(item, *key).reset_time
            retry_after = max(1, math.ceil(reset_at - time.time()))
            raise TooManyRequests(
                "Too many attempts. Please wait and try again.",
                headers={"Retry-After": str(retry_after)},
            )

    def test(self, limit: str, *key: str) -> bool:
        return self._limiter.test(parse(limit), *key)

    def reset(self) -> None:
        self._storage.reset()
