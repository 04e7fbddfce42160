/**
 * Moments as people read them, in English and in the reader's time zone (an organisation's own,
 * for institutions; UTC for staff): "9 January 2027, 02:12 UTC", "between 03:02 and 03:12 CET
 * on 9 January 2027". The machine form (ISO 8601) stays where the seed shows it: stored
 * summaries, CSV, `firstSeen`.
 */
export const DEFAULT_TIME_ZONE = "UTC";

interface ZoneFormats {
  day: Intl.DateTimeFormat;
  clock: Intl.DateTimeFormat;
  name: Intl.DateTimeFormat;
}

const formats = new Map<string, ZoneFormats>();

/** Whether `zone` is an IANA time zone this runtime knows ("Europe/Amsterdam", "UTC"). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: zone });
    return zone.length > 0 && zone.length <= 64;
  } catch {
    return false;
  }
}

function formatsFor(timeZone: string): ZoneFormats {
  let zoneFormats = formats.get(timeZone);
  if (!zoneFormats) {
    // An unknown zone (a stored value the runtime no longer knows) reads as UTC rather than failing a page.
    const zone = isTimeZone(timeZone) ? timeZone : DEFAULT_TIME_ZONE;
    zoneFormats = {
      day: new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: zone }),
      clock: new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: zone }),
      name: new Intl.DateTimeFormat("en-GB", { timeZoneName: "short", timeZone: zone }),
    };
    formats.set(timeZone, zoneFormats);
  }
  return zoneFormats;
}

/** "UTC", "CET", "BST", "GMT+2": how the zone is named at that moment. */
function zoneName(at: Date, timeZone: string): string {
  if (timeZone === DEFAULT_TIME_ZONE) return "UTC";
  const name = formatsFor(timeZone)
    .name.formatToParts(at)
    .find((part) => part.type === "timeZoneName")?.value;
  return name ?? timeZone;
}

/** "9 January 2027" */
export function readableDay(at: Date, timeZone = DEFAULT_TIME_ZONE): string {
  return formatsFor(timeZone).day.format(at);
}

/** "02:12" */
function clock(at: Date, timeZone: string): string {
  return formatsFor(timeZone).clock.format(at);
}

/** "9 January 2027, 02:12 UTC" */
export function readableTime(at: Date, timeZone = DEFAULT_TIME_ZONE): string {
  return `${readableDay(at, timeZone)}, ${clock(at, timeZone)} ${zoneName(at, timeZone)}`;
}

/** "between 02:02 and 02:12 UTC on 9 January 2027", or with both days (or zone names) when they differ; "at …" for one moment. */
export function readablePeriod(first: Date, last: Date, timeZone = DEFAULT_TIME_ZONE): string {
  const [firstClock, lastClock] = [clock(first, timeZone), clock(last, timeZone)];
  const [firstDay, lastDay] = [readableDay(first, timeZone), readableDay(last, timeZone)];
  const [firstZone, lastZone] = [zoneName(first, timeZone), zoneName(last, timeZone)];
  if (firstClock === lastClock && firstDay === lastDay) return `at ${firstClock} ${firstZone} on ${firstDay}`;
  if (firstDay === lastDay && firstZone === lastZone)
    return `between ${firstClock} and ${lastClock} ${lastZone} on ${firstDay}`;
  if (firstDay === lastDay) return `between ${firstClock} ${firstZone} and ${lastClock} ${lastZone} on ${firstDay}`;
  return `between ${firstClock} ${firstZone} on ${firstDay} and ${lastClock} ${lastZone} on ${lastDay}`;
}
