"""The interactive API reference at /docs: Swagger UI, pinned by integrity and fenced by a CSP.

The page loads Swagger UI from jsDelivr only if the files are byte for byte the release named
here (Subresource Integrity, hashes taken from the npm package), and its policy allows scripts
from that host and from this app alone; the page's own start-up script is a file of ours, not
inline code.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

SWAGGER_UI = "https://cdn.jsdelivr.net/npm/swagger-ui-dist@5.35.0"
SCRIPT_INTEGRITY = "sha384-gjRm0bEPMeTmMh5jT2cHccIwCUZSTd8YC+j0d0sXw0MdGEfScduGpSyF3ZSSLkX9"
STYLE_INTEGRITY = "sha384-WlYgdmXYOOBWL5apwjDEZwN+U3HmXSSu5R6V5aGxEcf7z+KuRNwBhoxKVN1i3D5I"
POLICY = (
    "default-src 'none'; script-src 'self' https://cdn.jsdelivr.net; "
    # Swagger UI sets style attributes as it renders.
    "style-src https://cdn.jsdelivr.net 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)
_HEADERS = {
    "Content-Security-Policy": POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
_PAGE = f"""<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Followup API</title>
  <link rel="stylesheet" href="{SWAGGER_UI}/swagger-ui.css"
        integrity="{STYLE_INTEGRITY}" crossorigin="anonymous">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="{SWAGGER_UI}/swagger-ui-bundle.js"
          integrity="{SCRIPT_INTEGRITY}" crossorigin="anonymous"></script>
  <script src="/docs/start.js"></script>
</body>
</html>
"""
_START = b"""SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true });
"""

router = APIRouter(include_in_schema=False)


@router.get("/docs")
async def api_reference() -> HTMLResponse:
    return HTMLResponse(_PAGE, headers=_HEADERS)


@router.get("/docs/start.js")
async def api_reference_script() -> Response:
    return Response(_START, media_type="text/javascript", headers=_HEADERS)
