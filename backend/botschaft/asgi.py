"""ASGI entry point for multi-worker serving (`botschaft serve --workers N`).

Started by hand, pass uvicorn `--no-proxy-headers`: the app takes the client address from
BOTSCHAFT_TRUSTED_PROXIES (core.clientaddr), and uvicorn's default would trust any loopback peer.
"""

from botschaft.app import create_app

app = create_app()
