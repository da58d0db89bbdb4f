"""How often the public application form may be sent: the rules behind its 429.

An office of a city administration reaches the service through one proxy address, so the
address alone is a poor key. Submissions are limited per address *and* email
(`BOTSCHAFT_APPLICATION_LIMIT_PER_ADDRESS_AND_EMAIL`): every submission mails that address, and
one person has no reason to send the form more than a few times an hour. A much higher ceiling
per address (`BOTSCHAFT_APPLICATION_LIMIT_PER_ADDRESS`) stops one machine from sending
thousands with made-up emails; it counts every attempt that reaches the form, valid or not. The
honeypot field (in `applying.submit`) catches simple bots without any counting.
"""

from __future__ import annotations

from botschaft.core.ratelimit import RateLimiter
from botschaft.core.settings import Settings


class SubmissionThrottle:
    def __init__(self, limiter: RateLimiter, settings: Settings, *, ip: str, email: str):
        self.limiter = limiter
        self.address = (settings.application_limit_per_address, ("apply-ip", ip))
        self.pair = (settings.application_limit_per_address_and_email, ("apply-pair", ip, email))

    def attempt(self) -> None:
        """Before the form is looked at: 429 when either limit is spent; counts the attempt
        against the address ceiling."""
        self.limiter.check(self.pair)
        limit, key = self.address
        self.limiter.hit(limit, *key)

    def accepted(self) -> None:
        """A submission was answered 202 (stored, mailed, or swallowed by the honeypot); one
        rejected for a missing answer does not use up the person's tries."""
        limit, key = self.pair
        self.limiter.count(limit, *key)
