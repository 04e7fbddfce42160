import type { AnyJobDefinition } from "./define-job";
import { compactIncidentCountsJob } from "./definitions/compact-incident-counts";
import { deleteExpiredRunFilesJob } from "./definitions/delete-expired-run-files";
import { deliverNotificationsJob } from "./definitions/deliver-notifications";
import { pollMailJob } from "./definitions/poll-mail";
import { pruneRawMailJob } from "./definitions/prune-raw-mail";
import { processIngestRunJob } from "./definitions/process-ingest-run";
import { pruneRateLimitsJob } from "./definitions/prune-rate-limits";
import { queueRemindersJob } from "./definitions/queue-reminders";
import { recoverIngestRunsJob } from "./definitions/recover-ingest-runs";
import { warnSuppressionExpiryJob } from "./definitions/warn-suppression-expiry";
import { sendDigestsJob } from "./definitions/send-digests";
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
  deleteExpiredRunFilesJob,
  pollMailJob,
  pruneRawMailJob,
  warnSuppressionExpiryJob,
  runBulkStatusChangeJob,
];
