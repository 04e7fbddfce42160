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

/** `YYYY-MM-DD` or `YYYY/MM/DD` at `at` (10 bytes, caller checks they exist) to the day's epoch ms, or NaN. */
export function parseDateAt(b: Buffer, at: number): number {
  const separator = b[at + 4];
  if (b[at + 7] !== separator || (separator !== 45 && separator !== 47)) return Number.NaN;
  const year = fourDigits(b, at);
  const month = twoDigits(b, at + 5);
  const day = twoDigits(b, at + 8);
  if (year < 0 || month < 0 || day < 0) return Number.NaN;
  return utcDayStartMs(year, month, day);
}

/**
 * `HH:MM:SS[.fraction][Z]` filling exactly [start, end) to ms since midnight, or NaN.
 * The fraction is truncated to milliseconds.
 */
export function parseTimeOfDayMs(b: Buffer, start: number, end: number): number {
  if (end - start < 8 || b[start + 2] !== 58 || b[start + 5] !== 58) return Number.NaN;
  const hours = twoDigits(b, start);
  const minutes = twoDigits(b, start + 3);
  const seconds = twoDigits(b, start + 6);
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || seconds < 0 || seconds > 60) return Number.NaN;
  let ms = ((hours * 60 + minutes) * 60 + seconds) * 1000;
  let i = start + 8;
  if (i < end && b[i] === 46) {
    i++;
    let digits = 0;
    while (i < end) {
      const digit = b[i]! - 48;
      if (digit < 0 || digit > 9) break;
      if (digits === 0) ms += digit * 100;
      else if (digits === 1) ms += digit * 10;
      else if (digits === 2) ms += digit;
      digits++;
      i++;
    }
    if (digits === 0) return Number.NaN;
  }
  if (i < end && b[i] === 90) i++; // trailing Z
  return i === end ? ms : Number.NaN;
}

/**
 * `YYYY-MM-DD HH:MM:SS[.fraction][Z]` (also `/` in the date and `T` before the time),
 * taken as UTC, to epoch ms; NaN when the range holds anything else.
 */
export function parseDateTimeMs(b: Buffer, start: number, end: number): number {
  start = trimStart(b, start, end);
  end = trimEnd(b, start, end);
  if (end - start < 19) return Number.NaN;
  const separator = b[start + 10];
  if (separator !== 32 && separator !== 84) return Number.NaN;
  const day = parseDateAt(b, start);
  if (Number.isNaN(day)) return day;
  return day + parseTimeOfDayMs(b, start + 11, end);
}

/**
 * Epoch time as a number: milliseconds when the integer part has 12 or more digits
 * (any date after March 1973), else seconds with an optional fraction. NaN if not a number.
 */
export function parseEpochMs(b: Buffer, start: number, end: number): number {
  if (integerDigitCount(b, start, end) >= 12) return Math.floor(parseSecondsToMs(b, start, end, false) / 1000);
  return parseSecondsToMs(b, start, end, false);
}

/** A date-time ("2027-01-09 02:02:47", "2018/12/18 14:00:00.075359") or an epoch number. */
export function parseDateTimeOrEpochMs(b: Buffer, start: number, end: number): number {
  start = trimStart(b, start, end);
  if (end - start > 4) {
    const fifth = b[start + 4];
    if (fifth === 45 || fifth === 47) return parseDateTimeMs(b, start, end);
  }
  return parseEpochMs(b, start, end);
}
