"""Starts the real OpenID provider (tests/oidc_provider, Node) and a token-rewriting proxy.

The proxy sits only between Botschaft and the provider's token endpoint, so tests can hand
Botschaft an ID token with a broken signature or a foreign audience, as an attacker would.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import subprocess
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from joserfc import jwt
from joserfc.jwk import RSAKey

PROVIDER_DIR = Path(__file__).parents[1] / "oidc_provider"
CLIENT_ID = "botschaft"
CLIENT_SECRET = "botschaft-test-secret"
REDIRECT_URI = "http://testserver/api/v1/auth/oidc/callback"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class Provider:
    issuer: str
    key: RSAKey
    process: subprocess.Popen

    def next_login(
        self, sub: str, email: str | None, email_verified: bool = True, name: str = "SSO User"
    ) -> None:
        claims = {"sub": sub, "email_verified": email_verified, "name": name}
        if email:
            claims["email"] = email
        httpx.post(f"{self.issuer}/__test__/next-login", json=claims).raise_for_status()


def start_provider() -> Provider:
    if shutil.which("node") is None:
        pytest.fail("Node.js is needed for the OpenID provider the SSO tests run against.")
    if not (PROVIDER_DIR / "node_modules" / "oidc-provider").is_dir():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=PROVIDER_DIR, check=True)
    key = RSAKey.generate_key(
        2048, parameters={"use": "sig", "alg": "RS256", "kid": "test-key"}, private=True
    )
    port = free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "SIGNING_JWK": json.dumps(key.as_dict(private=True)),
        "CLIENTS": json.dumps(
            [
                {
                    "client_id": CLIENT_ID,
                    "client_secret": CLIENT_SECRET,
                    "redirect_uris": [REDIRECT_URI],
                    "grant_types": ["authorization_code"],
                    "response_types": ["code"],
                }
            ]
        ),
    }
    process = subprocess.Popen(
        ["node", "server.mjs"],
        cwd=PROVIDER_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    issuer = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail("OpenID provider exited: " + process.stdout.read().decode(errors="replace"))
        try:
            if httpx.get(f"{issuer}/.well-known/openid-configuration").status_code == 200:
                return Provider(issuer, key, process)
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    pytest.fail("OpenID provider did not start within 20 s")


@dataclass
class TokenProxy:
    """Forwards to the provider; rewrites the ID token in the token response per `mode`."""

    provider: Provider
    mode: str = "pass"  # pass | tamper_signature | wrong_audience
    port: int = field(default_factory=free_port)

    @property
    def metadata_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/.well-known/openid-configuration"

    def rewrite(self, id_token: str) -> str:
        header, payload, signature = id_token.split(".")
        claims = json.loads(_unb64(payload))
        if self.mode == "tamper_signature":
            claims["email"] = "attacker@example.org"
            return ".".join([header, _b64(json.dumps(claims).encode()), signature])
        if self.mode == "wrong_audience":
            claims["aud"] = "some-other-application"
            return jwt.encode(json.loads(_unb64(header)), claims, self.provider.key)
        return id_token

    def start(self) -> ThreadingHTTPServer:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _relay(self, response: httpx.Response, body: bytes) -> None:
                self.send_response(response.status_code)
                self.send_header(
                    "content-type", response.headers.get("content-type", "application/json")
                )
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                upstream = httpx.get(proxy.provider.issuer + self.path)
                body = upstream.content
                if self.path.startswith("/.well-known/openid-configuration"):
                    metadata = upstream.json()
                    metadata["token_endpoint"] = f"http://127.0.0.1:{proxy.port}/token"
                    body = json.dumps(metadata).encode()
                self._relay(upstream, body)

            def do_POST(self):
                length = int(self.headers.get("content-length", 0))
                forward = {
                    k: v
                    for k, v in self.headers.items()
                    if k.lower() in ("authorization", "content-type")
                }
                upstream = httpx.post(
                    proxy.provider.issuer + self.path,
                    content=self.rfile.read(length),
                    headers=forward,
                )
                body = upstream.content
                if upstream.status_code == 200 and "id_token" in upstream.json():
                    data = upstream.json()
                    data["id_token"] = proxy.rewrite(data["id_token"])
                    body = json.dumps(data).encode()
                self._relay(upstream, body)

        server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server


def follow_provider_redirects(authorize_url: str, stop_prefix: str = "http://testserver") -> str:
    """Plays the browser at the provider until it sends us back to Botschaft."""
    url = authorize_url
    with httpx.Client() as browser:
        for _ in range(10):
            response = browser.get(url, follow_redirects=False)
            location = response.headers.get("location")
            if location is None:
                raise AssertionError(
                    f"provider answered {response.status_code}: {response.text[:300]}"
                )
            url = str(httpx.URL(url).join(location))
            if url.startswith(stop_prefix):
                return url
    raise AssertionError("too many redirects at the provider")
