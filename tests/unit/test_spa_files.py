"""The server serves the built app as an installable one: the manifest with its type, the
service worker always revalidated, hashed assets cached for a year, client routes as index.html."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient

from botschaft.core.spa import mount_spa


def _client(tmp_path) -> TestClient:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "index-abc.js").write_text("console.log(1)")
    (tmp_path / "index.html").write_text("<!doctype html><title>Botschaft</title>")
    (tmp_path / "sw.js").write_text("self.addEventListener('fetch', () => {})")
    (tmp_path / "manifest.webmanifest").write_text('{"name": "Botschaft"}')
    app = FastAPI()
    mount_spa(app, tmp_path)
    return TestClient(app)


def test_the_manifest_and_service_worker_are_served_fresh(tmp_path):
    client = _client(tmp_path)
    manifest = client.get("/manifest.webmanifest")
    assert manifest.status_code == 200
    assert manifest.headers["content-type"].startswith("application/manifest+json")
    assert manifest.headers["cache-control"] == "no-cache"
    worker = client.get("/sw.js")
    assert "javascript" in worker.headers["content-type"]
    assert worker.headers["cache-control"] == "no-cache"


def test_assets_are_immutable_and_client_routes_get_the_app(tmp_path):
    client = _client(tmp_path)
    assert "immutable" in client.get("/assets/index-abc.js").headers["cache-control"]
    share = client.get("/share", params={"url": "https://www.linkedin.com/posts/x"})
    assert share.status_code == 200 and "<title>Botschaft</title>" in share.text
    assert share.headers["cache-control"] == "no-cache"
    assert client.get("/api/v1/nothing").status_code == 404
