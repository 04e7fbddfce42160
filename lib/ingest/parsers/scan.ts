/**
 * Allocation-free reading of numbers and fields from a byte range [start, end) of a line.
 * Lines stay as bytes (never decoded as a whole): only the values a record keeps become
 * strings, which matters for wide layouts such as nfdump's 48-column CSV.
 * Every reader stays inside [start, end); out-of-range reads would yield NaN checks that pass.
 */

export function isBlankByte(byte: number): boolean {
  return byte === 32 || byte === 9;
}

export function isDigitByte(byte: number): boolean {
  return byte >= 48 && byte <= 57;
}

export function trimStart(b: Buffer, start: number, end: number): number {
  while (start < end && isBlankByte(b[start]!)) start++;
  return start;
}

export function trimEnd(b: Buffer, start: number, end: number): number {
  while (end > start && isBlankByte(b[end - 1]!)) end--;
  return end;
}

/** Two decimal digits at `at` (caller guarantees at + 2 <= end), or -1. */
export function twoDigits(b: Buffer, at: number): number {
  const tens = b[at]! - 48;
  const ones = b[at + 1]! - 48;
  if (!(tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9)) return -1;
  return tens * 10 + ones;
}

/** Four decimal digits at `at` (caller guarantees at + 4 <= end), or -1. */
export function fourDigits(b: Buffer, at: number): number {
  const high = twoDigits(b, at);
  const low = twoDigits(b, at + 2);
  return high < 0 || low < 0 ? -1 : high * 100 + low;
}

