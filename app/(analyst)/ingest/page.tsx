import Link from "next/link";
import { readdir } from "node:fs/promises";
import type { Metadata } from "next";
import { LiveRefresh } from "@/components/ingest/live-refresh";
import { SshdReportForm } from "@/components/ingest/sshd-report-form";
import { StreamHealthTable } from "@/components/ingest/stream-health-table";
import { UploadFlowFile } from "@/components/ingest/upload-flow-file";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ProgressBar } from "@/components/ui/progress-bar";
import { UtcTime } from "@/components/ui/utc-time";
import { db } from "@/lib/db/client";
import { pageStaff } from "@/lib/http/page-guards";
import { listRecentIngestRuns } from "@/lib/ingest/describe-ingest-run";
import { defaultInboxDir, dropFolderPaths } from "@/lib/ingest/drop-folder";
import { getRunFileStorage } from "@/lib/ingest/get-run-file-storage";
import { bytesLabel, countOf } from "@/lib/labels";
import { getSettings } from "@/lib/settings/get-settings";
import { getStreamHealth } from "@/lib/ingest/streams/stream-health";

export const metadata: Metadata = { title: "Ingest" };

const STATUS_TONE = {
  queued: "slate",
  running: "sky",
  succeeded: "emerald",
  failed: "red",
  duplicate: "amber",
} as const;

async function countFiles(dir: string): Promise<number | null> {
  try {
    return (await readdir(dir, { withFileTypes: true })).filter(
      (entry) => entry.isFile() && !entry.name.endsWith(".error.txt"),
    ).length;
  } catch {
    return null;
  }
}

