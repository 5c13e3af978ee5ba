"""Serves the single-page app: index.html uncached, assets under a content-versioned path."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.types import Scope

FRONTEND_DIR = Path(__file__).resolve().parents[2] / "frontend"
# Paths whose misses are real 404s, never the app page.
API_LIKE = ("/api/", "/app/", "/calendar/", "/healthz", "/readyz", "/docs", "/openapi")


def asset_version(root: Path) -> str:
    """A short hash of every asset, so a new release gets new URLs and old ones stay cacheable."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


class ImmutableFiles(StaticFiles):
    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        if response.status_code == 200:
            response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        return response


# What the service worker keeps for offline use: the code, styles and images of the app.
OFFLINE_ASSETS = (".js", ".css", ".svg", ".png", ".webmanifest")


def service_worker(root: Path, version: str, base: str) -> str:
    """frontend/sw.js with this release's version and asset URLs filled in."""
    assets = sorted(
        f"{base}/{p.relative_to(root).as_posix()}"
        for p in root.rglob("*")
        if p.is_file() and p.suffix in OFFLINE_ASSETS and p.name != "sw.js"
    )
    return (
        (root / "sw.js")
        .read_text(encoding="utf-8")
        .replace("%ASSET_VERSION%", version)
        .replace("%ASSET_LIST%", json.dumps(assets))
    )


def mount_frontend(app: FastAPI, root: Path = FRONTEND_DIR) -> None:
    if not (root / "index.html").exists():
        return
    version = asset_version(root)
    base = f"/app/{version}"
    index = (root / "index.html").read_text(encoding="utf-8").replace("%ASSET_BASE%", base)
    app.mount(base, ImmutableFiles(directory=root), name="assets")
    worker = service_worker(root, version, base)

    headers = {
        "Cache-Control": "no-cache",
        "Content-Security-Policy": (
            "default-src 'self'; img-src 'self' data:; style-src 'self'; "
            "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; "
            "base-uri 'self'; form-action 'self'"
        ),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
    }

    async def spa(request: Request) -> Response:
        return HTMLResponse(index, headers=headers)

    def client_route(request: Request) -> Response | None:
        """The app page for a client-side route (/today, /applications/5 …), else None."""
        if request.method not in ("GET", "HEAD") or request.url.path.startswith(API_LIKE):
            return None
        return HTMLResponse(index, headers=headers)

    async def sw(request: Request) -> Response:
        # At the root so its scope is the whole app; never cached, so a release replaces it.
        return Response(
            worker,
            media_type="text/javascript",
            headers={"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"},
        )

    app.add_api_route("/", spa, methods=["GET"], include_in_schema=False)
    app.add_api_route("/sw.js", sw, methods=["GET"], include_in_schema=False)
    app.state.client_route = client_route
