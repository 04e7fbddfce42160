import { DEFAULT_LANGUAGE, type LanguageCode, languageOr, localeOf } from "@/lib/i18n/languages";

/**
 * Moments as people read them, in the reader's language and time zone (an organisation's own,
 * for institutions; UTC and English for staff): "9 January 2027, 02:12 UTC", "between 03:02 and
 * 03:12 CET on 9 January 2027", "zwischen 03:02 und 03:12 MEZ am 9. Januar 2027". The machine
 * form (ISO 8601) stays where the seed shows it: stored summaries, CSV, `firstSeen`.
 */
export const DEFAULT_TIME_ZONE = "UTC";

/** How each language joins clock times and days into a period. */
const PHRASES: Record<
  LanguageCode,
  {
    at: (clock: string, day: string) => string;
    between: (first: string, last: string, day: string) => string;
    betweenDays: (first: string, firstDay: string, last: string, lastDay: string) => string;
  }
> = {
  en: {
    at: (clock, day) => `at ${clock} on ${day}`,
    between: (first, last, day) => `between ${first} and ${last} on ${day}`,
    betweenDays: (first, firstDay, last, lastDay) => `between ${first} on ${firstDay} and ${last} on ${lastDay}`,
  },
  de: {
    at: (clock, day) => `um ${clock} am ${day}`,
    between: (first, last, day) => `zwischen ${first} und ${last} am ${day}`,
    betweenDays: (first, firstDay, last, lastDay) => `zwischen ${first} am ${firstDay} und ${last} am ${lastDay}`,
  },
};

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

function formatsFor(timeZone: string, language: string): ZoneFormats {
  const key = `${language}|${timeZone}`;
  let zoneFormats = formats.get(key);
  if (!zoneFormats) {
    const locale = localeOf(language);
    // An unknown zone (a stored value the runtime no longer knows) reads as UTC rather than failing a page.
    const zone = isTimeZone(timeZone) ? timeZone : DEFAULT_TIME_ZONE;
    zoneFormats = {
      day: new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone: zone }),
      clock: new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: zone }),
      name: new Intl.DateTimeFormat(locale, { timeZoneName: "short", timeZone: zone }),
    };
    formats.set(key, zoneFormats);
  }
  return zoneFormats;
}

/** "UTC", "CET", "BST", "GMT+2" ("MEZ" in German): how the zone is named at that moment. */
function zoneName(at: Date, timeZone: string, language: string): string {
  if (timeZone === DEFAULT_TIME_ZONE) return "UTC";
  const name = formatsFor(timeZone, language)
    .name.formatToParts(at)
    .find((part) => part.type === "timeZoneName")?.value;
  // Locales without a name for the zone give its offset; "GMT+0" reads better as "GMT".
  return name === "GMT+0" ? "GMT" : (name ?? timeZone);
}

/** "9 January 2027", "9. Januar 2027" */
export function readableDay(at: Date, timeZone = DEFAULT_TIME_ZONE, language: string = DEFAULT_LANGUAGE): string {
  return formatsFor(timeZone, language).day.format(at);
}

/** "02:12" */
function clock(at: Date, timeZone: string, language: string): string {
  return formatsFor(timeZone, language).clock.format(at);
}

/** "9 January 2027, 02:12 UTC", "9. Januar 2027, 03:12 MEZ" */
export function readableTime(at: Date, timeZone = DEFAULT_TIME_ZONE, language: string = DEFAULT_LANGUAGE): string {
  return `${readableDay(at, timeZone, language)}, ${clock(at, timeZone, language)} ${zoneName(at, timeZone, language)}`;
}

/** "between 02:02 and 02:12 UTC on 9 January 2027", or with both days (or zone names) when they differ; "at …" for one moment. */
export function readablePeriod(
  first: Date,
  last: Date,
  timeZone = DEFAULT_TIME_ZONE,
  language: string = DEFAULT_LANGUAGE,
): string {
  const phrases = PHRASES[languageOr(language)];
  const [firstClock, lastClock] = [clock(first, timeZone, language), clock(last, timeZone, language)];
  const [firstDay, lastDay] = [readableDay(first, timeZone, language), readableDay(last, timeZone, language)];
  const [firstZone, lastZone] = [zoneName(first, timeZone, language), zoneName(last, timeZone, language)];
  if (firstClock === lastClock && firstDay === lastDay) return phrases.at(`${firstClock} ${firstZone}`, firstDay);
  if (firstDay === lastDay && firstZone === lastZone)
    return phrases.between(firstClock, `${lastClock} ${lastZone}`, firstDay);
  if (firstDay === lastDay) return phrases.between(`${firstClock} ${firstZone}`, `${lastClock} ${lastZone}`, firstDay);
  return phrases.betweenDays(`${firstClock} ${firstZone}`, firstDay, `${lastClock} ${lastZone}`, lastDay);
}
