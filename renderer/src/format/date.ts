/**
 * Every date the desk shows is UTC, written the same way: evidence, audit events and
 * decisions are compared across workstations and time zones.
 */

/** `2026-11-22 09:30:00 UTC`; an unreadable timestamp is shown as written. */
export function formatUtc(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** `2026-11-22` (the UTC date); an unreadable timestamp is shown as written. */
export function formatUtcDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toISOString().slice(0, 10);
}
