"""Readable diffs for the editor pages: side-by-side rows with changed words marked."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass

from markupsafe import Markup, escape

from cms.models import Revision
from cms.services.diff import Row, line_hunks, side_by_side

_WORDS = re.compile(r"\s+|[^\s]+")
FIELDS = (("title", "Title"), ("slug", "Slug"), ("summary", "Summary"), ("body_markdown", "Body"))


@dataclass(frozen=True)
class ShownRow:
    """A side-by-side row with its two cells already escaped and marked up."""

    kind: str
    old_number: int | None
    new_number: int | None
    old_html: Markup
    new_html: Markup


def word_marks(old: str, new: str) -> tuple[Markup, Markup]:
    """Both lines escaped, with removed words in <del> on the left and added words in <ins> on the right."""
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    left, right = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        old_part, new_part = escape("".join(a[i1:i2])), escape("".join(b[j1:j2]))
        if tag == "equal":
            left.append(old_part)
            right.append(new_part)
            continue
        if old_part:
            left.append(Markup("<del>%s</del>") % old_part)
        if new_part:
            right.append(Markup("<ins>%s</ins>") % new_part)
    return Markup("").join(left), Markup("").join(right)


def show_rows(rows: list[Row]) -> list[ShownRow]:
    """Escape each row; changed rows get word-level marks."""
    shown = []
    for row in rows:
        if row.kind == "change":
            old_html, new_html = word_marks(row.old or "", row.new or "")
        else:
            old_html, new_html = escape(row.old or ""), escape(row.new or "")
        shown.append(ShownRow(row.kind, row.old_number, row.new_number, old_html, new_html))
    return shown


def field_rows(old: Revision | Mapping[str, str], new: Revision | Mapping[str, str]) -> list[tuple[str, list[ShownRow]]]:
    """Per field that differs, its side-by-side rows (revisions or submitted form content)."""
    def value(source: Revision | Mapping[str, str], name: str) -> str:
        return (source.get(name) if isinstance(source, Mapping) else getattr(source, name)) or ""

    result = []
    for name, label in FIELDS:
        before, after = value(old, name), value(new, name)
        if before != after:
            result.append((label, show_rows(side_by_side(line_hunks(before, after)))))
    return result