/** Unsigned decimal integer (blanks around it allowed), or -1 when the range holds anything else. */
export function parseUint(b: Buffer, start: number, end: number): number {
  start = trimStart(b, start, end);
  end = trimEnd(b, start, end);
  if (start === end || end - start > 15) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = b[i]! - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** A port: decimal 0..65535, or -1. */
export function parsePort(b: Buffer, start: number, end: number): number {
  const port = parseUint(b, start, end);
  return port > 65535 ? -1 : port;
}

/**
 * Decimal seconds ("8.201", "0.000181", "928") to whole milliseconds, computed from the
 * digits (no float multiplication, so 1.001 s is 1001 ms). Truncates unless roundHalfUp.
 * NaN when the range is not a plain non-negative decimal.
 */
export function parseSecondsToMs(b: Buffer, start: number, end: number, roundHalfUp: boolean): number {
  start = trimStart(b, start, end);
  end = trimEnd(b, start, end);
  let i = start;
  let whole = 0;
  let wholeDigits = 0;
  while (i < end) {
    const digit = b[i]! - 48;
    if (digit < 0 || digit > 9) break;
    whole = whole * 10 + digit;
    wholeDigits++;
    i++;
  }
  let millis = 0;
  let fractionDigits = 0;
  if (i < end && b[i] === 46) {
    i++;
    while (i < end) {
      const digit = b[i]! - 48;
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

/** Number of integer digits before an optional fraction, ignoring leading blanks. */
export function integerDigitCount(b: Buffer, start: number, end: number): number {
  start = trimStart(b, start, end);
  let i = start;
  while (i < end && isDigitByte(b[i]!)) i++;
  return i - start;
}

/**
 * Locates fields 0..wanted-1 of a line delimited by the byte `separator` into starts/ends.
 * Returns how many of them exist (less than `wanted` when the line is short). Stops scanning
 * after the last wanted field, so unused trailing columns cost nothing.
 */
export function locateFields(
  b: Buffer,
  start: number,
  end: number,
  separator: number,
  wanted: number,
  starts: Int32Array,
  ends: Int32Array,
): number {
  let field = 0;
  starts[0] = start;
  for (let i = start; i < end; i++) {
    if (b[i] !== separator) continue;
    ends[field] = i;
    if (++field === wanted) return wanted;
    starts[field] = i + 1;
  }
  ends[field] = end;
  return field + 1;
}

export function countFields(b: Buffer, start: number, end: number, separator: number): number {
  let count = 1;
  for (let i = start; i < end; i++) if (b[i] === separator) count++;
  return count;
}

/** True when [start, end) holds exactly the ASCII text `word`. */
export function bytesAre(b: Buffer, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false;
  for (let i = 0; i < word.length; i++) if (b[start + i] !== word.charCodeAt(i)) return false;
  return true;
}

/** True when the range starts with the ASCII text `prefix`. */
export function bytesStartWith(b: Buffer, start: number, end: number, prefix: string): boolean {
  if (end - start < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (b[start + i] !== prefix.charCodeAt(i)) return false;
  return true;
}

/** Position of the first `byte` in [start, end), or -1. */
export function findByte(b: Buffer, byte: number, start: number, end: number): number {
  for (let i = start; i < end; i++) if (b[i] === byte) return i;
  return -1;
}

/** Walks whitespace-separated words of a line; `start`/`end` hold the current word. */
export class WordCursor {
  start = 0;
  end = 0;

  /** Moves to the first word at or after `from` (before `limit`); false when none is left. */
  next(b: Buffer, from: number, limit: number): boolean {
    let i = from;
    while (i < limit && isBlankByte(b[i]!)) i++;
    if (i >= limit) return false;
    let j = i + 1;
    while (j < limit && !isBlankByte(b[j]!)) j++;
    this.start = i;
    this.end = j;
    return true;
  }

  is(b: Buffer, word: string): boolean {
    return bytesAre(b, this.start, this.end, word);
  }
}

const char = String.fromCharCode;

/**
 * ASCII bytes as a string. Lengths of IPv4 text (7..15 bytes) use String.fromCharCode with
 * fixed arguments, about twice as fast as Buffer#toString for such short strings.
 */
export function asciiString(b: Buffer, s: number, e: number): string {
  switch (e - s) {
    case 7:
      return char(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!);
    case 8:
      return char(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!);
    case 9:
      return char(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!, b[s + 8]!);
    case 10:
      return char(
        b[s]!,
        b[s + 1]!,
        b[s + 2]!,
        b[s + 3]!,
        b[s + 4]!,
        b[s + 5]!,
        b[s + 6]!,
        b[s + 7]!,
        b[s + 8]!,
        b[s + 9]!,
      );
    case 11:
      return char(
        b[s]!,
        b[s + 1]!,
        b[s + 2]!,
        b[s + 3]!,
        b[s + 4]!,
        b[s + 5]!,
        b[s + 6]!,
        b[s + 7]!,
        b[s + 8]!,
        b[s + 9]!,
        b[s + 10]!,
      );
    case 12:
      return char(
        b[s]!,
        b[s + 1]!,
        b[s + 2]!,
        b[s + 3]!,
        b[s + 4]!,
        b[s + 5]!,
        b[s + 6]!,
        b[s + 7]!,
        b[s + 8]!,
        b[s + 9]!,
        b[s + 10]!,
        b[s + 11]!,
      );
    case 13:
      return char(
        b[s]!,
        b[s + 1]!,
        b[s + 2]!,
        b[s + 3]!,
        b[s + 4]!,
        b[s + 5]!,
        b[s + 6]!,
        b[s + 7]!,
        b[s + 8]!,
        b[s + 9]!,
        b[s + 10]!,
        b[s + 11]!,
        b[s + 12]!,
      );
    case 14:
      return char(
        b[s]!,
        b[s + 1]!,
        b[s + 2]!,
        b[s + 3]!,
        b[s + 4]!,
        b[s + 5]!,
        b[s + 6]!,
        b[s + 7]!,
        b[s + 8]!,
        b[s + 9]!,
        b[s + 10]!,
        b[s + 11]!,
        b[s + 12]!,
        b[s + 13]!,
      );
    case 15:
      return char(
        b[s]!,
        b[s + 1]!,
        b[s + 2]!,
        b[s + 3]!,
        b[s + 4]!,
        b[s + 5]!,
        b[s + 6]!,
        b[s + 7]!,
        b[s + 8]!,
        b[s + 9]!,
        b[s + 10]!,
        b[s + 11]!,
        b[s + 12]!,
        b[s + 13]!,
        b[s + 14]!,
      );
    default:
      return b.toString("latin1", s, e);
  }
}

/** A short, printable excerpt of a bad value for rejection reasons. */
export function excerpt(b: Buffer, start: number, end: number): string {
  const cut = Math.min(end, start + 60);
  const value = b.toString("utf8", start, cut);
  return JSON.stringify(end > cut ? `${value}…` : value);
}
