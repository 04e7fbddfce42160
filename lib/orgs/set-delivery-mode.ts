import { z } from "zod";
import { type AuditActor, type AuditContext, recordAudit } from "@/lib/audit/record-audit";
import type { Db, Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { describeDeliveryMode, nextDigestAt, parseTimeOfDay } from "@/lib/notify/digest-schedule";

/** The organisation page's delivery form fields (all text, as a form sends them). */
export const ZDeliveryModeFieldsSchema = z.object({
  deliveryMode: z.enum(["IMMEDIATE", "EVERY_N_HOURS", "DAILY"], "Choose how notices are delivered."),
  digestEveryHours: z.string().trim().max(10).optional().default(""),
  digestAt: z.string().trim().max(10).optional().default(""),
});

/** Checks the fields that the chosen mode needs (hours 1–24, or HH:MM) and turns them into the stored columns. */
export function toDeliveryMode<T extends z.output<typeof ZDeliveryModeFieldsSchema>>(
  input: T,
  context: z.RefinementCtx,
): Omit<T, "deliveryMode" | "digestEveryHours" | "digestAt"> & { mode: TDeliveryModeInput } {
  const { deliveryMode, digestEveryHours, digestAt, ...rest } = input;
  if (deliveryMode === "IMMEDIATE")
    return { ...rest, mode: { deliveryMode, digestEveryHours: null, digestAtMinute: null } };
  if (deliveryMode === "EVERY_N_HOURS") {
    const hours = Number(digestEveryHours);
    if (!/^\d{1,2}$/.test(digestEveryHours) || hours < 1 || hours > 24) {
      context.addIssue({
        code: "custom",
        path: ["digestEveryHours"],
        message: "Give a whole number of hours from 1 to 24.",
      });
      return z.NEVER;
    }
    return { ...rest, mode: { deliveryMode, digestEveryHours: hours, digestAtMinute: null } };
  }
  const minute = parseTimeOfDay(digestAt);
  if (minute === null) {
    context.addIssue({
      code: "custom",
      path: ["digestAt"],
      message: "Give a time of day as HH:MM on the 24-hour clock, e.g. 08:00.",
    });
    return z.NEVER;
  }
  return { ...rest, mode: { deliveryMode, digestEveryHours: null, digestAtMinute: minute } };
}

export const ZDeliveryModeInputSchema = ZDeliveryModeFieldsSchema.transform(
  (input, context) => toDeliveryMode(input, context).mode,
);

export interface TDeliveryModeInput {
  deliveryMode: "IMMEDIATE" | "EVERY_N_HOURS" | "DAILY";
  digestEveryHours: number | null;
  digestAtMinute: number | null;
}

/**
 * After an organisation's schedule (or time zone) changed: notices waiting for a digest get the
 * new due time; if it is now told at once, they go at once (those folded by the daily cap keep
 * waiting for the next day). Runs in the caller's transaction.
 */
export async function retimeWaitingNotices(tx: Tx, { organisationId, now }: { organisationId: string; now: Date }) {
  const organisation = await tx.organisation.findUniqueOrThrow({
    where: { id: organisationId },
    select: { deliveryMode: true, digestEveryHours: true, digestAtMinute: true, timeZone: true },
  });
  const waiting = { state: "DIGEST" as const, digestId: null, folded: false, incident: { organisationId } };
  const due = nextDigestAt(organisation, now);
  if (!due) {
    const { count } = await tx.notification.updateMany({
      where: waiting,
      data: { state: "QUEUED", digestDueAt: null, nextAttemptAt: now },
    });
    return count;
  }
  const { count } = await tx.notification.updateMany({ where: waiting, data: { digestDueAt: due } });
  return count;
}

/** Each notice at once, a digest every N hours (from local midnight), or a daily digest at a local time. */
export async function setDeliveryMode(
  db: Db,
  {
    organisationId,
    mode,
    actor,
    context,
    now = new Date(),
  }: { organisationId: string; mode: TDeliveryModeInput; actor: AuditActor; context?: AuditContext; now?: Date },
): Promise<{ changed: boolean; description: string; retimed: number }> {
  return db.$transaction(async (tx) => {
    const organisation = await tx.organisation.findUnique({
      where: { id: organisationId },
      select: { deliveryMode: true, digestEveryHours: true, digestAtMinute: true, timeZone: true },
    });
    if (!organisation) throw new AppError("NOT_FOUND", "No such organisation.");
    const description = describeDeliveryMode({ ...mode, timeZone: organisation.timeZone });
    if (
      organisation.deliveryMode === mode.deliveryMode &&
      organisation.digestEveryHours === mode.digestEveryHours &&
      organisation.digestAtMinute === mode.digestAtMinute
    )
      return { changed: false, description, retimed: 0 };
    await tx.organisation.update({ where: { id: organisationId }, data: mode });
    const retimed = await retimeWaitingNotices(tx, { organisationId, now });
    await recordAudit(tx, {
      actor,
      context,
      action: "organisation.delivery.update",
      organisationId,
      target: { type: "Organisation", id: organisationId },
      data: {
        from: describeDeliveryMode(organisation),
        to: description,
        retimed,
      },
    });
    return { changed: true, description, retimed };
  });
}
