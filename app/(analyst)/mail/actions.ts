"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { requestContext } from "@/lib/audit/record-audit";
import { isStaff } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { validatedAction } from "@/lib/http/action";
import { parseIncidentReference } from "@/lib/incidents/incident-reference";
import { attachUnmatchedMail } from "@/lib/mail/attach-unmatched-mail";
import { discardUnmatchedMail } from "@/lib/mail/discard-unmatched-mail";

const checkbox = z.union([z.literal("on"), z.literal("1")]).optional().transform((value) => value !== undefined);

const ZAttachMailSchema = z.object({
  mailId: z.uuid(),
  reference: z.string().transform((value, context) => {
    const reference = parseIncidentReference(value);
    if (reference === null) context.addIssue({ code: "custom", message: "Give the incident's reference number, e.g. #1234." });
    return reference ?? z.NEVER;
  }),
  share: checkbox,
});

export const attachMailAction = validatedAction(ZAttachMailSchema, async (input, user) => {
  if (!isStaff(user)) return { error: "Your account cannot do this." };
  await attachUnmatchedMail(db, { mailId: input.mailId, reference: input.reference, share: input.share, actor: { id: user.id, label: user.email }, context: requestContext(await headers()) });
  revalidatePath("/mail");
  revalidatePath(`/incidents/${input.reference}`);
  return { ok: true, message: `Attached to incident #${input.reference}.` };
});

export const discardMailAction = validatedAction(z.object({ mailId: z.uuid() }), async (input, user) => {
  if (!isStaff(user)) return { error: "Your account cannot do this." };
  await discardUnmatchedMail(db, { mailId: input.mailId, actor: { id: user.id, label: user.email }, context: requestContext(await headers()) });
  revalidatePath("/mail");
  return { ok: true, message: "Discarded. The message stays on record." };
});
