/**
 * Moments as people read them, in UTC and English (organisations have no language or time zone
 * of their own yet): "9 January 2027, 02:12 UTC", "between 02:02 and 02:12 UTC on 9 January 2027".
 * The machine form (ISO 8601) stays where the seed shows it: stored summaries, CSV, `firstSeen`.
 */
const DAY = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** "9 January 2027" */
export function readableDay(at: Date): string {
  return DAY.format(at);
}

/** "02:12" (UTC) */
function clock(at: Date): string {
  return at.toISOString().slice(11, 16);
}

/** "9 January 2027, 02:12 UTC" */
export function readableTime(at: Date): string {
  return `${readableDay(at)}, ${clock(at)} UTC`;
}

/** "between 02:02 and 02:12 UTC on 9 January 2027", or with both days when they differ; "at …" for one moment. */
export function readablePeriod(first: Date, last: Date): string {
  if (clock(first) === clock(last) && readableDay(first) === readableDay(last)) return `at ${clock(first)} UTC on ${readableDay(first)}`;
  if (readableDay(first) === readableDay(last)) return `between ${clock(first)} and ${clock(last)} UTC on ${readableDay(first)}`;
  return `between ${clock(first)} UTC on ${readableDay(first)} and ${clock(last)} UTC on ${readableDay(last)}`;
}
