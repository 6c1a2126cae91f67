/**
 * The times Inspect records (stats.started_at, completed_at) are ISO 8601 strings from
 * Python's `datetime.isoformat()`, e.g. 2025-07-19T14:41:24+00:00 or with microseconds.
 * Inspect's reader treats one without an offset as UTC (`UtcDatetimeStr` in
 * inspect_ai/_util/dateutil.py), and so does this. Date.parse is not used: it also reads
 * "July 19 2025", takes a time without an offset as local time and rolls 30 February over
 * into March, and a log is not the place for guesses.
 */

const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** Milliseconds since the epoch, or null when `text` is not such a time or names no real one. */
export function parseTimestamp(text: string): number | null {
  const match = ISO_TIME.exec(text);
  if (match === null) return null;
  const [, year, month, day, hour, minute, second = '0', fraction = '', offset = 'Z'] = match;
  const fields = [year, month, day, hour, minute, second].map(Number);
  const [y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0] = fields;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(utc);
  // Date.UTC rolls an impossible date or time over; such a text names no time at all.
  if (
    back.getUTCFullYear() !== y ||
    back.getUTCMonth() !== mo - 1 ||
    back.getUTCDate() !== d ||
    back.getUTCHours() !== h ||
    back.getUTCMinutes() !== mi ||
    back.getUTCSeconds() !== s
  ) {
    return null;
  }
  const offsetBy = offsetMinutes(offset);
  if (offsetBy === null) return null;
  const fractionMs = fraction === '' ? 0 : Number(`0.${fraction}`) * 1000;
  return utc + fractionMs - offsetBy * 60_000;
}

/** Seconds from `start` to `end` when both are times and `end` is not before `start`. */
export function durationSeconds(start: string | null, end: string | null): number | null {
  if (start === null || end === null) return null;
  const from = parseTimestamp(start);
  const to = parseTimestamp(end);
  if (from === null || to === null || to < from) return null;
  return (to - from) / 1000;
}

/** Z or ±HH[:]MM in minutes east of UTC; null past ±23:59, as Python refuses. */
function offsetMinutes(offset: string): number | null {
  if (offset.toUpperCase() === 'Z') return 0;
  const digits = offset.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2));
  if (hours > 23 || minutes > 59) return null;
  const total = hours * 60 + minutes;
  return offset.startsWith('-') ? -total : total;
}
