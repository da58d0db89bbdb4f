"""core.routing: a sync endpoint and its deferred dependencies run on one worker thread, in
FastAPI's order, each at most once; a dependency that would get a deferred value by mistake is
refused when the route is made."""

# No `from __future__ import annotations`: the dependencies are local functions, which string
# annotations could not name.
import threading
from typing import Annotated

import pytest
from fastapi import Depends, FastAPI, HTTPException
from fastapi.testclient import TestClient

from botschaft.core.routing import api_router, on_endpoint_thread


def _app(calls: list[tuple[str, int]]) -> FastAPI:
    def who(name: str | None = None) -> str:
        calls.append(("who", threading.get_ident()))
        if name == "nobody":
            raise HTTPException(404, "no such person")
        return name or "someone"

    who_dep = on_endpoint_thread(who)

    def greeting(person: Annotated[str, Depends(who_dep)]) -> str:
        calls.append(("greeting", threading.get_ident()))
        return f"Hello, {person}"

    router = api_router()

    @router.get("/hello")
    def hello(
        text: Annotated[str, Depends(on_endpoint_thread(greeting))],
        person: Annotated[str, Depends(who_dep)],
        times: int = 1,
    ) -> dict:
        calls.append(("endpoint", threading.get_ident()))
        return {"text": text, "person": person}

    app = FastAPI()
    app.include_router(router)
    return app


def test_dependencies_run_once_on_the_endpoints_thread():
    calls: list[tuple[str, int]] = []
    with TestClient(_app(calls)) as client:
        response = client.get("/hello", params={"name": "Mia"})
    assert response.json() == {"text": "Hello, Mia", "person": "Mia"}
    assert [name for name, _ in calls] == ["who", "greeting", "endpoint"]  # `who` once
    assert len({thread for _, thread in calls}) == 1
    assert calls[0][1] != threading.get_ident()  # a worker thread, not the event loop's


def test_a_deferred_dependency_raises_before_the_endpoint_runs():
    calls: list[tuple[str, int]] = []
    with TestClient(_app(calls)) as client:
        response = client.get("/hello", params={"name": "nobody"})
    assert response.status_code == 404
    assert [name for name, _ in calls] == ["who"]


def test_the_checks_come_before_the_validation_of_what_was_sent():
    calls: list[tuple[str, int]] = []
    with TestClient(_app(calls)) as client:
        refused = client.get("/hello", params={"name": "nobody", "times": "often"})
        invalid = client.get("/hello", params={"name": "Mia", "times": "often"})
    assert refused.status_code == 404  # the check, not the 422 of `times`
    assert invalid.status_code == 422
    assert "endpoint" not in [name for name, _ in calls]


def test_a_plain_dependency_on_a_deferred_one_is_refused():
    deferred = on_endpoint_thread(lambda: "value")

    def plain(value: Annotated[str, Depends(deferred)]) -> str:
        return value  # would be a Deferred, not the value

    router = api_router()
    with pytest.raises(TypeError, match="on_endpoint_thread"):

        @router.get("/wrong")
        def wrong(value: Annotated[str, Depends(plain)]) -> str:
            return value
