"""Line diffs between two revisions, for the API's hunks and the editor's side-by-side view."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Literal

from cms.models import Article
from cms.services.articles import get_revision

Op = Literal["equal", "insert", "delete"]


@dataclass(frozen=True)
class Hunk:
    """A run of consecutive lines that are equal in both, only in the newer, or only in the older."""

    op: Op
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        """The hunk's lines joined as they appear in the document."""
        return "\n".join(self.lines)


@dataclass(frozen=True)
class RevisionDiff:
    """What changed from revision `from_number` to `to_number`, per field."""

    from_number: int
    to_number: int
    title: list[Hunk]
    summary: list[Hunk]
    slug: list[Hunk]
    body: list[Hunk]

    @property
    def changed(self) -> bool:
        """Whether anything differs at all."""
        return any(h.op != "equal" for part in (self.title, self.summary, self.slug, self.body) for h in part)


def line_hunks(old: str, new: str) -> list[Hunk]:
    """Hunks turning `old` into `new`; a replaced block is a delete followed by an insert."""
    a, b = old.splitlines(), new.splitlines()
    hunks: list[Hunk] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            hunks.append(Hunk("equal", tuple(a[i1:i2])))
            continue
        if i2 > i1:
            hunks.append(Hunk("delete", tuple(a[i1:i2])))
        if j2 > j1:
            hunks.append(Hunk("insert", tuple(b[j1:j2])))
    return hunks


def diff_revisions(article: Article, from_number: int, to_number: int) -> RevisionDiff:
    """Compare two revisions of one article (either order is allowed)."""
    old, new = get_revision(article, from_number), get_revision(article, to_number)
    return RevisionDiff(
        from_number=from_number, to_number=to_number,
        title=line_hunks(old.title, new.title),
        summary=line_hunks(old.summary, new.summary),
        slug=line_hunks(old.slug, new.slug),
        body=line_hunks(old.body_markdown, new.body_markdown),
    )


@dataclass(frozen=True)
class Row:
    """One row of a side-by-side view: the old line, the new line, and how they relate."""

    kind: Literal["equal", "change", "delete", "insert"]
    old: str | None
    new: str | None
    old_number: int | None
    new_number: int | None


def side_by_side(hunks: list[Hunk]) -> list[Row]:
    """Pair deleted lines with the inserted lines that follow them, for a two-column view."""
    rows: list[Row] = []
    old_no = new_no = 0
    index = 0
    while index < len(hunks):
        hunk = hunks[index]
        if hunk.op == "equal":
            for line in hunk.lines:
                old_no, new_no = old_no + 1, new_no + 1
                rows.append(Row("equal", line, line, old_no, new_no))
            index += 1
            continue
        deleted = list(hunk.lines) if hunk.op == "delete" else []
        inserted = list(hunk.lines) if hunk.op == "insert" else []
        if hunk.op == "delete" and index + 1 < len(hunks) and hunks[index + 1].op == "insert":
            inserted = list(hunks[index + 1].lines)
            index += 1
        for pos in range(max(len(deleted), len(inserted))):
            old = deleted[pos] if pos < len(deleted) else None
            new = inserted[pos] if pos < len(inserted) else None
            old_no = old_no + 1 if old is not None else old_no
            new_no = new_no + 1 if new is not None else new_no
            kind = "change" if old is not None and new is not None else ("delete" if new is None else "insert")
            rows.append(Row(kind, old, new, old_no if old is not None else None, new_no if new is not None else None))
        index += 1
    return rows
