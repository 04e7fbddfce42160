import type { FlowRecord, RejectedLine } from "./flow";

/**
 * Flows dated far from the time they are ingested are broken clocks or hostile files (a
 * 9999-12-31 or 1970 timestamp would otherwise raise incidents and mail members), so they
 * are rejected with the reason, like any line that cannot be used.
 */
export class FlowTimeWindow {
  rejected = 0;
  readonly samples: RejectedLine[] = [];
  earliestAccepted = Infinity;
  latestAccepted = -Infinity;
  private readonly earliest: number;
  private readonly latest: number;

  constructor(
    private readonly ingestTime: number,
    private readonly limits: { maxAgeDays: number; maxFutureMinutes: number },
    private readonly maxSamples: number,
  ) {
    this.earliest = ingestTime - limits.maxAgeDays * 86_400_000;
    this.latest = ingestTime + limits.maxFutureMinutes * 60_000;
  }

  /** The batch without implausibly dated flows (the same array when all are fine). */
  filter(batch: FlowRecord[]): FlowRecord[] {
    let kept: FlowRecord[] | null = null;
    for (let i = 0; i < batch.length; i++) {
      const flow = batch[i]!;
      const start = flow.start;
      if (start >= this.earliest && start <= this.latest) {
        if (start < this.earliestAccepted) this.earliestAccepted = start;
        if (start > this.latestAccepted) this.latestAccepted = start;
        kept?.push(flow);
        continue;
      }
      kept ??= batch.slice(0, i);
      this.reject(flow);
    }
    return kept ?? batch;
  }

  private reject(flow: FlowRecord): void {
    this.rejected++;
    if (this.samples.length >= this.maxSamples) return;
    const { maxAgeDays, maxFutureMinutes } = this.limits;
    const when = Number.isFinite(flow.start) ? new Date(flow.start).toISOString() : String(flow.start);
    const reason =
      flow.start > this.latest
        ? `flow dated ${when}, more than ${maxFutureMinutes} minutes after it was ingested (${new Date(this.ingestTime).toISOString()})`
        : `flow dated ${when}, more than ${maxAgeDays} days before it was ingested (${new Date(this.ingestTime).toISOString()})`;
    this.samples.push({ line: flow.line, reason });
  }
}
