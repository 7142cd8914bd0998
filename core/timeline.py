"""When articles were published, as far as their dates tell: months, for charts over time."""

from __future__ import annotations

import re
from collections.abc import Iterable
from email.utils import parsedate_to_datetime
from functools import lru_cache

_ISO_MONTH = re.compile(r"\b(\d{4})-(\d{2})\b")


@lru_cache(maxsize=4096)
def month_of(date: str | None) -> str | None:
    """ "2024-06" for "2024-06-30T10:00Z" or "Sun, 30 Jun 2024 10:00:00 GMT"; ``None`` when it cannot tell.
    Cached: many articles share a date."""
    if not date:
        return None
    if found := _ISO_MONTH.search(date):
        return f"{found[1]}-{found[2]}" if 1 <= int(found[2]) <= 12 else None
    try:
        parsed = parsedate_to_datetime(date)
    except (TypeError, ValueError, IndexError):
        return None
    return f"{parsed.year:04d}-{parsed.month:02d}"


def monthly(counts: Iterable[tuple[str, int]]) -> tuple[tuple[int, ...], str, str]:
    """Counts per month from the first month to the last, empty months as 0,
    with the first and last month ("2024-01"); nothing when no month is given."""
    totals: dict[tuple[int, int], int] = {}
    for month, count in counts:
        year, number = int(month[:4]), int(month[5:7])
        totals[year, number] = totals.get((year, number), 0) + count
    if not totals:
        return (), "", ""
    first, last = min(totals), max(totals)
    series = []
    year, number = first
    while (year, number) <= last:
        series.append(totals.get((year, number), 0))
        year, number = (year + 1, 1) if number == 12 else (year, number + 1)
    return tuple(series), f"{first[0]:04d}-{first[1]:02d}", f"{last[0]:04d}-{last[1]:02d}"
