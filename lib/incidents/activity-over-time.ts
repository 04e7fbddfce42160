/**
 * How a scan unfolded: flow start times from the stored evidence, counted per minute (or per
 * wider bucket when the activity spans too long for one bar a minute). Pure code.
 */

export interface ActivityBin {
  /** Start of the bucket, ms since the epoch (UTC). */
  start: number;
  count: number;
}

export interface ActivityHistogram {
  bucketMinutes: number;
  bins: ActivityBin[];
  /** Flows counted (flow start times read). */
  flows: number;
}

const MINUTE = 60_000;
const BUCKET_MINUTES = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080];

/** Start times from the flows CSV evidence (flowsToCsv: an ISO time in the first column). */
export function flowStartsFromCsv(csv: string): number[] {
  const times: number[] = [];
  let lineStart = csv.indexOf("\n") + 1; // skip the header
  if (lineStart === 0) return times;
  while (lineStart < csv.length) {
    const comma = csv.indexOf(",", lineStart);
    const lineEnd = csv.indexOf("\n", lineStart);
    const end = lineEnd === -1 ? csv.length : lineEnd;
    if (comma !== -1 && comma < end) {
      const time = Date.parse(csv.slice(lineStart, comma));
      if (!Number.isNaN(time)) times.push(time);
    }
    lineStart = end + 1;
  }
  return times;
}

/** Start times from a log sample (a "YYYY-MM-DD" line, then "HH:MM:SSZ ..." flow lines). */
export function flowStartsFromSample(sample: string): number[] {
  const times: number[] = [];
  let day: string | null = null;
  for (const line of sample.split("\n")) {
    if (/^\d{4}-\d\d-\d\d$/.test(line)) {
      day = line;
      continue;
    }
    const match = /^(\d\d:\d\d:\d\d)Z /.exec(line);
    if (match && day) {
      const time = Date.parse(`${day}T${match[1]}Z`);
      if (!Number.isNaN(time)) times.push(time);
    }
  }
  return times;
}

/** Counts per bucket from the first to the last minute, empty buckets included, at most `maxBars` bars. */
export function binActivity(times: readonly number[], { maxBars = 120 }: { maxBars?: number } = {}): ActivityHistogram {
  if (times.length === 0) return { bucketMinutes: 1, bins: [], flows: 0 };
  let min = Infinity;
  let max = -Infinity;
  for (const time of times) {
    if (time < min) min = time;
    if (time > max) max = time;
  }
  const spanMinutes = Math.floor(max / MINUTE) - Math.floor(min / MINUTE) + 1;
  const bucketMinutes =
    BUCKET_MINUTES.find((size) => Math.ceil(spanMinutes / size) <= maxBars) ?? Math.ceil(spanMinutes / maxBars);
  const bucket = bucketMinutes * MINUTE;
  const first = Math.floor(min / bucket) * bucket;
  const count = Math.floor((max - first) / bucket) + 1;
  const bins: ActivityBin[] = Array.from({ length: count }, (_, index) => ({
    start: first + index * bucket,
    count: 0,
  }));
  for (const time of times) bins[Math.floor((time - first) / bucket)]!.count++;
  return { bucketMinutes, bins, flows: times.length };
}
