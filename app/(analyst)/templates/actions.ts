"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { type ActionState, staffAction, staffCall } from "@/lib/http/action";
import { ZIncidentReferenceSchema } from "@/lib/incidents/incident-reference";
import { previewTemplate, type PreviewResult, saveTemplate } from "@/lib/notify/manage-templates";

const ZTemplateFormSchema = z.object({
  templateId: z.uuid(),
  subject: z.string().max(500),
  textBody: z.string().max(100_000),
  htmlBody: z.string().max(200_000).optional().default(""),
});

export const saveTemplateAction = staffAction(ZTemplateFormSchema, async (input, { actor }): Promise<ActionState> => {
  await saveTemplate(db, { templateId: input.templateId, template: input, actor });
  revalidatePath("/templates");
  return { ok: true, message: "Saved. New messages use this version." };
});

const ZPreviewSchema = z.object({
  subject: z.string().max(500),
  textBody: z.string().max(100_000),
  htmlBody: z.string().max(200_000).optional(),
  incidentType: z.enum(["SSH_SCAN", "SSH_BRUTE_FORCE_REPORT", "OTHER"]),
  digest: z.boolean().optional(),
  reference: ZIncidentReferenceSchema.optional(),
});

/** The editor's live preview; a refusal or invalid draft is an answer it shows, not an error page. */
export const previewTemplateAction = staffCall(
  ZPreviewSchema,
  async (draft): Promise<PreviewResult> =>
    previewTemplate(db, {
      template: draft,
      incidentType: draft.incidentType,
      digest: draft.digest ?? false,
      reference: draft.reference ?? null,
    }),
  (problems): PreviewResult => ({ ok: false, problems }),
);
