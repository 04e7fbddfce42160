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

/** Row checkboxes are named `select:<incident id>` (the action wrapper reads one value per name). */
const SELECT_PREFIX = "select:";

const ZBulkIncidentActionSchema = z
  .looseObject({
    op: z.enum(["assign", "status", "notify"], { error: "Choose what to do with the selected incidents." }),
    assigneeId: z.string().optional(),
    to: z.string().optional(),
    reason: z.string().trim().max(MAX_REASON_LENGTH).optional(),
  })
  .transform((input, context) => {
    const incidentIds = Object.keys(input)
      .filter((key) => key.startsWith(SELECT_PREFIX))
      .map((key) => key.slice(SELECT_PREFIX.length));
    if (incidentIds.length === 0)
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
    return { incidentIds, operation };
  });

export const bulkIncidentAction = staffAction(
  ZBulkIncidentActionSchema,
  async (input, { actor, context }): Promise<ActionState<BulkOutcome>> => {
    const outcome = await applyBulkIncidentAction(db, { ...input, actor, context });
    // Shown status changes queued notices (lib/incidents/transition-incident.ts): send them now, not at the next minute.
    if (input.operation.kind !== "assign") await enqueue(deliverNotificationsJob, {});
    revalidatePath("/incidents");
    return { ok: true, message: outcome.summary, data: outcome };
  },
);
