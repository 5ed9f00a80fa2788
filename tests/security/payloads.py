"""The public XSS payload sets in ../shared/data/xss/, as (id, html) pairs for comment bodies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

XSS_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "xss"


def load_payloads() -> list[tuple[str, str]]:
    """Every payload that can appear in a comment body: DOMPurify's, bleach's, and the html/href vectors."""
    if not XSS_DIR.is_dir():
        pytest.skip(f"the XSS payload sets are not at {XSS_DIR} (they come with ../shared/data)",
                    allow_module_level=True)
    payloads = []
    dompurify = json.loads((XSS_DIR / "dompurify-payloads.json").read_text())
    payloads += [(f"dompurify-{n}", v["payload"]) for n, v in enumerate(dompurify["vectors"])]
    for name in ("bleach.json", "javascript-execution.json"):
        for vector in json.loads((XSS_DIR / name).read_text())["vectors"]:
            context = vector.get("payload_context", "html")
            if context == "html":
                payloads.append((vector["id"], vector["payload_html"]))
            elif context == "href":
                payloads.append((vector["id"], f'<a href="{vector["payload_html"]}">link</a> [md]({vector["payload_html"]})'))
    return payloads
