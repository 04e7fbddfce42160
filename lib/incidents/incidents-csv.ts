/**
 * The queue as CSV for spreadsheets: a ReadableStream that reads the next batch only when the
 * reader asks for more (pull), so a million incidents go out in constant memory and a slow or
 * vanished client stops the reading. Cells are quoted as needed and guarded against formula
 * injection (`csvCell`); CRLF line ends, as RFC 4180 and spreadsheets expect. Each row carries
 * its TLP; TLP:RED incidents are not in the file (RED never leaves the platform, ADR 0008).
 */
import type { Db } from "@/lib/db/client";
import { tlpLabel } from "@/lib/tlp/tlp";
import { csvCell } from "@/lib/orgs/organisations-to-csv";
import type { TIncidentQuery } from "./incident-query";
import { type IncidentExportRow, streamIncidents } from "./stream-incidents";

/** Who reads the file: the CSIRT sees who is assigned; an institution does not. */
export type TExportAudience = "staff" | "institution";

const COLUMNS: ReadonlyArray<{ name: string; value: (row: IncidentExportRow) => string; staffOnly?: true }> = [
  { name: "reference", value: (row) => String(row.reference) },
  { name: "status", value: (row) => row.status },
  { name: "type", value: (row) => row.type },
  { name: "severity", value: (row) => row.severity },
  { name: "tlp", value: (row) => tlpLabel(row.tlp) },
  { name: "organisation", value: (row) => row.organisationName },
  { name: "organisation_slug", value: (row) => row.organisationSlug },
  { name: "source_ip", value: (row) => row.sourceIp },
  { name: "port", value: (row) => (row.port === null ? "" : String(row.port)) },
  { name: "protocol", value: (row) => row.protocol },
  { name: "flows", value: (row) => String(row.flowCount) },
  { name: "distinct_targets", value: (row) => String(row.distinctTargets) },
  { name: "first_seen", value: (row) => row.firstSeen.toISOString() },
  { name: "last_seen", value: (row) => row.lastSeen.toISOString() },
  { name: "assignee", value: (row) => row.assigneeName ?? "", staffOnly: true },
  { name: "summary", value: (row) => row.summary },
];

export function incidentCsvColumns(audience: TExportAudience): string[] {
  return COLUMNS.filter((column) => audience === "staff" || !column.staffOnly).map((column) => column.name);
}

export function incidentsCsvStream(
  db: Db,
  options: {
    query: TIncidentQuery;
    viewerId: string;
    organisationIds?: readonly string[];
    audience: TExportAudience;
    batchSize?: number;
  },
): ReadableStream<Uint8Array> {
  const columns = COLUMNS.filter((column) => options.audience === "staff" || !column.staffOnly);
  const encoder = new TextEncoder();
  const batches = streamIncidents(db, options);
  let headerSent = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!headerSent) {
          headerSent = true;
          // A byte-order mark so spreadsheets read UTF-8 names as UTF-8.
          controller.enqueue(encoder.encode(`\uFEFF${columns.map((column) => column.name).join(",")}\r\n`));
          return;
        }
        const next = await batches.next();
        if (next.done) {
          controller.close();
          return;
        }
        let text = "";
        for (const row of next.value) text += `${columns.map((column) => csvCell(column.value(row))).join(",")}\r\n`;
        controller.enqueue(encoder.encode(text));
      },
      async cancel() {
        await batches.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}

/** The answer of every CSV export route: a download named by the day. */
export function incidentsCsvResponse(body: ReadableStream<Uint8Array>, prefix = "incidents"): Response {
  const date = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${prefix}-${date}.csv"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
