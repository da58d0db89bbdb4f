"""What the simulated people do: a weighted mix of operations per role.

Each step is (name, weight, coroutine). A step returns the created object's key when it wrote
something the server acknowledged, so the run can check afterwards that every acknowledged
write is in the database.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import httpx

_counter = itertools.count()


@dataclass
class Context:
    client: httpx.AsyncClient
    program_id: str
    run_id: str
    rng: random.Random


Step = tuple[str, int, Callable[[Context], Awaitable[httpx.Response]]]


async def me(ctx: Context) -> httpx.Response:
    return await ctx.client.get("/api/v1/me")


async def program(ctx: Context) -> httpx.Response:
    return await ctx.client.get(f"/api/v1/programs/{ctx.program_id}")


async def members(ctx: Context) -> httpx.Response:
    return await ctx.client.get(
        f"/api/v1/programs/{ctx.program_id}/members", params={"per_page": 50}
    )


async def add_member(ctx: Context) -> httpx.Response:
    n = next(_counter)
    return await ctx.client.post(
        f"/api/v1/programs/{ctx.program_id}/members",
        json={
            "email": f"load-{ctx.run_id}-{n}@example.org",
            "name": f"Load {n}",
            "role": "influencer",
        },
    )


async def log_post(ctx: Context) -> httpx.Response:
    n = next(_counter)
    url = f"https://www.linkedin.com/posts/load-{ctx.run_id}-{n}_activity-{n}?utm_source=share"
    return await ctx.client.post(
        f"/api/v1/programs/{ctx.program_id}/posts", json={"url": url, "format": "image"}
    )


async def my_posts(ctx: Context) -> httpx.Response:
    return await ctx.client.get(f"/api/v1/programs/{ctx.program_id}/posts", params={"per_page": 25})


async def my_figures(ctx: Context) -> httpx.Response:
    return await ctx.client.get(f"/api/v1/programs/{ctx.program_id}/kpis/me")


async def program_kpis(ctx: Context) -> httpx.Response:
    return await ctx.client.get(f"/api/v1/programs/{ctx.program_id}/kpis")


async def influencer_table(ctx: Context) -> httpx.Response:
    return await ctx.client.get(
        f"/api/v1/programs/{ctx.program_id}/kpis/influencers", params={"per_page": 50}
    )


MIX: dict[str, list[Step]] = {
    # An influencer's home: who am I, my figures, my posts; and now and then a new post.
    "influencer": [
        ("me", 2, me),
        ("my_figures", 2, my_figures),
        ("my_posts", 2, my_posts),
        ("log_post", 1, log_post),
    ],
    "core_team": [
        ("program_kpis", 2, program_kpis),
        ("influencer_table", 2, influencer_table),
        ("posts_table", 2, my_posts),
        ("members", 1, members),
        ("add_member", 1, add_member),
    ],
    "hr_viewer": [
        ("program_kpis", 3, program_kpis),
        ("program", 1, program),
    ],
}

# Which steps write, and how to count their acknowledged rows afterwards (SQL on the database).
WRITES = {
    "add_member": "SELECT count(*) FROM users WHERE email LIKE 'load-{run_id}-%'",
    "log_post": "SELECT count(*) FROM posts WHERE normalized_url LIKE '%/load-{run_id}-%'",
}

# Share of simulated people per role.
ROLE_SHARE = {"influencer": 0.7, "core_team": 0.2, "hr_viewer": 0.1}


def pick(steps: list[Step], rng: random.Random) -> Step:
    return rng.choices(steps, weights=[w for _, w, _ in steps])[0]
