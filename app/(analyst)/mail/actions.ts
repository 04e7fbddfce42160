"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { staffAction } from "@/lib/http/action";
import { parseIncidentReference } from "@/lib/incidents/incident-reference";
import { attachUnmatchedMail } from "@/lib/mail/attach-unmatched-mail";
import { discardUnmatchedMail } from "@/lib/mail/discard-unmatched-mail";

const checkbox = z
  .union([z.literal("on"), z.literal("1")])
  .optional()
  .transform((value) => value !== undefined);

const ZAttachMailSchema = z.object({
  mailId: z.uuid(),
  reference: z.string().transform((value, context) => {
    const reference = parseIncidentReference(value);
    if (reference === null)
      context.addIssue({ code: "custom", message: "Give the incident's reference number, e.g. #1234." });
    return reference ?? z.NEVER;
  }),
  share: checkbox,
});

export const attachMailAction = staffAction(ZAttachMailSchema, async (input, { actor, context }) => {
  await attachUnmatchedMail(db, {
    mailId: input.mailId,
    reference: input.reference,
    share: input.share,
    actor,
    context,
  });
  revalidatePath("/mail");
  revalidatePath(`/incidents/${input.reference}`);
  return { ok: true, message: `Attached to incident #${input.reference}.` };
});

export const discardMailAction = staffAction(z.object({ mailId: z.uuid() }), async (input, { actor, context }) => {
  await discardUnmatchedMail(db, { mailId: input.mailId, actor, context });
  revalidatePath("/mail");
  return { ok: true, message: "Discarded. The message stays on record." };
});
