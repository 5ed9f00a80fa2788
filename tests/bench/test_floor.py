"""The floor app: pages of the exact size asked for, a 304 to a conditional GET, a 202 to JSON."""

from __future__ import annotations

import pytest

from bench.floor import create_floor_app, page_of


@pytest.mark.parametrize("size", [0, 5, 50, 5_830, 34_513])
def test_pages_have_exactly_the_size_asked_for(size):
    assert len(page_of(size)) == size
    response = create_floor_app(size).test_client().get("/page")
    assert (response.status_code, response.mimetype, len(response.data)) == (200, "text/html", size)


def test_a_conditional_get_is_answered_304_with_its_etag():
    client = create_floor_app(0).test_client()
    response = client.get("/not-modified", headers={"If-None-Match": '"p1-r3-c50"'})
    assert (response.status_code, response.headers["ETag"], response.data) == (304, '"p1-r3-c50"', b"")
    assert client.get("/not-modified").status_code == 200


def test_a_json_post_is_parsed_and_answered_like_the_comment_api():
    client = create_floor_app(0).test_client()
    response = client.post("/json", json={"author_name": "Ann", "body": "Slept badly"})
    assert (response.status_code, response.get_json()) == (202, {"id": 1, "status": "received"})
    assert client.post("/json", data="{not json", content_type="application/json").status_code == 400
