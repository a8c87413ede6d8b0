"""The Factbook's field labels and sub-field splitting."""

from __future__ import annotations

import html
import re

EXEC_LABELS = [
    "chief of state and head of government", "chief of state", "head of government", "head of state",
    "cabinet", "elections/appointments", "election/appointment process", "elections",
    "election results", "most recent election date", "expected date of next election",
    "state counsellor", "note",
]


DIP_LABELS = [
    "chief of mission", "chancery", "telephone", "FAX", "consulate(s) general", "consulate(s)",
    "consulate", "embassy", "mailing address", "email address and website", "email address",
    "honorary consulate(s)", "branch office(s)", "other offices", "representative office",
    "trade office(s)", "note",
]


def _label_re(labels: list[str]) -> re.Pattern[str]:
    alts = "|".join(re.escape(x) for x in sorted(labels, key=len, reverse=True))
    return re.compile(rf"(?:^|(?<=[\s|>]))({alts})\s*:", re.I)


_EXEC_RE = _label_re(EXEC_LABELS)


_DIP_RE = _label_re(DIP_LABELS)


def clean(text: str) -> str:
    """HTML tags and entities out, whitespace collapsed, curly apostrophes straightened."""
    text = re.sub(r"<br\s*/?>|</p>|</div>", " | ", text, flags=re.I)
    text = re.sub(r"<[^>]+>", " ", text)
    text = html.unescape(text).replace("’", "'").replace("‘", "'")
    text = " ".join(text.split())
    return re.sub(r"(?:\s*\|\s*)+", " | ", text).strip(" |")


def split_subfields(text: str, pattern: re.Pattern[str], lead: str | None = None) -> dict[str, str]:
    """``"chief of state: X | head of government: Y"`` → {label: text}; text before the first
    label goes to ``lead`` when given."""
    out: dict[str, str] = {}
    matches = list(pattern.finditer(text))
    if lead and (head := text[: matches[0].start() if matches else len(text)].strip(" |;")):
        out[lead] = head
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        value = text[m.end():end].strip(" |;")
        label = m.group(1).lower()
        if value and label not in out:
            out[label] = value
    return out

