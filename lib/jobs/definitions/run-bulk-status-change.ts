import { z } from "zod";
import { db } from "@/lib/db/client";
import { runBulkStatusChange } from "@/lib/incidents/bulk-status-change";
import { defineJob } from "../define-job";
import { enqueue } from "../queue";
import { deliverNotificationsJob } from "./deliver-notifications";

/**
 * One bulk status change from the queue (lib/incidents/bulk-status-change.ts). Idempotent: a
 * retry continues with the incidents still pending. Notices the changes queued go out at once.
 */
export const runBulkStatusChangeJob = defineJob({
  name: "incidents.bulk-status",
  schema: z.object({ changeId: z.uuid() }),
  // Ten thousand incidents take minutes: a heartbeat tells a dead worker from a busy one.
  queue: { retryLimit: 5, retryDelay: 5, retryBackoff: true, heartbeatSeconds: 30, expireInSeconds: 6 * 3600 },
  async handler({ changeId }) {
    await runBulkStatusChange(db, changeId);
    await enqueue(deliverNotificationsJob, {});
  },
});
