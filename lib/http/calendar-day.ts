/**
 * Calendar days typed by people (YYYY-MM-DD). Only years this product can mean are accepted:
 * `9999-12-31` is a real date, but the day after it has no ISO form the database would take.
 */
export const FIRST_YEAR = 1970;
export const LAST_YEAR = 2999;

/** Midnight UTC of the day, or null if the text is not a real day within FIRST_YEAR..LAST_YEAR. */
export function parseCalendarDay(text: string): Date | null {
  const match = /^(\d{4})-\d{2}-\d{2}$/.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  if (year < FIRST_YEAR || year > LAST_YEAR) return null;
  const date = new Date(`${text}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text ? date : null;
}

export const CALENDAR_DAY_HINT = `a date (YYYY-MM-DD) between ${FIRST_YEAR} and ${LAST_YEAR}`;
