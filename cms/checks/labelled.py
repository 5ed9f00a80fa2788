"""Reading a labelled comments file (CSV with a header, one comment per row, label 1 = spam, 0 = not).

The whole file is read and checked before anything uses it, so a bad file teaches nothing: it
must be UTF-8, have a header naming the text and label columns, at least one row, a non-empty
text in every row and a label of exactly 0 or 1. Errors name the file, the line and the fix.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

MAX_REPORTED = 3


class LabelledFileError(ValueError):
    """The file cannot be used as it is; the message says what is wrong and where."""


@dataclass(frozen=True)
class Example:
    """One labelled comment and the line its row ends on."""

    line: int
    text: str
    is_spam: bool


def read_examples(path: str | Path, text_column: str = "CONTENT", label_column: str = "CLASS") -> list[Example]:
    """Every example in the file, or LabelledFileError before any is used."""
    name = Path(path).name
    reader = csv.DictReader(io.StringIO(_decode(Path(path), name), newline=""))
    reader.fieldnames = _check_header(reader.fieldnames, name, text_column, label_column)
    examples, problems = [], []
    try:
        for row in reader:
            example, problem = _example(row, reader, text_column, label_column)
            if problem:
                problems.append(f"line {reader.line_num}: {problem}")
            elif example:
                examples.append(example)
    except csv.Error as error:
        raise LabelledFileError(f"{name} is not valid CSV near line {reader.line_num}: {error}") from None
    if problems:
        more = f" (and {len(problems) - MAX_REPORTED} more)" if len(problems) > MAX_REPORTED else ""
        raise LabelledFileError(f"{name}: " + "; ".join(problems[:MAX_REPORTED]) + more)
    if not examples:
        raise LabelledFileError(f"{name} has a header but no rows.")
    return examples


def _decode(path: Path, name: str) -> str:
    """The file's text; a byte-order mark is allowed, any other encoding than UTF-8 is refused."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise LabelledFileError(f"cannot read {path}: {error.strerror}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise LabelledFileError(
            f"{name} is not UTF-8 text (line {line} has byte 0x{data[error.start]:02x}); "
            "save it as UTF-8 and try again."
        ) from None
    if not text.strip():
        raise LabelledFileError(f"{name} is empty: expected a CSV header and labelled rows.")
    return text


def _check_header(fields: Sequence[str] | None, name: str, text_column: str, label_column: str) -> list[str]:
    """The header's names, stripped; both columns must be among them, or say which there are."""
    present = [field.strip() for field in fields or []]
    missing = [column for column in (text_column, label_column) if column not in present]
    if missing:
        raise LabelledFileError(
            f"{name} has no column {' or '.join(repr(m) for m in missing)} (its columns: "
            f"{', '.join(present) or 'none'}); name the right ones with --text-column and --label-column."
        )
    return present


def _example(row: dict[str | None, str | None], reader: csv.DictReader, text_column: str,
             label_column: str) -> tuple[Example | None, str | None]:
    """One row as an example, or what is wrong with it; blank lines are skipped."""
    if not any((value or "").strip() for key, value in row.items() if key is not None):
        return None, None
    if None in row.values():
        return None, "has fewer fields than the header"
    label = (row.get(label_column) or "").strip()
    if label not in {"0", "1"}:
        return None, f"{label_column} must be 0 or 1, not {label!r}"
    text = row.get(text_column) or ""
    if not text.strip():
        return None, f"{text_column} is empty"
    return Example(line=reader.line_num, text=text, is_spam=label == "1"), None
