"""Where a comment POST's time goes: `python -m bench.intake [COUNT]`.

In one process on a throwaway site (SQLite, or PostgreSQL with `CMS_BENCH_DATABASE_URL`), microseconds
per POST for:

- the whole request, `POST /api/v1/articles/<slug>/comments` as the site serves it (the intake
  path, `cms.intake_path`), through werkzeug's test client (rate limit off, as in the `pages`
  benchmark), answered 202;
- the same request through Flask alone (the intake path stepped over), as it was served before;
- intake's own work outside Flask and the limiter, the part no HTTP layer can drop: parse and
  validate the JSON with the API's schema, store the comment (the INSERT finds the article) and
  commit (`comments.submit_to`, as the intake path calls it);
- a bare Flask route parsing the same JSON and answering 202, in the same test client: what the
  `pages` benchmark's floor does per request.

The `comment post` target asks the whole request to cost at most twice the floor's, gunicorn
included; when intake's own work alone costs more than that, no lighter HTTP layer reaches it.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from werkzeug.test import Client

from bench import corpus
from bench.phases import throwaway_database, throwaway_site


def _per_call(count: int, call: Callable[[int], object]) -> float:
    """Microseconds per `call(n)` over `count` calls, after as many again to warm up."""
    for n in range(count):
        call(count + n)
    started = time.perf_counter()
    for n in range(count):
        call(n)
    return (time.perf_counter() - started) / count * 1e6


def measure(count: int) -> dict[str, float]:
    """Microseconds per POST for each of the three, on `count` distinct comments each."""
    from flask import Flask, request

    from cms.api import schemas
    from cms.extensions import db
    from cms.services import comments
    from tests import factories
    from tests.support import flask_behind

    bodies = [json.dumps({"author_name": c.author_name, "author_email": c.author_email, "body": f"{c.body} ({n})"})
              for n, c in enumerate(corpus.build(8 * count, seed=51))]
    headers = {"Content-Type": "application/json"}
    # The nudger thread may still be publishing to the site's broker file as the folder goes.
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as folder:
        app = throwaway_site(Path(folder), CMS_ENV="production", COMMENT_RATE_LIMIT="0")
        with app.app_context():
            slug = factories.article(publish=True).slug
        client, schema = app.test_client(), schemas.CommentCreate()

        flask_alone = Client(flask_behind(app))

        def whole(n: int) -> None:
            reply = client.post(f"/api/v1/articles/{slug}/comments", data=bodies[n], headers=headers)
            assert reply.status_code == 202, reply.get_data(as_text=True)

        def through_flask(n: int) -> None:
            reply = flask_alone.post(f"/api/v1/articles/{slug}/comments", data=bodies[6 * count + n], headers=headers)
            assert reply.status_code == 202, reply.get_data(as_text=True)

        def own_work(n: int) -> None:
            with app.app_context():
                data = schema.load(json.loads(bodies[2 * count + n]))
                comments.submit_to(slug, data, "127.0.0.1")
                db.session.remove()

        floor = Flask("floor")
        floor.post("/json")(lambda: (request.get_json(), ("", 202))[1])
        bare = floor.test_client()

        def bare_route(n: int) -> None:
            assert bare.post("/json", data=bodies[4 * count + n], headers=headers).status_code == 202

        return {"the whole POST, as served (intake path)": _per_call(count, whole),
                "the whole POST through Flask alone": _per_call(count, through_flask),
                "intake's own work (validate, insert, commit)": _per_call(count, own_work),
                "a bare route parsing the same JSON (the floor)": _per_call(count, bare_route)}


def main(argv: list[str]) -> int:
    """Print the table."""
    count = int(argv[0]) if argv else 2000
    print(f"{count} comment POSTs from the benchmark corpus; microseconds per POST, in-process, {throwaway_database()}")
    for step, micros in measure(count).items():
        print(f"  {step:52s} {micros:8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
