"""How often someone may fail to sign in: the rules behind the login endpoint's 429.

Only failures count (a person who signs in ten times a day is never slowed down), and they count
under keys a stranger cannot fill for someone else:

- per account *and* address (`BOTSCHAFT_LOGIN_LIMIT_PER_ACCOUNT_AND_ADDRESS`): guessing from
  one address stops there, and the account's owner, at another address, is not affected;
- per account from all addresses (`BOTSCHAFT_LOGIN_LIMIT_PER_ACCOUNT`), a slower limit that one
  address cannot reach alone (10 per 15 minutes is at most 40 an hour): it slows down guessing
  spread over many addresses. It does not apply at an address the account signed in from
  successfully in the last 30 days, so that such an attack does not lock the owner out;
- per address over all accounts (`BOTSCHAFT_LOGIN_LIMIT_PER_ADDRESS`): one address trying many
  accounts (password spraying).

The limits are checked before the password is, so a blocked attempt learns nothing about it, and
every key counts for unknown emails exactly as for known ones (no enumeration).
"""

from __future__ import annotations

from botschaft.core.ratelimit import RateLimiter
from botschaft.core.settings import Settings

KNOWN_ADDRESS = "1/30days"  # a window the limiter keeps: "signed in from here recently"


class SignInThrottle:
    def __init__(self, limiter: RateLimiter, settings: Settings, *, email: str, ip: str):
        self.limiter = limiter
        self.pair = (settings.login_limit_per_account_and_address, ("login-pair", ip, email))
        self.account = (settings.login_limit_per_account, ("login-account", email))
        self.address = (settings.login_limit_per_address, ("login-ip", ip))
        self.known = ("login-known", email, ip)

    def check(self) -> None:
        """429 with Retry-After when this account, address or pair has failed too often."""
        limits = [self.pair, self.address]
        if self.limiter.test(KNOWN_ADDRESS, *self.known):  # not known: its slot is still free
            limits.append(self.account)
        self.limiter.check(*limits)

    def failed(self) -> None:
        for limit, key in (self.pair, self.account, self.address):
            self.limiter.count(limit, *key)

    def succeeded(self) -> None:
        # The right password ends the owner's own typos at this address; failures counted
        # for the account elsewhere and for the address stay.
        limit, key = self.pair
        self.limiter.forget(limit, *key)
        self.limiter.mark(KNOWN_ADDRESS, *self.known)
