"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { type ActionState, institutionAction } from "@/lib/http/action";
import { requestContactChange, ZContactChangeSchema } from "@/lib/portal/contact-change-requests";
import {
  createOrganisationApiToken,
  revokeOrganisationApiToken,
  ZOrganisationTokenSchema,
} from "@/lib/portal/organisation-api-tokens";
import { readReference, readResolveForm, readRespondForm } from "@/lib/portal/portal-forms";
import { acknowledgeIncident, resolveIncidentByInstitution, respondToIncident } from "@/lib/portal/portal-incidents";
import { checkResponseAttachments } from "@/lib/portal/response-attachments";
import { setOwnNoticeLanguage } from "@/lib/portal/set-own-notice-language";
import { languageName, ZLanguageSchema } from "@/lib/i18n/languages";
import { z } from "zod";
import { requestSuppression } from "@/lib/suppressions/request-suppression";
import { ZSuppressionRequestSchema } from "@/lib/suppressions/suppression-inputs";

function done(message: string): ActionState {
  revalidatePath("/portal", "layout");
  return { ok: true, message };
}

export const acknowledgeAction = institutionAction(readReference, async (reference, { caller, context }) => {
  const { alreadyAcknowledged } = await acknowledgeIncident(db, { caller, reference, context });
  return done(alreadyAcknowledged ? "It was already acknowledged." : "Acknowledged. Thank you.");
});

export const respondAction = institutionAction(readRespondForm, async (input, { caller, context }) => {
  const attachments = await checkResponseAttachments(input.files);
  await respondToIncident(db, {
    caller,
    reference: input.reference,
    steps: input.steps,
    text: input.text,
    attachments,
    context,
  });
  return done("Your response is on the incident; the CSIRT sees it now.");
});

export const resolveAction = institutionAction(readResolveForm, async (input, { caller, context }) => {
  await resolveIncidentByInstitution(db, { caller, ...input, context });
  return done(
    input.allowListUntil ? "Resolved. The suppression waits for an analyst's approval." : "Resolved. Thank you.",
  );
});

function readContactChangeForm(form: FormData) {
  const parsed = ZContactChangeSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) throw new AppError("INVALID_INPUT", parsed.error.issues[0]?.message ?? "The form is not valid.");
  return { organisationId: String(form.get("organisationId") ?? ""), change: parsed.data };
}

export const requestContactChangeAction = institutionAction(
  readContactChangeForm,
  async ({ organisationId, change }, { user }) => {
    await requestContactChange(db, { user, organisationId, change });
    return done("Request sent. An analyst will review it.");
  },
);

const ZNoticeLanguageSchema = z.object({ organisationId: z.uuid("No such organisation."), language: ZLanguageSchema });

export const setNoticeLanguageAction = institutionAction(
  ZNoticeLanguageSchema,
  async ({ organisationId, language }, { user, context }) => {
    const { changed } = await setOwnNoticeLanguage(db, { user, organisationId, language, context });
    revalidatePath("/portal/contacts");
    return {
      ok: true,
      message: changed
        ? `Our notices to you are now written in ${languageName(language)}.`
        : "That language was already chosen.",
    };
  },
);

export const requestSuppressionAction = institutionAction(
  ZSuppressionRequestSchema,
  async ({ organisationId, network, reason, expiresOn }, { user, context }) => {
    const entry = await requestSuppression(db, {
      user,
      organisationId,
      network,
      reason,
      expiresAt: expiresOn,
      context,
    });
    const note = entry.normalisedFrom ? ` (${entry.normalisedFrom} has host bits set; asked for ${entry.network})` : "";
    return done(`Request sent${note}. Nothing is suppressed until an analyst approves it.`);
  },
);

function readTokenForm(form: FormData) {
  const parsed = ZOrganisationTokenSchema.safeParse({
    organisationId: form.get("organisationId"),
    name: form.get("name") ?? "",
    scopes: form.getAll("scopes"),
    days: form.get("days"),
  });
  if (!parsed.success) throw new AppError("INVALID_INPUT", parsed.error.issues[0]?.message ?? "The form is not valid.");
  return parsed.data;
}

/** The new token comes back once, in the action's state; only its hash is kept. */
export const createApiTokenAction = institutionAction(readTokenForm, async (input, { user, context }) => {
  const created = await createOrganisationApiToken(db, { user, input, context });
  revalidatePath("/portal/api-tokens");
  return { ok: true, message: `Token “${created.name}” created.`, data: { token: created.token } };
});

export const revokeApiTokenAction = institutionAction(
  (form) => {
    const tokenId = String(form.get("tokenId") ?? "");
    if (!/^[0-9a-f-]{36}$/i.test(tokenId)) throw new AppError("NOT_FOUND", "No such token.");
    return tokenId;
  },
  async (tokenId, { user, context }) => {
    await revokeOrganisationApiToken(db, { user, tokenId, context });
    return done("Token revoked. It stops working at once.");
  },
);
