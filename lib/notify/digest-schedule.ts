import type { DeliveryMode } from "@/lib/generated/prisma/enums";
import { DEFAULT_TIME_ZONE, isTimeZone } from "@/lib/time/readable-time";

/**
 * When an organisation's digests go out, in its own time zone: pure date arithmetic, no
 * database. Wall-clock times are turned into instants through Intl (no library), so a digest
 * "daily at 08:00" in Europe/Amsterdam is at 07:00 UTC in winter and 06:00 UTC in summer.
 */
export interface DigestSchedule {
  deliveryMode: DeliveryMode;
  digestEveryHours: number | null;
  digestAtMinute: number | null;
  timeZone: string;
}

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const partFormats = new Map<string, Intl.DateTimeFormat>();

function zone(timeZone: string): string {
  return isTimeZone(timeZone) ? timeZone : DEFAULT_TIME_ZONE;
}

function localParts(at: Date, timeZone: string): LocalDate & { hour: number; minute: number; second: number } {
  const tz = zone(timeZone);
  let format = partFormats.get(tz);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", {
      timeZone: tz,
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      hourCycle: "h23",
    });
    partFormats.set(tz, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((part) => [part.type, part.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** Minutes the zone is ahead of UTC at this instant. */
function offsetMinutes(at: Date, timeZone: string): number {
  const p = localParts(at, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** The instant a wall-clock time on a local date happens (a time skipped by DST moves forward). */
export function localTimeToInstant(date: LocalDate, minuteOfDay: number, timeZone: string): Date {
  const guess = Date.UTC(date.year, date.month - 1, date.day, 0, minuteOfDay);
  const first = offsetMinutes(new Date(guess), timeZone);
  const candidate = guess - first * 60_000;
  const second = offsetMinutes(new Date(candidate), timeZone);
  return new Date(second === first ? candidate : guess - second * 60_000);
}

function localDate(at: Date, timeZone: string): LocalDate {
  const { year, month, day } = localParts(at, timeZone);
  return { year, month, day };
}

function nextDay(date: LocalDate): LocalDate {
  const next = new Date(Date.UTC(date.year, date.month - 1, date.day + 1));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

/** Local midnight that starts the day `at` falls in. */
export function startOfLocalDay(at: Date, timeZone: string): Date {
  return localTimeToInstant(localDate(at, timeZone), 0, timeZone);
}

/** The next local midnight after `at`: when a daily cap starts again. */
export function nextLocalMidnight(at: Date, timeZone: string): Date {
  return localTimeToInstant(nextDay(localDate(at, timeZone)), 0, timeZone);
}

/** The minutes of the local day a schedule sends at (every N hours counts from midnight). */
function slotsOfDay(schedule: DigestSchedule): number[] {
  if (schedule.deliveryMode === "DAILY") return [schedule.digestAtMinute ?? 480];
  const every = Math.min(24, Math.max(1, schedule.digestEveryHours ?? 24));
  const slots: number[] = [];
  for (let minute = 0; minute < 1440; minute += every * 60) slots.push(minute);
  return slots;
}

/** The first digest strictly after `now`, or null for an organisation told at once. */
export function nextDigestAt(schedule: DigestSchedule, now: Date): Date | null {
  if (schedule.deliveryMode === "IMMEDIATE") return null;
  const slots = slotsOfDay(schedule);
  let day = localDate(now, schedule.timeZone);
  for (let step = 0; step < 3; step++) {
    for (const minute of slots) {
      const at = localTimeToInstant(day, minute, schedule.timeZone);
      if (at > now) return at;
    }
    day = nextDay(day);
  }
  return null;
}

/** "08:00" from 480. */
export function minuteOfDayLabel(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

/** 480 from "08:00"; null for anything that is not a time of day. */
export function parseTimeOfDay(text: string): number | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** The local clock time of an instant ("08:00"), as the organisation reads it. */
export function localClock(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  return minuteOfDayLabel(p.hour * 60 + p.minute);
}

/** How an organisation's schedule reads: "at once", "a digest daily at 08:00 (Europe/Amsterdam)". */
export function describeDeliveryMode(schedule: DigestSchedule): string {
  if (schedule.deliveryMode === "IMMEDIATE") return "Each notice at once";
  if (schedule.deliveryMode === "DAILY")
    return `A digest daily at ${minuteOfDayLabel(schedule.digestAtMinute ?? 480)} (${zone(schedule.timeZone)})`;
  const every = schedule.digestEveryHours ?? 24;
  return `A digest every ${every === 1 ? "hour" : `${every} hours`} (from midnight, ${zone(schedule.timeZone)})`;
}
