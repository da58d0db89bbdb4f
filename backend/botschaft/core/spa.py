"""Serves the built SPA: hashed assets cached for a year, index.html for client routes."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from starlette.staticfiles import StaticFiles

from botschaft.core.errors import problem_response

_NOT_BUILT = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Botschaft</title></head>
<body><main><h1>Botschaft</h1><p>The web interface has not been built yet. Run
<code>npm ci &amp;&amp; npm run build</code> in <code>frontend/</code>; the API is at
<a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p></main></body></html>"""


mimetypes.add_type("application/manifest+json", ".webmanifest")
# The service worker and what points at it must be fresh, or an old app lingers after an update.
_REVALIDATE = {"sw.js", "registerSW.js", "manifest.webmanifest"}


class _ImmutableStatic(StaticFiles):
    async def get_response(self, path: str, scope) -> Response:
        response = await super().get_response(path, scope)
        if response.status_code == 200:
            response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        return response


def mount_spa(app: FastAPI, dist: Path) -> None:
    assets = dist / "assets"
    if assets.is_dir():
        app.mount("/assets", _ImmutableStatic(directory=assets), name="assets")
    index = dist / "index.html"

    @app.get("/{path:path}", include_in_schema=False)
    async def spa(path: str, request: Request) -> Response:
        if path.startswith("api/"):
            return problem_response(404, detail="No such API endpoint.")
        candidate = (dist / path).resolve()
        if path and candidate.is_file() and dist.resolve() in candidate.parents:
            fresh = {"Cache-Control": "no-cache"} if path in _REVALIDATE else None
            return FileResponse(candidate, headers=fresh)
        if not index.is_file():
            return HTMLResponse(_NOT_BUILT, status_code=503)
        return FileResponse(index, headers={"Cache-Control": "no-cache"})
