import { fourDigits, integerDigitCount, parseSecondsToMs, trimEnd, trimStart, twoDigits } from "./scan";

// Flow files hold long runs of one day: remember the last day instead of calling Date.UTC per line.
let cachedDayKey = -1;
let cachedDayMs = 0;

/** Epoch ms of 00:00 UTC on a calendar day, or NaN for an impossible date. */
export function utcDayStartMs(year: number, month: number, day: number): number {
  const key = year * 1024 + month * 32 + day;
  if (key === cachedDayKey) return cachedDayMs;
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > 31) return Number.NaN;
  const ms = Date.UTC(year, month - 1, day);
  if (new Date(ms).getUTCDate() !== day) return Number.NaN;
  cachedDayKey = key;
  cachedDayMs = ms;
  return ms;
}

/** `YYYY-MM-DD` or `YYYY/MM/DD` at `at` to the day's epoch ms, or NaN. */
export function parseDateAt(text: string, at: number): number {
  const sep1 = text.charCodeAt(at + 4);
  const sep2 = text.charCodeAt(at + 7);
  if (sep1 !== sep2 || (sep1 !== 45 && sep1 !== 47)) return Number.NaN;
  const year = fourDigits(text, at);
  const month = twoDigits(text, at + 5);
  const day = twoDigits(text, at + 8);
  if (year < 0 || month < 0 || day < 0) return Number.NaN;
  return utcDayStartMs(year, month, day);
}

/**
 * `HH:MM:SS[.fraction][Z]` filling exactly [start, end) to ms since midnight, or NaN.
 * The fraction is truncated to milliseconds.
 */
export function parseTimeOfDayMs(text: string, start: number, end: number): number {
  if (end - start < 8 || text.charCodeAt(start + 2) !== 58 || text.charCodeAt(start + 5) !== 58) return Number.NaN;
  const hours = twoDigits(text, start);
  const minutes = twoDigits(text, start + 3);
  const seconds = twoDigits(text, start + 6);
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || seconds < 0 || seconds > 60) return Number.NaN;
  let ms = ((hours * 60 + minutes) * 60 + seconds) * 1000;
  let i = start + 8;
  if (i < end && text.charCodeAt(i) === 46) {
    i++;
    let digits = 0;
    while (i < end) {
      const digit = text.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) break;
      if (digits === 0) ms += digit * 100;
      else if (digits === 1) ms += digit * 10;
      else if (digits === 2) ms += digit;
      digits++;
      i++;
    }
    if (digits === 0) return Number.NaN;
  }
  if (i < end && text.charCodeAt(i) === 90) i++; // trailing Z
  return i === end ? ms : Number.NaN;
}

/**
 * `YYYY-MM-DD HH:MM:SS[.fraction][Z]` (also `/` in the date and `T` before the time),
 * taken as UTC, to epoch ms; NaN when the range holds anything else.
 */
export function parseDateTimeMs(text: string, start: number, end: number): number {
  start = trimStart(text, start, end);
  end = trimEnd(text, start, end);
  if (end - start < 19) return Number.NaN;
  const separator = text.charCodeAt(start + 10);
  if (separator !== 32 && separator !== 84) return Number.NaN;
  const day = parseDateAt(text, start);
  if (Number.isNaN(day)) return day;
  return day + parseTimeOfDayMs(text, start + 11, end);
}

/**
 * Epoch time as a number: milliseconds when the integer part has 12 or more digits
 * (any date after March 1973), else seconds with an optional fraction. NaN if not a number.
 */
export function parseEpochMs(text: string, start: number, end: number): number {
  if (integerDigitCount(text, start, end) >= 12) return Math.floor(parseSecondsToMs(text, start, end, false) / 1000);
  return parseSecondsToMs(text, start, end, false);
}
