"""Dates in text, normalised against the article's date: explicit dates, months, and
relative words ('last week', 'on Monday', '上周', '本月')."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    name: i
    for i, name in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
MONTHS.update({name[:3]: i for name, i in list(MONTHS.items())})
MONTHS["sept"] = 9
MONTH_RE = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
PATTERNS = [
    ("iso", re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)\b")),
    ("mdy", re.compile(rf"\b{MONTH_RE}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(20\d\d)\b", re.I)),
    ("dmy", re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH_RE},?\s+(20\d\d)\b", re.I)),
    ("zh_full", re.compile(r"(20\d\d)年(\d{1,2})月(\d{1,2})日")),
    ("zh_ym", re.compile(r"(20\d\d)年(\d{1,2})月")),
    ("zh_md", re.compile(r"(?<!\d)(?<!\d年)(\d{1,2})月(\d{1,2})日")),
    ("my", re.compile(rf"\b{MONTH_RE}\s+(20\d\d)\b", re.I)),
    ("md", re.compile(rf"\b{MONTH_RE}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s*20\d\d)", re.I)),
    ("year", re.compile(r"\b(?:in|since|during|by|from)\s+(20\d\d)\b(?!-)")),
    ("in_month", re.compile(rf"\b(?:in|since|from|until|by|during|last|this)\s+{MONTH_RE}\b(?!\s+\d)", re.I)),
    (
        "relative",
        re.compile(
            r"\b(yesterday|today|last week|this week|last month|this month|earlier this month|"
            r"on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b",
            re.I,
        ),
    ),
    ("relative_zh", re.compile(r"(昨日|昨天|今日|今天|上周|本周|本月|上月|日前|近日)")),
]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def parse_published(text: str | None) -> dt.date | None:
    """The article's date; a month alone ('2022-07', as feeds give it) reads as its last day,
    so '29 July' in it resolves to that July."""
    if not text:
        return None
    m = re.search(r"(\d{4})-(\d{2})(?:-(\d{2}))?", text)
    if not m:
        return None
    try:
        if m.group(3):
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        following = dt.date(int(m.group(1)) + int(m.group(2)) // 12, int(m.group(2)) % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    except ValueError:
        return None


def _month_before(month: int, published: dt.date) -> int:
    return published.year if month <= published.month else published.year - 1


def find_date(text: str, published: dt.date | None) -> tuple[str | None, tuple[int, int] | None]:
    """The date the text states for what it reports, as precise as it allows, and its span:
    the first stated date in reading order that is not later than the article. A later one is
    an effective date, a deadline or a plan, never the date of what is reported."""
    past = [item for item in find_dates(text, published) if not _after(item[0], published)]
    return past[0] if past else (None, None)


def find_dates(text: str, published: dt.date | None) -> list[tuple[str, tuple[int, int]]]:
    """Every date the text states, in reading order; overlapping matches keep the most precise
    pattern's reading ('March 3, 2025' is a day, not 'March 2025')."""
    found: list[tuple[str, tuple[int, int]]] = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for _, (a, b) in found):
                continue
            value = _resolve(kind, m, published)
            if value:
                found.append((value, m.span()))
    return sorted(found, key=lambda item: item[1][0])


def _after(value: str, published: dt.date | None) -> bool:
    """Whether a stated date lies after the article at the date's own precision."""
    if published is None:
        return False
    return value > published.isoformat()[: len(value)]


def _resolve(kind: str, m: re.Match[str], published: dt.date | None) -> str | None:
    g = m.groups()
    try:
        if kind == "iso":
            return dt.date(int(g[0]), int(g[1]), int(g[2])).isoformat()
        if kind == "mdy":
            return dt.date(int(g[2]), MONTHS[g[0].lower()[:3]], int(g[1])).isoformat()
        if kind == "dmy":
            return dt.date(int(g[2]), MONTHS[g[1].lower()[:3]], int(g[0])).isoformat()
        if kind == "zh_full":
            return dt.date(int(g[0]), int(g[1]), int(g[2])).isoformat()
        if kind == "zh_ym":
            return f"{int(g[0]):04d}-{int(g[1]):02d}"
        if kind == "my":
            return f"{int(g[1]):04d}-{MONTHS[g[0].lower()[:3]]:02d}"
        if kind == "year":
            return f"{int(g[0]):04d}"
    except (ValueError, KeyError):
        return None
    if published is None:
        return None
    try:
        if kind == "zh_md":
            month = int(g[0])
            return dt.date(_month_before(month, published), month, int(g[1])).isoformat()
        if kind == "md":
            month = MONTHS[g[0].lower()[:3]]
            return dt.date(_month_before(month, published), month, int(g[1])).isoformat()
        if kind == "in_month":
            month = MONTHS[g[0].lower()[:3]]
            return f"{_month_before(month, published):04d}-{month:02d}"
    except (ValueError, KeyError):
        return None
    return _relative(m.group(0).lower(), published)


def _relative(word: str, published: dt.date) -> str | None:
    if word in ("yesterday", "昨日", "昨天"):
        return (published - dt.timedelta(days=1)).isoformat()
    if word in ("today", "今日", "今天", "日前", "近日"):
        return published.isoformat()
    if word in ("last week", "上周"):
        start = published - dt.timedelta(days=published.weekday() + 7)
        return f"{start.year:04d}-{start.month:02d}"
    if word in ("this week", "本周", "this month", "earlier this month", "本月"):
        return f"{published.year:04d}-{published.month:02d}"
    if word in ("last month", "上月"):
        first = published.replace(day=1) - dt.timedelta(days=1)
        return f"{first.year:04d}-{first.month:02d}"
    if word.startswith("on "):
        day = WEEKDAYS.index(word[3:])
        delta = (published.weekday() - day) % 7
        return (published - dt.timedelta(days=delta)).isoformat()
    return None
