import type { TIngestRunDescription } from "./describe-ingest-run";

export type RunOutcomeTone = "info" | "success" | "warning" | "error";

/**
 * One sentence about where a run stands, for the banner that follows an upload: running (with
 * its progress), finished (amber when lines were rejected), already ingested, or failed (the
 * run's error, which is written as a sentence). Pure code.
 */
export function describeRunOutcome(
  run: Pick<
    TIngestRunDescription,
    | "file"
    | "status"
    | "progress"
    | "flows"
    | "rejected"
    | "incidentsCreated"
    | "incidentsUpdated"
    | "incidentsReopened"
    | "error"
  >,
): {
  tone: RunOutcomeTone;
  done: boolean;
  message: string;
} {
  const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
  switch (run.status) {
    case "queued":
      return { tone: "info", done: false, message: `${run.file} is uploaded and waiting for the worker.` };
    case "running":
      return { tone: "info", done: false, message: `Reading ${run.file}: ${Math.floor(run.progress * 100)} % done.` };
    case "duplicate":
      return { tone: "info", done: true, message: `${run.file} was ingested before: nothing to do.` };
    case "failed":
      return {
        tone: "error",
        done: true,
        message: `${run.file} could not be ingested. ${run.error ?? "The worker gave no reason."}`,
      };
    default: {
      const incidents = `${run.incidentsCreated} new, ${run.incidentsUpdated} updated and ${run.incidentsReopened} reopened ${run.incidentsCreated + run.incidentsUpdated + run.incidentsReopened === 1 ? "incident" : "incidents"}`;
      if (run.rejected > 0) {
        return {
          tone: "warning",
          done: true,
          message: `${run.file} finished with ${count(run.rejected, "rejected line")}: ${count(run.flows, "flow")} read; ${incidents}. The runs table below shows why lines were rejected.`,
        };
      }
      return {
        tone: "success",
        done: true,
        message: `${run.file} finished: ${count(run.flows, "flow")} read; ${incidents}.`,
      };
    }
  }
}
