"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { IncidentStatus } from "@/lib/generated/prisma/enums";
import { type ActionState, staffAction } from "@/lib/http/action";
import { deliverNotificationsJob } from "@/lib/jobs/definitions/deliver-notifications";
import { enqueue } from "@/lib/jobs/queue";
import {
  applyBulkIncidentAction,
  type BulkOutcome,
  MAX_BULK_INCIDENTS,
  type TBulkOperation,
} from "@/lib/incidents/apply-bulk-incident-action";
import { MAX_REASON_LENGTH } from "@/lib/incidents/transition-incident";
import { createBulkStatusChange } from "@/lib/incidents/bulk-status-change";
import { resolveQueueQuery, searchParamsRecord } from "@/lib/incidents/export-incidents-csv";
import { STATUS_LABEL } from "@/lib/incidents/status-labels";
import { runBulkStatusChangeJob } from "@/lib/jobs/definitions/run-bulk-status-change";
import { countOf } from "@/lib/labels";

/** Row checkboxes are named `select:<incident id>` (the action wrapper reads one value per name). */
const SELECT_PREFIX = "select:";

const ZBulkIncidentActionSchema = z
  .looseObject({
    op: z.enum(["assign", "status", "notify"], { error: "Choose what to do with the selected incidents." }),
    assigneeId: z.string().optional(),
    to: z.string().optional(),
    reason: z.string().trim().max(MAX_REASON_LENGTH).optional(),
    /** "matching": every incident of the queue view in `filters` (its query string), not the ticked rows. */
    scope: z.enum(["page", "matching"]).default("page"),
    filters: z.string().max(2_000).default(""),
  })
  .transform((input, context) => {
    const matching = input.scope === "matching";
    const incidentIds = matching
      ? []
      : Object.keys(input)
          .filter((key) => key.startsWith(SELECT_PREFIX))
          .map((key) => key.slice(SELECT_PREFIX.length));
    if (matching && input.op !== "status")
      context.addIssue({
        code: "custom",
        path: ["form"],
        message:
          "Only a status change applies to every matching incident; tick incidents on this page to assign or notify.",
      });
    if (incidentIds.length === 0 && !matching)
      context.addIssue({ code: "custom", path: ["form"], message: "Select at least one incident." });
    if (incidentIds.length > MAX_BULK_INCIDENTS)
      context.addIssue({ code: "custom", path: ["form"], message: `Select at most ${MAX_BULK_INCIDENTS} incidents.` });
    if (!incidentIds.every((id) => z.uuid().safeParse(id).success))
      context.addIssue({ code: "custom", path: ["form"], message: "The selection is not valid." });
    let operation: TBulkOperation = { kind: "notify" };
    if (input.op === "assign") {
      // "none" unassigns; an empty choice is a slip, not a request to unassign.
      if (input.assigneeId !== "none" && !z.uuid().safeParse(input.assigneeId).success)
        context.addIssue({ code: "custom", path: ["assigneeId"], message: "Choose who to assign them to." });
      operation = { kind: "assign", assigneeId: input.assigneeId === "none" ? null : (input.assigneeId ?? null) };
    } else if (input.op === "status") {
      const to = z.enum(IncidentStatus).safeParse(input.to);
      if (!to.success) context.addIssue({ code: "custom", path: ["to"], message: "Choose the new status." });
      else operation = { kind: "status", to: to.data, reason: input.reason || undefined };
    }
    return { incidentIds, operation, matching, filters: input.filters };
  });

export const bulkIncidentAction = staffAction(
  ZBulkIncidentActionSchema,
  async (input, { actor, context }): Promise<ActionState<BulkOutcome>> => {
    if (input.matching && input.operation.kind === "status") {
      const query = await resolveQueueQuery(db, searchParamsRecord(new URLSearchParams(input.filters)));
      const { to, reason } = input.operation;
      const change = await createBulkStatusChange(db, {
        query,
        to,
        reason,
        actor,
        context,
        enqueue: (tx, changeId) => enqueue(runBulkStatusChangeJob, { changeId }, { tx }),
      });
      revalidatePath("/incidents");
      return {
        ok: true,
        message: `Changing ${countOf(change.total, "incident")} to ${STATUS_LABEL[to].toLowerCase()} in the background; progress is shown above the queue.`,
      };
    }
    const outcome = await applyBulkIncidentAction(db, { ...input, actor, context });
    // Shown status changes queued notices (lib/incidents/transition-incident.ts): send them now, not at the next minute.
    if (input.operation.kind !== "assign") await enqueue(deliverNotificationsJob, {});
    revalidatePath("/incidents");
    return { ok: true, message: outcome.summary, data: outcome };
  },
);
