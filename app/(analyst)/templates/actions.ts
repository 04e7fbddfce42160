"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { NotificationPurpose } from "@/lib/generated/prisma/enums";
import { type ActionState, staffAction, staffCall } from "@/lib/http/action";
import { ZLanguageSchema } from "@/lib/i18n/languages";
import { ZIncidentReferenceSchema } from "@/lib/incidents/incident-reference";
import { addTemplateLanguage } from "@/lib/notify/add-template-language";
import { previewTemplate, type PreviewResult, saveTemplate } from "@/lib/notify/manage-templates";
import { getSettings } from "@/lib/settings/get-settings";

const ZIncidentTypeSchema = z.enum(["SSH_SCAN", "SSH_BRUTE_FORCE_REPORT", "OTHER"]);

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
  incidentType: ZIncidentTypeSchema,
  language: ZLanguageSchema.optional(),
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
      language: draft.language,
    }),
  (problems): PreviewResult => ({ ok: false, problems }),
);

const ZAddLanguageSchema = z.object({
  incidentType: ZIncidentTypeSchema,
  purpose: z.enum(NotificationPurpose).exclude(["MESSAGE"]),
  language: ZLanguageSchema,
});

/** Writes the missing language version of a notice (to translate) and opens it in the editor. */
export const addTemplateLanguageAction = staffAction(ZAddLanguageSchema, async (input, { actor }) => {
  const settings = await getSettings(db);
  const { id } = await addTemplateLanguage(db, {
    ...input,
    defaultLanguage: settings["notify.defaultLanguage"],
    actor,
  });
  revalidatePath("/templates");
  redirect(`/templates/${id}`);
});
