"""The app page's service worker and manifest, as the server hands them out."""

from __future__ import annotations

import json
import re

from fastapi.testclient import TestClient


def test_the_service_worker_is_served_at_the_root_with_this_releases_assets(
    client: TestClient,
) -> None:
    page = client.get("/today").text
    base = re.search(r'href="(/app/[0-9a-f]{12})/styles.css"', page)
    assert base is not None
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    assert response.headers["cache-control"] == "no-cache"
    worker = response.text
    assert "%ASSET" not in worker
    assets = json.loads(re.search(r"const ASSETS = (\[.*?\]);", worker).group(1))
    assert f"{base.group(1)}/main.js" in assets
    assert f"{base.group(1)}/manifest.webmanifest" in assets
    assert all(client.get(a).status_code == 200 for a in assets)
    manifest = client.get(f"{base.group(1)}/manifest.webmanifest").json()
    assert manifest["share_target"]["action"] == "/share"
    # The share target's address is a client route: the app page answers it.
    assert client.get("/share?title=x&url=https://example.com").text == page
