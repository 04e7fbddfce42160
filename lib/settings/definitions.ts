import { z } from "zod";
import { DEFAULT_LANGUAGE, ZLanguageSchema } from "@/lib/i18n/languages";
import type { Tlp } from "@/lib/generated/prisma/enums";
import { parseTlp, ZTlpSchema } from "@/lib/tlp/tlp";

/** A TLP 2.0 label as typed ("AMBER+STRICT", "tlp:green") or stored ("AMBER_STRICT"). */
const tlpSetting = z.preprocess(
  (value) => (typeof value === "string" ? (parseTlp(value) ?? value) : value),
  ZTlpSchema,
);
const TLP_CHOICES = "CLEAR, GREEN, AMBER, AMBER+STRICT or RED";

/** The audit log is never kept for less than a year, whatever the setting says (its schema refuses less). */
export const AUDIT_LOG_FLOOR_DAYS = 365;

/** Every setting the product reads, with its schema and default. Stored as JSON in `Setting`. */
export const SETTINGS = {
  "auth.analystsNeedSecondFactor": {
    schema: z.number().int().min(0).max(1),
    default: 0,
    label: "Analysts must use a second factor to sign in (1 = yes, 0 = no; admins always must)",
  },
  "detection.ports": {
    schema: z.array(z.number().int().min(1).max(65535)).min(1),
    default: [22],
    label: "Ports watched for SSH scanning",
  },
  "detection.minDistinctTargets": {
    schema: z.number().int().min(2).max(1_000_000),
    default: 100,
    label: "Distinct destinations that make a scanner (N)",
  },
  "detection.windowMinutes": {
    schema: z.number().int().min(1).max(1440),
    default: 10,
    label: "Sliding window in minutes (W)",
  },
  "detection.bruteForceMinSessions": {
    schema: z.number().int().min(2).max(100_000),
    default: 20,
    label: "Long sessions to one server that make brute force",
  },
  "detection.repeatToleranceSeconds": {
    schema: z.number().int().min(1).max(60),
    default: 1,
    label: "Same tuple started within this many seconds is one flow delivered twice",
  },
  "detection.lateToleranceMinutes": {
    schema: z.number().int().min(0).max(1440),
    default: 10,
    label: "A stream's file this late (minutes) still joins its windows",
  },
  "ingest.maxFlowAgeDays": {
    schema: z.number().int().min(1).max(3650),
    default: 30,
    label: "Reject flows older than this many days at ingest",
  },
  "ingest.maxFlowFutureMinutes": {
    schema: z.number().int().min(0).max(1440),
    default: 15,
    label: "Reject flows dated more than this many minutes ahead",
  },
  "ingest.retainFilesDays": {
    schema: z.number().int().min(1).max(3650),
    default: 30,
    label: "Raw uploads and drop-folder files: delete this many days after their run finished (retention)",
  },
  "ingest.maxDecompressedMiB": {
    schema: z
      .number()
      .int()
      .min(1)
      .max(1024 * 1024),
    default: 2048,
    label: "Largest size a gzip flow file may expand to (MiB)",
  },
  "incident.sampleSize": {
    schema: z.number().int().min(1).max(1000),
    default: 10,
    label: "Flow lines at each end of the log sample (K)",
  },
  "incident.evidenceCap": {
    schema: z.number().int().min(100).max(1_000_000),
    default: 5_000,
    label: "Most flows kept as evidence per incident",
  },
  "notify.reminderAfterHours": {
    schema: z
      .number()
      .int()
      .min(1)
      .max(24 * 30),
    default: 72,
    label: "Remind when not acknowledged after (hours)",
  },
  "notify.responseLinkDays": {
    schema: z.number().int().min(1).max(90),
    default: 14,
    label: "Response links expire after (days)",
  },
  "notify.defaultLanguage": {
    schema: ZLanguageSchema,
    default: DEFAULT_LANGUAGE as string,
    label: "Language used when a template is missing in an organisation's language (en, de)",
  },
  "notify.dailyCapPerOrganisation": {
    schema: z.number().int().min(0).max(100_000),
    default: 0,
    label: "Incidents told at once per organisation per day; the rest wait for the next digest (0 = no cap)",
  },
  "notify.digestZipAboveKiB": {
    schema: z
      .number()
      .int()
      .min(1)
      .max(1024 * 1024),
    default: 512,
    label: "Zip a digest's flows file when it is larger than (KiB)",
  },
  "notify.digestBypassDistinctTargets": {
    schema: z.number().int().min(0).max(100_000_000),
    default: 5_000,
    label: "An incident with more distinct destinations than this goes out at once, even to digest takers (0 = never)",
  },
  "notify.digestBypassRelapse": {
    schema: z.number().int().min(0).max(1),
    default: 1,
    label: "A relapse (an incident that started again) goes out at once, even to digest takers (1 = yes, 0 = no)",
  },
  "mail.maxMessageMiB": {
    schema: z.number().int().min(1).max(100),
    default: 25,
    label: "Largest incoming mail read (MiB); larger ones are kept in the failed folder",
  },
  "mail.rawRetentionDays": {
    schema: z.number().int().min(1).max(3650),
    default: 180,
    label: "Keep the raw bytes of incoming mail for (days)",
  },
  "mail.undeliverableAfterBounces": {
    schema: z.number().int().min(1).max(20),
    default: 2,
    label: "Hard bounces that flag a contact undeliverable",
  },
  "api.requestsPerMinute": {
    schema: z.number().int().min(1).max(100_000),
    default: 600,
    label: "REST API requests per token per minute",
  },
  "upload.maxRequestMiB": {
    schema: z
      .number()
      .int()
      .min(1)
      .max(16 * 1024),
    default: 2048,
    label: "Largest flow file in one upload (MiB)",
  },
  "upload.callerMiBPerHour": {
    schema: z
      .number()
      .int()
      .min(1)
      .max(1024 * 1024),
    default: 4096,
    label: "Upload quota per analyst or API token, per hour (MiB)",
  },
  "upload.callerMiBPerDay": {
    schema: z
      .number()
      .int()
      .min(1)
      .max(1024 * 1024),
    default: 20480,
    label: "Upload quota per analyst or API token, per day (MiB)",
  },
  "suppression.maxDays": {
    schema: z.number().int().min(1).max(3650),
    default: 365,
    label: "Longest suppression an institution may ask for (days)",
  },
  "suppression.expiryWarningDays": {
    schema: z.number().int().min(1).max(60),
    default: 7,
    label: "Tell the organisation this many days before a suppression ends",
  },
  "retention.flowEvidenceDays": {
    schema: z.number().int().min(30).max(3650),
    default: 365,
    label:
      "Flow evidence (log samples, flow lists, third-party logs, flow keys) of resolved incidents: delete after (days)",
  },
  "retention.attachmentsDays": {
    schema: z.number().int().min(30).max(3650),
    default: 365,
    label: "Files institutions sent (portal and mail attachments) on resolved incidents: delete after (days)",
  },
  "retention.mailBodiesDays": {
    schema: z.number().int().min(30).max(3650),
    default: 365,
    label: "Text of incoming and outgoing mail (replies, analysts' messages): remove after (days)",
  },
  "retention.auditLogDays": {
    schema: z
      .number()
      .int()
      .min(AUDIT_LOG_FLOOR_DAYS, `The audit log is kept at least ${AUDIT_LOG_FLOOR_DAYS} days.`)
      .max(3650),
    default: 1825,
    label: `Audit log entries: delete after (days; at least ${AUDIT_LOG_FLOOR_DAYS})`,
  },
  "retention.anonymiseResolvedDays": {
    schema: z.number().int().min(90).max(3650),
    default: 1095,
    label: "Resolved and closed incidents: anonymise after (days; figures stay, personal data and evidence go)",
  },
  "tlp.defaultSshScan": {
    schema: tlpSetting,
    default: "AMBER" as Tlp,
    label: `TLP of new SSH scanning incidents (${TLP_CHOICES})`,
  },
  "tlp.defaultThirdPartyReport": {
    schema: tlpSetting,
    default: "AMBER" as Tlp,
    label: `TLP of new incidents from third-party reports (${TLP_CHOICES})`,
  },
  "tlp.defaultOther": {
    schema: tlpSetting,
    default: "AMBER" as Tlp,
    label: `TLP of other new incidents (${TLP_CHOICES})`,
  },
  "webhooks.allowedHosts": {
    schema: z
      .array(
        z
          .string()
          .max(253)
          .regex(
            /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$|^\[?[0-9a-f:.]+\]?$/i,
            "a host name, *.domain or an IP address",
          ),
      )
      .max(100),
    default: [] as string[],
    label: "Hosts webhooks may be sent to (host names, *.domain for its subdomains, or IP addresses; empty = none)",
    textList: true,
  },
  "webhooks.allowLoopback": {
    schema: z.number().int().min(0).max(1),
    default: 0,
    label: "Webhooks may go to loopback addresses (1 = yes, 0 = no; for tests and local receivers only)",
  },
  "webhooks.maxAttempts": {
    schema: z.number().int().min(1).max(20),
    default: 5,
    label: "Attempts to deliver one webhook before it is marked failed",
  },
  "webhooks.timeoutSeconds": {
    schema: z.number().int().min(1).max(60),
    default: 10,
    label: "Seconds a webhook receiver has to answer",
  },
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = (typeof SETTINGS)[K]["default"] extends readonly number[]
  ? number[]
  : (typeof SETTINGS)[K]["default"] extends readonly string[]
    ? string[]
    : (typeof SETTINGS)[K]["default"];
