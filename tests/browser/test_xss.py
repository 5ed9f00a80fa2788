"""Every sanitized XSS payload in a real Chromium: on the article page and inserted with innerHTML.

The page's Content-Security-Policy is bypassed here on purpose: it would stop inline script on
its own, and this test is about the sanitizer, which must hold even without it.
"""

from __future__ import annotations

from typing import Any

import pytest

from cms.extensions import db
from cms.models import Comment, Role
from cms.services import comments, moderation, pipeline
from tests import factories
from tests.security.payloads import load_payloads

pytestmark = pytest.mark.browser

HOOKS = """
window.__ran = [];
for (const name of ['alert', 'confirm', 'prompt', 'print', 'open']) {
  window[name] = (...args) => { window.__ran.push(name + ':' + args.join(',')); };
}
"""

PROBE = """(root) => {
  const container = root ? document.querySelector(root) : document.body;
  const events = ['click', 'dblclick', 'mouseover', 'mouseenter', 'mousedown', 'mouseup', 'focus', 'focusin', 'blur',
                  'load', 'error', 'animationstart', 'animationend', 'transitionend', 'pointerdown', 'pointerover',
                  'toggle', 'input', 'change', 'submit', 'keydown', 'wheel', 'scroll', 'beforeprint', 'play'];
  const problems = [];
  for (const el of container.querySelectorAll('*')) {
    for (const attr of el.getAttributeNames()) {
      if (attr.toLowerCase().startsWith('on')) problems.push(el.tagName + '[' + attr + ']');
    }
    for (const type of events) el.dispatchEvent(new Event(type, {bubbles: true}));
    for (const prop of ['href', 'src', 'action', 'formAction', 'data']) {
      const value = el[prop];
      if (typeof value !== 'string' || !value) continue;
      let protocol = '';
      try { protocol = new URL(value, document.baseURI).protocol; } catch (e) { continue; }
      if (['javascript:', 'data:', 'vbscript:'].includes(protocol)) problems.push(el.tagName + '.' + prop + '=' + protocol);
    }
    if (el.tagName === 'SCRIPT' || el.tagName === 'IFRAME' || el.tagName === 'OBJECT' || el.tagName === 'EMBED')
      problems.push('element ' + el.tagName);
  }
  return problems;
}"""


@pytest.fixture()
def payload_article(make_user) -> Any:
    """A published article with every payload as an approved comment."""
    article = factories.article(make_user(Role.EDITOR), publish=True)
    moderator = make_user(Role.MODERATOR)
    ids = []
    for n, (_, payload) in enumerate(load_payloads()):
        body = payload[:5000]
        if not body.strip():
            continue  # an empty comment is refused at intake
        ids.append(comments.submit(article, {"author_name": f"x{n}", "body": body}, f"10.9.{n // 200}.{n % 200}").id)
    while pipeline.process(None):
        pass
    result = moderation.decide_many(moderator, ids, "approve")
    assert len(result.done) == len(ids)
    return article


def _hooked_page(browser: Any) -> Any:
    context = browser.new_context(bypass_csp=True)
    context.add_init_script(HOOKS)
    page = context.new_page()
    page.set_default_timeout(20_000)
    return page


def test_no_payload_runs_on_the_article_page(browser, live_server, payload_article):
    page = _hooked_page(browser)
    url = f"{live_server.url}/articles/{payload_article.slug}#comments"
    pages = 0
    while url:
        page.goto(url)
        page.wait_for_timeout(300)  # let images fail and animations start
        assert page.evaluate(PROBE, "#comments") == [], url
        assert page.evaluate("window.__ran") == [], url
        more = page.locator("#comments .pager a")
        url = more.get_attribute("href") if more.count() else None
        url = f"{live_server.url}{url}" if url else None
        pages += 1
    assert pages >= 2
    page.context.close()


def test_no_payload_runs_when_the_api_html_is_set_with_inner_html(browser, client, payload_article):
    htmls, url = [], f"/api/v1/articles/{payload_article.slug}/comments?limit=100"
    while url:
        body = client.get(url).json
        htmls += [item["body_html"] for item in body["items"]]
        url = body["next"]
    assert len(htmls) == db.session.query(Comment).count()
    page = _hooked_page(browser)
    page.set_content("<!doctype html><html><body><div id='root'></div></body></html>")
    page.evaluate("(htmls) => { for (const html of htmls) { const d = document.createElement('div');"
                  " d.innerHTML = html; document.getElementById('root').appendChild(d); } }", htmls)
    page.wait_for_timeout(500)
    assert page.evaluate(PROBE, "#root") == []
    assert page.evaluate("window.__ran") == []
    page.context.close()


def test_the_probe_catches_unsanitized_payloads(browser):
    """The checks above can fail: raw payloads do run and are reported."""
    page = _hooked_page(browser)
    raw = ['<img src=x onerror="alert(1)">', '<a href="javascript:alert(2)">x</a>', '<div onmouseover="confirm(3)">y</div>']
    page.set_content("<!doctype html><div id='root'></div>")
    page.evaluate("(htmls) => { for (const html of htmls) document.getElementById('root').insertAdjacentHTML('beforeend', html); }", raw)
    page.wait_for_timeout(300)
    problems = page.evaluate(PROBE, "#root")
    assert "IMG[onerror]" in problems and "A.href=javascript:" in problems and "DIV[onmouseover]" in problems
    assert {call.split(":")[0] for call in page.evaluate("window.__ran")} >= {"alert", "confirm"}
    page.context.close()
