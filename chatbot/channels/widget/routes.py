"""The chat widget's static files: the full-page chat (/), the embeddable script (/widget.js), its
stylesheet (/widget.css) and the recommendations-at-a-glance view (/glance).

The files live in chatbot/widget/ (package data) and are read once. They make no requests except to
the API at the origin /widget.js was loaded from, so an embedding page's origin must be listed in the
service's cors_origins.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from fastapi import APIRouter
from fastapi.responses import Response

_FILES = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/glance": ("glance.html", "text/html; charset=utf-8"),
    "/widget.js": ("widget.js", "text/javascript; charset=utf-8"),
    "/widget.css": ("widget.css", "text/css; charset=utf-8"),
}
# The pages may run only our own script and style, and talk only to this origin; the script and
# stylesheet themselves are loaded cross-origin by embedding pages (no CSP of ours applies there).
_PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
)


@cache
def widget_file(name: str) -> bytes:
    """The bytes of one file of chatbot/widget/."""
    return resources.files("chatbot").joinpath("channels", "widget", "static", name).read_bytes()


def _responder(name: str, media_type: str):
    def serve() -> Response:
        headers = {"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"}
        if media_type.startswith("text/html"):
            headers["Content-Security-Policy"] = _PAGE_CSP
            headers["Referrer-Policy"] = "no-referrer"
        else:
            headers["Cross-Origin-Resource-Policy"] = "cross-origin"
        return Response(widget_file(name), media_type=media_type, headers=headers)

    serve.__name__ = f"widget_{name.replace('.', '_')}"
    serve.__doc__ = f"The chat widget's {name}."
    return serve


def widget_router() -> APIRouter:
    """Routes for the widget's files (GET /, /glance, /widget.js, /widget.css), outside the OpenAPI schema."""
    router = APIRouter(tags=["widget"])
    for path, (name, media_type) in _FILES.items():
        router.add_api_route(path, _responder(name, media_type), methods=["GET"], include_in_schema=False, response_class=Response)
    return router
