"""The client's address: the one place that decides it, from the direct peer and the proxies
the operator trusts (`BOTSCHAFT_TRUSTED_PROXIES`).

Rate limits and the audit log key on this address. `X-Forwarded-For` is written by whoever sends
the request, so it counts only when the direct peer is a trusted proxy, and only as far as the
chain of trusted proxies goes: walking from the right, each trusted hop vouches for the entry
to its left; the first address no trusted proxy vouches beyond is the client. Nothing is trusted
by default, not even loopback (any local process could otherwise pick its own address).
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_address(value: str) -> IPAddress | None:
    """An IP address, also written with a port ("1.2.3.4:80", "[::1]:80"); None if it is none."""
    value = value.strip()
    if value.startswith("["):
        value = value[1 : value.find("]")] if "]" in value else value
    elif value.count(":") == 1:
        value = value.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    # A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d; key them as the IPv4 address.
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


class TrustedProxies:
    """Comma-separated IP addresses and CIDR ranges; a malformed entry is an error at start-up."""

    def __init__(self, spec: str | None):
        self.networks: tuple[IPNetwork, ...] = tuple(
            self._network(item) for item in (spec or "").split(",") if item.strip()
        )
        self._trusts = lru_cache(maxsize=1024)(self._compute)

    @staticmethod
    def _network(item: str) -> IPNetwork:
        try:
            # strict: "10.0.0.1/8" is more likely a typo than a wish to trust 10.0.0.0/8.
            return ipaddress.ip_network(item.strip(), strict=True)
        except ValueError as exc:
            raise ValueError(
                f"BOTSCHAFT_TRUSTED_PROXIES: {item.strip()!r} is not an IP address or CIDR range"
                f" ({exc})"
            ) from None

    def _compute(self, address: IPAddress) -> bool:
        return any(address in network for network in self.networks)

    def trusts(self, address: IPAddress | None) -> bool:
        return address is not None and bool(self.networks) and self._trusts(address)

    def client(
        self, peer: str | None, forwarded_for: list[str], forwarded_proto: str | None = None
    ) -> tuple[str | None, str | None]:
        """The client's address and, from a trusted proxy, the scheme it used.

        (None, None) when the direct peer is not trusted: the connection's own values stand.
        """
        current = parse_address(peer) if peer else None
        if not self.trusts(current):
            return None, None
        hops = [hop for value in forwarded_for for hop in value.split(",") if hop.strip()]
        for hop in reversed(hops):
            if not self.trusts(current):
                break
            address = parse_address(hop)
            if address is None:
                # Garbage behind a trusted proxy: nobody vouches for it, so the last
                # trusted hop is the best address we know.
                break
            current = address
        proto = (forwarded_proto or "").split(",")[-1].strip().lower()
        return str(current), proto if proto in ("http", "https") else None


class ClientAddressMiddleware:
    """Rewrites the ASGI scope's `client` (and `scheme`) once, before anything reads them.

    Everything downstream (`request.client`, `core.deps.client_address`) sees the result.
    """

    def __init__(self, app: ASGIApp, *, trusted: TrustedProxies):
        self.app = app
        self.trusted = trusted

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            peer = scope.get("client")
            headers = Headers(scope=scope)
            host, scheme = self.trusted.client(
                peer[0] if peer else None,
                headers.getlist("x-forwarded-for"),
                headers.get("x-forwarded-proto"),
            )
            if host is not None:
                # The port of a forwarded client is unknown; 0 says so.
                scope["client"] = (host, 0)
            if scheme is not None and scope["type"] == "http":
                scope["scheme"] = scheme
        await self.app(scope, receive, send)