export default async function IngestPage() {
  await pageStaff("/ingest");
  const [runs, streams, storage, settings] = await Promise.all([
    listRecentIngestRuns(db),
    getStreamHealth(db),
    getRunFileStorage(db),
    getSettings(db),
  ]);
  const inbox = dropFolderPaths(defaultInboxDir());
  const [waiting, processing, done, failed] = await Promise.all([
    countFiles(inbox.inbox),
    countFiles(inbox.processing),
    countFiles(inbox.done),
    countFiles(inbox.failed),
  ]);
  const active = runs.some((run) => run.status === "queued" || run.status === "running");
  return (
    <div className="space-y-6">
      <LiveRefresh active={active} />
      <h1 className="text-2xl font-semibold">Ingest</h1>
      <div className="grid gap-6 lg:grid-cols-3">
        <Card title="Upload a flow file">
          <UploadFlowFile />
        </Card>
        <Card title="Third-party sshd log">
          <SshdReportForm />
        </Card>
        <Card title="Drop folder">
          <p className="break-all font-mono text-xs">{inbox.inbox}</p>
          <dl className="mt-3 grid grid-cols-2 gap-1 text-sm">
            <dt>Waiting</dt>
            <dd className="tabular-nums">{waiting ?? "not created yet"}</dd>
            <dt>Processing</dt>
            <dd className="tabular-nums">{processing ?? 0}</dd>
            <dt>Done</dt>
            <dd className="tabular-nums">{done ?? 0}</dd>
            <dt>Failed</dt>
            <dd className="tabular-nums">{failed ?? 0}</dd>
          </dl>
          <p className="mt-3 text-xs text-slate-600">
            Collectors write finished files here; the worker picks them up within seconds.
          </p>
        </Card>
      </div>
      <section aria-labelledby="streams-heading" className="space-y-3">
        <h2 id="streams-heading" className="text-lg font-semibold">
          Streams, last 24 hours
        </h2>
        {streams.length === 0 ? (
          <EmptyState title="No stream has sent a file yet" />
        ) : (
          <StreamHealthTable streams={streams} />
        )}
      </section>
      <section aria-labelledby="runs-heading" className="space-y-3">
        <h2 id="runs-heading" className="text-lg font-semibold">
          Recent runs
        </h2>
        <p className="text-sm text-slate-700" data-testid="file-storage">
          Stored flow files: <strong>{bytesLabel(storage.bytes)}</strong> in {countOf(storage.files, "file")}
          {storage.oldest ? (
            <>
              , the oldest from <UtcTime value={storage.oldest} withSeconds={false} />
            </>
          ) : null}
          . Each is deleted {countOf(settings["ingest.retainFilesDays"], "day")} after its run finished (setting{" "}
          <code>ingest.retainFilesDays</code>).
        </p>
        {runs.length === 0 ? (
          <EmptyState title="Nothing ingested yet" />
        ) : (
          <div
            className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white"
            tabIndex={0}
            role="region"
            aria-label="Ingest runs (scrolls sideways)"
          >
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Ingest runs, newest first</caption>
              <thead className="bg-slate-50 text-slate-700">
                <tr>
                  {[
                    "File",
                    "Stream",
                    "Source",
                    "Status",
                    "Progress",
                    "Format",
                    "Lines",
                    "Flows",
                    "Repeats",
                    "Rejected",
                    "Incidents",
                    "Took",
                  ].map((heading) => (
                    <th key={heading} scope="col" className="px-3 py-2">
                      {heading}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {runs.map((run) => (
                  <tr key={run.id} className="border-t border-slate-100 align-top" data-testid="ingest-run">
                    <th scope="row" className="max-w-56 px-3 py-2 font-medium">
                      <span className="block truncate" title={run.file}>
                        {run.file}
                      </span>
                      {run.fileKeptDays !== null ? (
                        <span className="block text-xs font-normal text-slate-600">
                          file deleted after {countOf(run.fileKeptDays, "day")}
                        </span>
                      ) : null}
                    </th>
                    <td className="px-3 py-2">{run.stream ?? "—"}</td>
                    <td className="px-3 py-2">{run.source}</td>
                    <td className="px-3 py-2">
                      <Badge tone={STATUS_TONE[run.status as keyof typeof STATUS_TONE] ?? "slate"}>{run.status}</Badge>
                      {run.late ? (
                        <span className="ml-1">
                          <Badge tone="amber">late</Badge>
                        </span>
                      ) : null}
                      {run.notes.map((note) => (
                        <p key={note} className="mt-1 max-w-xs text-xs text-slate-700">
                          {note}
                        </p>
                      ))}
                    </td>
                    <td className="px-3 py-2">
                      {run.status === "running" || run.status === "queued" ? (
                        <ProgressBar value={run.progress} label={`Ingest of ${run.file}`} />
                      ) : null}
                    </td>
                    <td className="px-3 py-2">{run.format ?? "—"}</td>
                    <td className="px-3 py-2 tabular-nums">{run.lines.toLocaleString("en-GB")}</td>
                    <td className="px-3 py-2 tabular-nums">{run.flows.toLocaleString("en-GB")}</td>
                    <td className="px-3 py-2 tabular-nums">{run.flowsRepeated.toLocaleString("en-GB")}</td>
                    <td className="px-3 py-2 tabular-nums">
                      {run.rejected > 0 ? (
                        <details>
                          <summary className="cursor-pointer">{run.rejected.toLocaleString("en-GB")}</summary>
                          <ul className="mt-1 max-w-md space-y-0.5 text-xs">
                            {run.rejectedSamples.slice(0, 10).map((sample) => (
                              <li key={sample.line}>
                                line {sample.line}: {sample.reason}
                              </li>
                            ))}
                          </ul>
                        </details>
                      ) : (
                        0
                      )}
                    </td>
                    <td className="px-3 py-2 tabular-nums">
                      {run.status === "succeeded" ? (
                        run.incidentsCreated + run.incidentsUpdated + run.incidentsReopened > 0 ? (
                          <Link
                            href={`/incidents?run=${run.id}`}
                            className="text-sky-800 underline"
                          >{`${run.incidentsCreated} new, ${run.incidentsUpdated} updated, ${run.incidentsReopened} reopened`}</Link>
                        ) : (
                          `${run.incidentsCreated} new, ${run.incidentsUpdated} updated, ${run.incidentsReopened} reopened`
                        )
                      ) : (
                        <span className="block max-w-md">
                          {run.error ?? (run.status === "duplicate" ? "already ingested" : "")}
                        </span>
                      )}
                    </td>
                    <td className="px-3 py-2 tabular-nums">
                      {run.durationMs !== null ? `${(run.durationMs / 1000).toFixed(1)} s` : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
