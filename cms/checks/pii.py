"""Personal data in comments (interim detector: plain email addresses only; replaced by the full one)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class PiiKind(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    MINOR_AGE = "minor_age"


MASKS = {PiiKind.EMAIL: "[email hidden]", PiiKind.PHONE: "[phone hidden]", PiiKind.MINOR_AGE: "[age hidden]"}


@dataclass(frozen=True)
class Finding:
    kind: PiiKind
    start: int
    end: int
    text: str


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def scan(text: str) -> list[Finding]:
    return [Finding(PiiKind.EMAIL, m.start(), m.end(), m.group()) for m in _EMAIL.finditer(text)]


def mask(text: str, findings: list[Finding]) -> str:
    for finding in sorted(findings, key=lambda f: f.start, reverse=True):
        text = text[: finding.start] + MASKS[finding.kind] + text[finding.end:]
    return text


def kinds(findings: list[Finding]) -> list[str]:
    return sorted({str(f.kind) for f in findings})
