"""Clock rules in the person's own time zone: quiet hours, the day, the next check-in.

Pure functions over aware datetimes; `zoneinfo` does the daylight-saving changes.
A check-in time that does not exist on a spring-forward day (02:30 in Amsterdam on the
last Sunday of March) moves to the first minute after the gap; a time that happens
twice on the autumn day (02:30 on the last Sunday of October) is the first of the two.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def zone(name: str) -> ZoneInfo:
    """Return the time zone, or raise ValueError for a name that is not one."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {name!r}") from exc


def days_to_mask(days: list[str]) -> int:
    """Turn ["mon", "fri"] into a bit mask (bit 0 is Monday)."""
    return sum(1 << WEEKDAYS.index(day) for day in set(days))


def mask_to_days(mask: int) -> list[str]:
    return [day for i, day in enumerate(WEEKDAYS) if mask & (1 << i)]


def local_moment(day: date, at: time, tz: ZoneInfo) -> datetime:
    """Return `day` at wall-clock time `at` in `tz`, as UTC (see the module's rules)."""
    wall = datetime.combine(day, at)
    moment = wall.replace(tzinfo=tz).astimezone(UTC)
    if moment.astimezone(tz).replace(tzinfo=None) == wall:
        return moment
    # A spring-forward gap: fold=1 gives an instant before the gap; walk from there to
    # the minute the clock jumps to.
    moment = wall.replace(tzinfo=tz, fold=1).astimezone(UTC)
    while moment.astimezone(tz).replace(tzinfo=None) < wall:
        moment += timedelta(minutes=1)
    return moment


def next_checkin(after: datetime, at: time, days_mask: int, tz: ZoneInfo) -> datetime | None:
    """Return the first check-in strictly after `after` (UTC), or None without days."""
    if days_mask == 0:
        return None
    start = after.astimezone(tz).date()
    for offset in range(8):
        day = start + timedelta(days=offset)
        if not days_mask & (1 << day.weekday()):
            continue
        moment = local_moment(day, at, tz)
        if moment > after:
            return moment
    return None  # unreachable with at least one day in the mask


def in_quiet_hours(now: datetime, start: time | None, end: time | None, tz: ZoneInfo) -> bool:
    """Tell whether `now` falls in the quiet hours [start, end) (which may cross midnight)."""
    if start is None or end is None or start == end:
        return False
    wall = now.astimezone(tz).time()
    if start < end:
        return start <= wall < end
    return wall >= start or wall < end


def quiet_hours_end(now: datetime, start: time | None, end: time | None, tz: ZoneInfo) -> datetime:
    """Return when the quiet hours that `now` is in end (UTC); `now` when it is in none."""
    if not in_quiet_hours(now, start, end, tz):
        return now
    assert end is not None
    local = now.astimezone(tz)
    day = local.date()
    if local.time() >= end:
        day += timedelta(days=1)
    return local_moment(day, end, tz)


def local_day_start(now: datetime, tz: ZoneInfo) -> datetime:
    """Return the start of the person's current day (local midnight), as UTC."""
    return local_moment(now.astimezone(tz).date(), time(0, 0), tz)


def local_day(now: datetime, tz: ZoneInfo) -> date:
    return now.astimezone(tz).date()


def parse_hhmm(value: str) -> time:
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


def format_hhmm(value: time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"
