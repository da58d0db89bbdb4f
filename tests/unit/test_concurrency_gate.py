"""core.http.ConcurrencyLimitMiddleware: at most `limit` API requests at once, the rest wait;
paths that mostly wait on the network (single sign-on) are not held up by it."""

from __future__ import annotations

import anyio
import httpx

from botschaft.core.http import ConcurrencyLimitMiddleware


def _app(inside: list[int], peak: list[int]):
    async def app(scope, receive, send):
        inside[0] += 1
        peak[0] = max(peak[0], inside[0])
        await anyio.sleep(0.05)
        inside[0] -= 1
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    return app


async def _requests(app, paths: list[str]) -> list[int]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        answers: list[int] = []

        async def get(path: str) -> None:
            answers.append((await client.get(path)).status_code)

        async with anyio.create_task_group() as group:
            for path in paths:
                group.start_soon(get, path)
        return answers


def test_at_most_limit_api_requests_run_at_once():
    inside, peak = [0], [0]
    gate = ConcurrencyLimitMiddleware(_app(inside, peak), limit=2)
    answers = anyio.run(_requests, gate, ["/api/v1/me"] * 8)
    assert answers == [200] * 8
    assert peak[0] == 2


def test_exempt_paths_and_pages_outside_the_api_do_not_wait():
    inside, peak = [0], [0]
    gate = ConcurrencyLimitMiddleware(_app(inside, peak), limit=1, exempt=("/api/v1/auth/oidc/",))
    paths = ["/api/v1/auth/oidc/callback"] * 4 + ["/index.html"] * 2 + ["/api/v1/me"]
    answers = anyio.run(_requests, gate, paths)
    assert answers == [200] * 7
    assert peak[0] == 7  # none of them waited for the others
