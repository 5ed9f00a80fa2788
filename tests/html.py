"""Reading HTML the way a browser would, to assert what elements and attributes a page really has."""

from __future__ import annotations

from html.parser import HTMLParser


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {name: value or "" for name, value in attrs}))


def elements(markup: str) -> list[tuple[str, dict[str, str]]]:
    """Every start tag in `markup` with its (entity-decoded) attributes."""
    collector = _Collector()
    collector.feed(markup)
    return collector.elements


def scripting_in(markup: str) -> list[str]:
    """Script elements, event-handler attributes and script URLs found in `markup`."""
    found = []
    for tag, attrs in elements(markup):
        if tag == "script" and "src" not in attrs:
            found.append("inline <script>")
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"<{tag} {name}>")
            if name in {"href", "src", "action", "formaction"} and value.strip().lower().startswith(
                    ("javascript:", "data:", "vbscript:")):
                found.append(f"<{tag} {name}={value[:30]}>")
    return found
