/** "2010-08-13" */
export function utcDay(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/** "21:11:03" (seconds truncated, as flow tools print them) */
export function utcTimeOfDay(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(11, 19);
}

/** "2010-08-13T21:10:43+00:00", the seed's notification style. */
export function isoSecondsUtc(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 19)}+00:00`;
}
