"""The floor: a bare Flask app doing the least a route can do, served by the same gunicorn settings.

`gunicorn bench.floor:app` (the app is built at import: this is benchmark code, not the CMS).
What a target costs beyond this is what the CMS adds: queries, templates, sanitizing, checks.

- `GET /page`: `text/html` of exactly `BENCH_PAGE_BYTES` bytes (the benchmark sets it to the size
  of the page or JSON document it compares with).
- `GET /not-modified`: 304 with the ETag the client sent in `If-None-Match` (an empty 200 without
  one) — the least a conditional GET can answer, the floor of the API's 304.
- `POST /json`: parses the JSON body with `request.get_json()` and answers 202
  `{"id": 1, "status": "received"}`, the shape of the comment API's answer.
- `GET /healthz`: for the harness's readiness check.
"""

from __future__ import annotations

import os

from flask import Flask, Response, jsonify, request

FILLER = "Sleep well. " * 8 + "\n"


def page_of(size: int) -> bytes:
    """An HTML page of exactly `size` bytes (ASCII, so characters and bytes agree)."""
    head, tail = "<!doctype html><html><body><p>", "</p></body></html>\n"
    if size < len(head) + len(tail):
        return ("x" * size).encode()
    body_length = size - len(head) - len(tail)
    body = (FILLER * (body_length // len(FILLER) + 1))[:body_length]
    return (head + body + tail).encode()


def create_floor_app(page_bytes: int) -> Flask:
    """The bare app, with its page built once."""
    app = Flask(__name__)
    page = page_of(page_bytes)

    @app.get("/page")
    def bare_page() -> Response:
        return Response(page, mimetype="text/html")

    @app.get("/not-modified")
    def not_modified() -> Response:
        tags = list(request.if_none_match)
        response = Response(status=304 if tags else 200)
        if tags:
            response.set_etag(tags[0])
        return response

    @app.post("/json")
    def bare_json() -> tuple[Response, int]:
        request.get_json()
        return jsonify({"id": 1, "status": "received"}), 202

    @app.get("/healthz")
    def health() -> Response:
        return Response("ok\n", mimetype="text/plain")

    return app


app = create_floor_app(int(os.environ.get("BENCH_PAGE_BYTES", "0")))
