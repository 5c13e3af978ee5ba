// Times are shown in the user's time zone (from /me), formatted in the browser's locale.

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const fmtCache = new Map();
function fmt(tz, opts) {
  const k = tz + JSON.stringify(opts);
  if (!fmtCache.has(k)) fmtCache.set(k, new Intl.DateTimeFormat(undefined, { timeZone: tz, ...opts }));
  return fmtCache.get(k);
}

/** "3 Dec 2026, 14:00" in the user's zone. */
export function dateTime(iso, tz) {
  if (!iso) return '';
  return fmt(tz, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** "Thu 3 Dec, 14:00" — shorter, for cards. */
export function shortDateTime(iso, tz) {
  if (!iso) return '';
  return fmt(tz, { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' })
    .format(new Date(iso));
}

/** A plain `YYYY-MM-DD` date in the browser's locale (no zone shift: it is a calendar date). */
export function calendarDate(d) {
  if (!d) return '';
  return fmt('UTC', { dateStyle: 'medium' }).format(new Date(`${d}T12:00:00Z`));
}

function span(ms) {
  const a = Math.abs(ms);
  if (Math.round(a / MIN) < 60) return `${Math.max(1, Math.round(a / MIN))} min`;
  if (a < 48 * HOUR) return `${Math.round(a / HOUR)} h`;
  const d = Math.round(a / DAY);
  return `${d} days`;
}

/** "due in 5 h", "2 days overdue", "from Thu 3 Dec, 09:00" for an action at `now`. */
export function dueText(action, tz, now = Date.now()) {
  const due = Date.parse(action.due_at);
  if (action.status === 'overdue') return `${span(now - due)} overdue`;
  if (action.status === 'due') return due > now ? `due in ${span(due - now)}` : 'due now';
  const start = Date.parse(action.earliest_at);
  return start > now ? `opens in ${span(start - now)}` : 'open now';
}

/** Milliseconds to add to UTC to get the wall clock in `tz` at `date`. */
function offsetAt(tz, date) {
  const parts = {};
  for (const p of fmt(tz, {
    hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(date)) parts[p.type] = p.value;
  const wall = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour % 24, +parts.minute, +parts.second);
  return wall - Math.floor(date.getTime() / 1000) * 1000;
}

/** A wall-clock 'YYYY-MM-DDTHH:MM' in `tz` → an ISO instant the API accepts. */
export function zonedToIso(local, tz) {
  const [d, t = '00:00'] = local.split('T');
  const [y, m, day] = d.split('-').map(Number);
  const [h, min] = t.split(':').map(Number);
  const guess = Date.UTC(y, m - 1, day, h, min);
  let utc = guess - offsetAt(tz, new Date(guess));
  utc = guess - offsetAt(tz, new Date(utc));
  return new Date(utc).toISOString();
}

/** An instant → 'YYYY-MM-DDTHH:MM' on the wall clock in `tz` (for datetime-local inputs). */
export function isoToZonedLocal(iso, tz) {
  const ms = Date.parse(iso);
  return new Date(ms + offsetAt(tz, new Date(ms))).toISOString().slice(0, 16);
}

/** Today's date in `tz` as 'YYYY-MM-DD'. */
export function todayIn(tz, now = Date.now()) {
  return isoToZonedLocal(new Date(now).toISOString(), tz).slice(0, 10);
}

export function addDays(date, n) {
  const t = new Date(`${date}T12:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

/** The browser's zone, for prefilling sign-up. */
export function browserZone() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** IANA zones for a picker; "UTC" is not always in the browser's list. */
export function zoneList(current) {
  let zones = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = [];
  }
  const set = new Set(['UTC', ...zones]);
  if (current) set.add(current);
  return [...set].sort();
}
