"""Business days and local times for one user: weekends and their country's public holidays."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

_ONE_DAY = timedelta(days=1)
_MORNING = time(9, 0)
_MAX_MEMO = 50_000


class BusinessCalendar:
    """Date arithmetic in one time zone, skipping weekends and one country's public holidays.

    Holiday years are loaded lazily and every lookup is memoised, because the engine asks the
    same questions for every application of a user. Instances are immutable in behaviour and
    safe to share; use calendar_for() to reuse them across requests.
    """

    __slots__ = (
        "timezone",
        "country",
        "_zone",
        "_holiday_years",
        "_holidays",
        "_business",
        "_nine",
        "_dates",
    )

    def __init__(self, timezone: str = "UTC", country: str | None = None) -> None:
        self.timezone = timezone
        self.country = country.upper() if country else None
        self._zone = ZoneInfo(timezone)
        self._holiday_years: set[int] = set()
        self._holidays: set[date] = set()
        self._business: dict[date, bool] = {}
        self._nine: dict[date, datetime] = {}
        self._dates: dict[datetime, date] = {}

    def __repr__(self) -> str:
        return f"BusinessCalendar({self.timezone!r}, {self.country!r})"

    # -- holidays -------------------------------------------------------------------------
    def _load_year(self, year: int) -> None:
        if self.country is not None:
            try:
                table = holidays.country_holidays(self.country, years=year)
            except NotImplementedError:
                # A valid ISO code the library does not cover: weekends only, not a failure.
                table = None
            if table is not None:
                self._holidays.update(table.keys())
        # Marked loaded only after the dates are in, so a concurrent reader never sees a gap.
        self._holiday_years.add(year)

    def is_holiday(self, day: date) -> bool:
        if day.year not in self._holiday_years:
            self._load_year(day.year)
        return day in self._holidays

    def is_business_day(self, day: date) -> bool:
        known = self._business.get(day)
        if known is None:
            known = day.weekday() < 5 and not self.is_holiday(day)
            self._business[day] = known
        return known

    # -- local time ------------------------------------------------------------------------
    def local_date(self, moment: datetime) -> date:
        """The user's calendar date at an aware moment."""
        day = self._dates.get(moment)
        if day is None:
            if len(self._dates) >= _MAX_MEMO:
                self._dates.clear()  # bounded: a long-lived process sees endless moments
            day = moment.astimezone(self._zone).date()
            self._dates[moment] = day
        return day

    def local_time(self, moment: datetime) -> datetime:
        return moment.astimezone(self._zone)

    def morning(self, day: date) -> datetime:
        """09:00 local on a date, as an aware UTC datetime (date-based windows open then)."""
        moment = self._nine.get(day)
        if moment is None:
            moment = datetime.combine(day, _MORNING, self._zone).astimezone(UTC)
            self._nine[day] = moment
        return moment

    def start_of(self, day: date) -> datetime:
        """00:00 local on a date, as an aware UTC datetime."""
        return datetime.combine(day, time(0, 0), self._zone).astimezone(UTC)

    def days_after(self, moment: datetime, days: int) -> datetime:
        """'N days after X': X's local date plus N days, at 09:00 local."""
        return self.morning(self.local_date(moment) + timedelta(days=days))

    # -- business-day arithmetic ------------------------------------------------------------
    def next_business_morning(self, moment: datetime) -> datetime:
        """09:00 local on the first business day after moment's local date ("tomorrow" at work)."""
        return self.morning(self.add_business_days(self.local_date(moment), 1))

    def roll_forward(self, day: date) -> date:
        """The day itself if it is a business day, else the next one."""
        while not self.is_business_day(day):
            day += _ONE_DAY
        return day

    def add_business_days(self, day: date, count: int) -> date:
        """The count-th business day after day (count >= 0; 0 rolls forward)."""
        if count <= 0:
            return self.roll_forward(day)
        while count:
            day += _ONE_DAY
            if self.is_business_day(day):
                count -= 1
        return day


@lru_cache(maxsize=512)
def calendar_for(timezone: str, country: str | None) -> BusinessCalendar:
    """A shared calendar per (time zone, country), so its caches outlive one evaluation."""
    return BusinessCalendar(timezone, country)
