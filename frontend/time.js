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

const YEAR = 365 * DAY;

/**
 * The one date format of the app: "3 Dec" (this year) or "3 Dec 2025" (another year), in the
 * browser's locale and the user's zone; `time` adds "14:00", `weekday` adds "Thu". A plain
 * 'YYYY-MM-DD' is a calendar date and is shown as it is, with no zone shift.
 */
export function dateText(value, tz = 'UTC', { time = false, weekday = false, now = Date.now() } = {}) {
  if (!value) return '';
  const plain = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const zone = plain ? 'UTC' : tz;
  const at = new Date(plain ? `${value}T12:00:00Z` : value);
  const year = fmt(zone, { year: 'numeric' }).format(at);
  const opts = { day: 'numeric', month: 'short' };
  if (year !== fmt(tz, { year: 'numeric' }).format(new Date(now))) opts.year = 'numeric';
  if (weekday) opts.weekday = 'short';
  if (time && !plain) Object.assign(opts, { hour: 'numeric', minute: '2-digit' });
  return fmt(zone, opts).format(at);
}

/** "3 Dec, 14:00" in the user's zone. */
export const dateTime = (iso, tz) => dateText(iso, tz, { time: true });

/** "Thu 3 Dec, 14:00", for cards. */
export const shortDateTime = (iso, tz) => dateText(iso, tz, { time: true, weekday: true });

/** A plain `YYYY-MM-DD` date: "3 Dec". */
export const calendarDate = (d) => dateText(d);

/** Whole days from `from` to `to` ('YYYY-MM-DD' or instants); null when either is missing. */
export function daysBetween(from, to) {
  if (!from || !to) return null;
  const ms = (v) => Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T12:00:00Z` : v);
  return Math.round((ms(to) - ms(from)) / DAY);
}

/** "1 day", "3 days". */
export const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function span(ms) {
  const a = Math.abs(ms);
  if (Math.round(a / MIN) < 60) return `${Math.max(1, Math.round(a / MIN))} min`;
  if (a < 48 * HOUR) return `${Math.round(a / HOUR)} h`;
  return plural(Math.round(a / DAY), 'day');
}

// More than a year either way is a typing slip (applied in 2030), not a plan: say so.
const LOOKS_WRONG = ' — the date looks wrong';

/** "due in 5 h", "2 days overdue", "opens in 3 days" for an action at `now`. */
export function dueText(action, tz, now = Date.now()) {
  const due = Date.parse(action.due_at);
  if (action.status === 'overdue') {
    return now - due > YEAR ? `overdue since ${dateText(action.due_at, tz)}${LOOKS_WRONG}` : `${span(now - due)} overdue`;
  }
  if (action.status === 'due') return due > now ? `due in ${span(due - now)}` : 'due now';
  const start = Date.parse(action.earliest_at);
  if (start - now > YEAR) return `opens ${dateText(action.earliest_at, tz)}${LOOKS_WRONG}`;
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
