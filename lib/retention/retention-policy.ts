import type { TSettings } from "@/lib/settings/get-settings";

/** The kinds of data the retention job removes or anonymises, in the order it works through them. */
export const RETENTION_KINDS = [
  "rawUploads",
  "flowEvidence",
  "attachments",
  "mailBodies",
  "auditLog",
  "resolvedIncidents",
] as const;

export type RetentionKind = (typeof RETENTION_KINDS)[number];

/** Days each kind is kept. */
export type RetentionPolicy = Record<RetentionKind, number>;

/** The setting that holds each kind's period. */
export const RETENTION_SETTING = {
  rawUploads: "ingest.retainFilesDays",
  flowEvidence: "retention.flowEvidenceDays",
  attachments: "retention.attachmentsDays",
  mailBodies: "retention.mailBodiesDays",
  auditLog: "retention.auditLogDays",
  resolvedIncidents: "retention.anonymiseResolvedDays",
} as const satisfies Record<RetentionKind, string>;

/** What each kind is, for staff. */
export const RETENTION_KIND_LABEL: Record<RetentionKind, string> = {
  rawUploads: "Raw uploads and drop-folder files",
  flowEvidence: "Flow evidence (log samples, flow lists, third-party logs, flow keys, rejected-line samples)",
  attachments: "Files from institutions",
  mailBodies: "Mail bodies (incoming text, raw bytes, analysts' messages)",
  auditLog: "Audit log entries",
  resolvedIncidents: "Resolved and closed incidents to anonymise",
};

export function retentionPolicy(settings: TSettings): RetentionPolicy {
  return Object.fromEntries(
    Object.entries(RETENTION_SETTING).map(([kind, key]) => [kind, settings[key]]),
  ) as RetentionPolicy;
}

const DAY_MS = 86_400_000;

export function retentionCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}
