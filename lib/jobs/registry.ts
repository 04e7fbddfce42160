import type { AnyJobDefinition } from "./define-job";
import { compactIncidentCountsJob } from "./definitions/compact-incident-counts";
import { runRetentionJob } from "./definitions/run-retention";
import { deliverNotificationsJob } from "./definitions/deliver-notifications";
import { pollMailJob } from "./definitions/poll-mail";
import { pruneRawMailJob } from "./definitions/prune-raw-mail";
import { processIngestRunJob } from "./definitions/process-ingest-run";
import { pruneRateLimitsJob } from "./definitions/prune-rate-limits";
import { queueRemindersJob } from "./definitions/queue-reminders";
import { recoverIngestRunsJob } from "./definitions/recover-ingest-runs";
import { warnSuppressionExpiryJob } from "./definitions/warn-suppression-expiry";
import { sendDigestsJob } from "./definitions/send-digests";
import { deliverWebhooksJob } from "./definitions/deliver-webhooks";
import { runBulkStatusChangeJob } from "./definitions/run-bulk-status-change";

/** Every job the worker runs. Add a definition here and the worker picks it up. */
export const JOB_DEFINITIONS: AnyJobDefinition[] = [
  processIngestRunJob,
  recoverIngestRunsJob,
  deliverNotificationsJob,
  queueRemindersJob,
  sendDigestsJob,
  pruneRateLimitsJob,
  compactIncidentCountsJob,
  runRetentionJob,
  pollMailJob,
  pruneRawMailJob,
  warnSuppressionExpiryJob,
  deliverWebhooksJob,
  runBulkStatusChangeJob,
];

/** Scheduled jobs that no longer exist: the worker removes their schedules (an older install still has them). */
export const RETIRED_SCHEDULES = [
  // Replaced by maintenance.retention, which deletes stored files among the rest.
  "maintenance.delete-expired-run-files",
];
