"""ASGI entry point for `uvicorn botschaft.asgi:app` and multi-worker serving."""

from botschaft.app import create_app

app = create_app()
