/**
 * Allocation-free reading of numbers and fields from a range [start, end) of a line.
 * Parsers work on ranges so that only the values kept in a record become strings.
 */

const SPACE = 32;
const TAB = 9;

export function isBlankCode(code: number): boolean {
  return code === SPACE || code === TAB;
}

export function trimStart(text: string, start: number, end: number): number {
  while (start < end && isBlankCode(text.charCodeAt(start))) start++;
  return start;
}

export function trimEnd(text: string, start: number, end: number): number {
  while (end > start && isBlankCode(text.charCodeAt(end - 1))) end--;
  return end;
}

/** Two decimal digits at `at`, or -1. */
export function twoDigits(text: string, at: number): number {
  const a = text.charCodeAt(at) - 48;
  const b = text.charCodeAt(at + 1) - 48;
  if (a < 0 || a > 9 || b < 0 || b > 9) return -1;
  return a * 10 + b;
}

/** Four decimal digits at `at`, or -1. */
export function fourDigits(text: string, at: number): number {
  const hi = twoDigits(text, at);
  const lo = twoDigits(text, at + 2);
  return hi < 0 || lo < 0 ? -1 : hi * 100 + lo;
}

/** Unsigned decimal integer (blanks around it allowed), or -1 when the range holds anything else. */
export function parseUint(text: string, start: number, end: number): number {
  start = trimStart(text, start, end);
  end = trimEnd(text, start, end);
  if (start === end || end - start > 15) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** A port: decimal 0..65535, or -1. */
export function parsePort(text: string, start: number, end: number): number {
  const port = parseUint(text, start, end);
  return port > 65535 ? -1 : port;
}

/**
 * Decimal seconds ("8.201", "0.000181", "928") to whole milliseconds, computed from the
 * digits (no float multiplication, so 1.001 s is 1001 ms). Truncates unless roundHalfUp.
 * NaN when the range is not a plain non-negative decimal.
 */
export function parseSecondsToMs(text: string, start: number, end: number, roundHalfUp: boolean): number {
  start = trimStart(text, start, end);
  end = trimEnd(text, start, end);
  let i = start;
  let whole = 0;
  let wholeDigits = 0;
  while (i < end) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) break;
    whole = whole * 10 + digit;
    wholeDigits++;
    i++;
  }
  let millis = 0;
  let fractionDigits = 0;
  if (i < end && text.charCodeAt(i) === 46) {
    i++;
    while (i < end) {
      const digit = text.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) break;
      if (fractionDigits === 0) millis += digit * 100;
      else if (fractionDigits === 1) millis += digit * 10;
      else if (fractionDigits === 2) millis += digit;
      else if (fractionDigits === 3 && roundHalfUp && digit >= 5) millis += 1;
      fractionDigits++;
      i++;
    }
  }
  if (i !== end || (wholeDigits === 0 && fractionDigits === 0) || wholeDigits > 15) return Number.NaN;
  return whole * 1000 + millis;
}

/** Number of integer digits before an optional fraction, ignoring surrounding blanks. */
export function integerDigitCount(text: string, start: number, end: number): number {
  start = trimStart(text, start, end);
  let i = start;
  while (i < end) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) break;
    i++;
  }
  return i - start;
}

/**
 * Locates fields 0..wanted-1 of a `separator`-delimited line into starts/ends.
 * Returns how many of them exist (less than `wanted` when the line is short).
 */
export function locateFields(
  line: string,
  separator: string,
  wanted: number,
  starts: Int32Array,
  ends: Int32Array,
): number {
  let pos = 0;
  for (let field = 0; field < wanted; field++) {
    starts[field] = pos;
    const next = line.indexOf(separator, pos);
    if (next === -1) {
      ends[field] = line.length;
      return field + 1;
    }
    ends[field] = next;
    pos = next + 1;
  }
  return wanted;
}

export function countFields(line: string, separator: string): number {
  let count = 1;
  let pos = line.indexOf(separator);
  while (pos !== -1) {
    count++;
    pos = line.indexOf(separator, pos + 1);
  }
  return count;
}

/** Walks whitespace-separated words of a line; `start`/`end` hold the current word. */
export class WordCursor {
  start = 0;
  end = 0;

  /** Moves to the first word at or after `from`; false when none is left. */
  next(line: string, from: number): boolean {
    const length = line.length;
    let i = from;
    while (i < length && isBlankCode(line.charCodeAt(i))) i++;
    if (i >= length) return false;
    let j = i + 1;
    while (j < length && !isBlankCode(line.charCodeAt(j))) j++;
    this.start = i;
    this.end = j;
    return true;
  }

  is(line: string, word: string): boolean {
    return this.end - this.start === word.length && line.startsWith(word, this.start);
  }

  text(line: string): string {
    return line.slice(this.start, this.end);
  }
}

/** A short, printable excerpt of a bad value for rejection reasons. */
export function excerpt(text: string, start: number, end: number): string {
  const value = text.slice(start, Math.min(end, start + 60));
  return JSON.stringify(end - start > 60 ? `${value}…` : value);
}
