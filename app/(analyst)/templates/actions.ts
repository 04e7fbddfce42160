"use server";

import { revalidatePath } from "next/cache";
import { isAppError } from "@/lib/errors";
import { ZIncidentReferenceSchema } from "@/lib/incidents/incident-reference";
import { z } from "zod";
import { requireStaff } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { type ActionState, validatedAction } from "@/lib/http/action";
import { previewTemplate, type PreviewResult, saveTemplate } from "@/lib/notify/manage-templates";

const ZTemplateFormSchema = z.object({
  templateId: z.uuid(),
  subject: z.string().max(500),
  textBody: z.string().max(100_000),
  htmlBody: z.string().max(200_000).optional().default(""),
});

export const saveTemplateAction = validatedAction(ZTemplateFormSchema, async (input, user): Promise<ActionState> => {
  await requireStaff();
  await saveTemplate(db, { templateId: input.templateId, template: input, actor: { id: user.id, label: user.email } });
  revalidatePath("/templates");
  return { ok: true, message: "Saved. New messages use this version." };
});

const ZPreviewSchema = z.object({
  subject: z.string().max(500),
  textBody: z.string().max(100_000),
  htmlBody: z.string().max(200_000).optional(),
  incidentType: z.enum(["SSH_SCAN", "SSH_BRUTE_FORCE_REPORT", "OTHER"]),
  reference: ZIncidentReferenceSchema.optional(),
});

export async function previewTemplateAction(input: z.input<typeof ZPreviewSchema>): Promise<PreviewResult> {
  try {
    await requireStaff();
  } catch (error) {
    // A refusal is an answer the editor shows, not an error page.
    if (isAppError(error)) return { ok: false, problems: [error.message] };
    throw error;
  }
  const parsed = ZPreviewSchema.safeParse(input);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((issue) => issue.message) };
  return previewTemplate(db, { template: parsed.data, incidentType: parsed.data.incidentType, reference: parsed.data.reference ?? null });
}
