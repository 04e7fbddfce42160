import { DEFAULT_TIME_ZONE, readablePeriod, readableTime } from "@/lib/time/readable-time";

const ISO = String.raw`(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))`;
const PERIOD = new RegExp(`between ${ISO} and ${ISO}`);

/**
 * The incident's summary sentence as people read it: the same facts in the same order as the
 * stored (seed-style) sentence, with its ISO 8601 period written out ("between 02:02 and 02:12
 * UTC on 9 January 2027"), in the reader's time zone. A summary without such a period is returned as it is.
 */
export function readableSummary(summary: string, timeZone = DEFAULT_TIME_ZONE): string {
  return summary.replace(PERIOD, (whole, first: string, last: string) => {
    const from = new Date(first);
    const to = new Date(last);
    return Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) ? whole : readablePeriod(from, to, timeZone);
  });
}

const MOMENT = new RegExp(ISO, "g");

/** Any other text shown to people (timeline entries): each ISO 8601 moment written out ("9 January 2027, 02:12 UTC"). */
export function readableTimesIn(text: string, timeZone = DEFAULT_TIME_ZONE): string {
  return readableSummary(text, timeZone).replace(MOMENT, (whole: string) => {
    const at = new Date(whole);
    return Number.isNaN(at.getTime()) ? whole : readableTime(at, timeZone);
  });
}
