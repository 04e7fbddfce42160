"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { type ActionState, staffAction } from "@/lib/http/action";
import { addAddressBlock } from "@/lib/orgs/add-address-block";
import { addAllowListEntry } from "@/lib/orgs/add-allow-list-entry";
import { addContact } from "@/lib/orgs/add-contact";
import { addOrganisationMember } from "@/lib/orgs/add-organisation-member";
import { approveAllowListEntry } from "@/lib/orgs/approve-allow-list-entry";
import { type BlockOverlap, describeOverlap } from "@/lib/orgs/block-overlap-query";
import { SLUG_PATTERN } from "@/lib/orgs/organisation-import";
import {
  ZAddressBlockInputSchema,
  ZAllowListInputSchema,
  ZContactInputSchema,
  ZNoticeFormatsInputSchema,
  ZNotificationPolicyInputSchema,
  ZTimeZoneInputSchema,
  ZLanguageInputSchema,
} from "@/lib/orgs/org-inputs";
import { removeAddressBlock } from "@/lib/orgs/remove-address-block";
import { removeAllowListEntry } from "@/lib/orgs/remove-allow-list-entry";
import { removeOrganisationMember } from "@/lib/orgs/remove-organisation-member";
import { setContactActive } from "@/lib/orgs/set-contact-active";
import { setDeliveryMode, toDeliveryMode, ZDeliveryModeFieldsSchema } from "@/lib/orgs/set-delivery-mode";
import { setContactPublicKey } from "@/lib/orgs/set-contact-public-key";
import { setNoticeFormats } from "@/lib/orgs/set-notice-formats";
import { setNotificationPolicy } from "@/lib/orgs/set-notification-policy";
import { setOrganisationTimeZone } from "@/lib/orgs/set-organisation-time-zone";
import { setOrganisationLanguage } from "@/lib/orgs/set-organisation-language";
import { languageName } from "@/lib/i18n/languages";
import { updateContact } from "@/lib/orgs/update-contact";

/** Every form on the organisation page names its organisation; the slug is only for revalidating the page. */
const ZOrgRefSchema = z.object({
  organisationId: z.uuid("Unknown organisation."),
  slug: z.string().regex(SLUG_PATTERN),
});
const id = (what: string) => z.uuid(`Unknown ${what}.`);

function refresh(slug: string): void {
  revalidatePath(`/organisations/${slug}`);
  revalidatePath("/organisations");
}

export interface AddBlockOutcome {
  network: string;
  normalisedFrom: string | null;
  needsConfirmation: boolean;
  overlaps: BlockOverlap[];
}

export const addBlockAction = staffAction(
  ZOrgRefSchema.extend(ZAddressBlockInputSchema.shape),
  async (input, { actor, context }): Promise<ActionState<AddBlockOutcome>> => {
    const result = await addAddressBlock(db, { ...input, actor, context });
    const data = {
      network: result.network,
      normalisedFrom: result.normalisedFrom,
      needsConfirmation: result.status === "needs-confirmation",
      overlaps: result.overlaps,
    };
    if (result.status === "needs-confirmation") return { data };
    refresh(input.slug);
    const note = result.normalisedFrom
      ? ` (${result.normalisedFrom} has host bits set; stored as the network ${result.network})`
      : "";
    const overlap = result.overlaps.length ? ` It ${result.overlaps.map(describeOverlap).join("; ")}.` : "";
    return { ok: true, message: `Added ${result.network}${note}.${overlap}`, data };
  },
);

export const removeBlockAction = staffAction(
  ZOrgRefSchema.extend({ blockId: id("block") }),
  async ({ organisationId, slug, blockId }, { actor, context }) => {
    const { network } = await removeAddressBlock(db, { organisationId, blockId, actor, context });
    refresh(slug);
    return { ok: true, message: `Removed ${network}.` };
  },
);

export const addContactAction = staffAction(
  ZOrgRefSchema.extend(ZContactInputSchema.shape),
  async ({ organisationId, slug, ...contact }, { actor, context }) => {
    await addContact(db, { organisationId, contact, actor, context });
    refresh(slug);
    return { ok: true, message: `Added ${contact.email}.` };
  },
);

export const updateContactAction = staffAction(
  ZOrgRefSchema.extend({ contactId: id("contact"), ...ZContactInputSchema.shape }),
  async ({ organisationId, slug, contactId, ...contact }, { actor, context }) => {
    await updateContact(db, { organisationId, contactId, contact, actor, context });
    refresh(slug);
    return { ok: true, message: `Saved ${contact.email}.` };
  },
);

export const setContactActiveAction = staffAction(
  ZOrgRefSchema.extend({
    contactId: id("contact"),
    active: z.enum(["true", "false"]).transform((value) => value === "true"),
  }),
  async ({ organisationId, slug, contactId, active }, { actor, context }) => {
    const { email } = await setContactActive(db, { organisationId, contactId, active, actor, context });
    refresh(slug);
    return { ok: true, message: `${email} ${active ? "reactivated" : "deactivated"}.` };
  },
);

export const addMemberAction = staffAction(
  ZOrgRefSchema.extend({
    email: z
      .string()
      .trim()
      .min(1, "Give the user's e-mail address.")
      .pipe(z.email("That is not a valid e-mail address.")),
  }),
  async ({ organisationId, slug, email }, { actor, context }) => {
    await addOrganisationMember(db, { organisationId, email, actor, context });
    refresh(slug);
    return { ok: true, message: `${email.toLowerCase()} is now a member.` };
  },
);

export const removeMemberAction = staffAction(
  ZOrgRefSchema.extend({ userId: id("user") }),
  async ({ organisationId, slug, userId }, { actor, context }) => {
    const { email } = await removeOrganisationMember(db, { organisationId, userId, actor, context });
    refresh(slug);
    return { ok: true, message: `${email} is no longer a member.` };
  },
);

export const addAllowListAction = staffAction(
  ZOrgRefSchema.extend(ZAllowListInputSchema.shape),
  async ({ organisationId, slug, network, reason, expiresOn }, { actor, context }) => {
    const entry = await addAllowListEntry(db, {
      organisationId,
      network,
      reason,
      expiresAt: expiresOn,
      actor,
      context,
    });
    refresh(slug);
    const note = entry.normalisedFrom ? ` (${entry.normalisedFrom} has host bits set; stored as ${entry.network})` : "";
    return {
      ok: true,
      message: `Added ${entry.network}${note}, pending approval: nothing is suppressed until it is approved.`,
    };
  },
);

export const approveAllowListAction = staffAction(
  ZOrgRefSchema.extend({ entryId: id("entry") }),
  async ({ organisationId, slug, entryId }, { actor, context }) => {
    const { network } = await approveAllowListEntry(db, { organisationId, entryId, actor, context });
    refresh(slug);
    return { ok: true, message: `Approved ${network}.` };
  },
);

export const removeAllowListAction = staffAction(
  ZOrgRefSchema.extend({ entryId: id("entry") }),
  async ({ organisationId, slug, entryId }, { actor, context }) => {
    const { network } = await removeAllowListEntry(db, { organisationId, entryId, actor, context });
    refresh(slug);
    return { ok: true, message: `Removed the suppression of ${network}.` };
  },
);

export const setPolicyAction = staffAction(
  ZOrgRefSchema.extend({ policy: ZNotificationPolicyInputSchema }),
  async ({ organisationId, slug, policy }, { actor, context }) => {
    const { changed } = await setNotificationPolicy(db, { organisationId, policy, actor, context });
    refresh(slug);
    return { ok: true, message: changed ? "Notification policy saved." : "The policy was already set that way." };
  },
);

export const setTimeZoneAction = staffAction(
  ZOrgRefSchema.extend({ timeZone: ZTimeZoneInputSchema }),
  async ({ organisationId, slug, timeZone }, { actor, context }) => {
    const { changed } = await setOrganisationTimeZone(db, { organisationId, timeZone, actor, context });
    refresh(slug);
    return {
      ok: true,
      message: changed
        ? `Times for this organisation now read in ${timeZone}.`
        : "The time zone was already set that way.",
    };
  },
);

export const setLanguageAction = staffAction(
  ZOrgRefSchema.extend({ language: ZLanguageInputSchema }),
  async ({ organisationId, slug, language }, { actor, context }) => {
    const { changed } = await setOrganisationLanguage(db, { organisationId, language, actor, context });
    refresh(slug);
    return {
      ok: true,
      message: changed
        ? `Notices to this organisation are now written in ${languageName(language)}.`
        : "The language was already set that way.",
    };
  },
);

export const setDeliveryModeAction = staffAction(
  ZOrgRefSchema.extend(ZDeliveryModeFieldsSchema.shape).transform(toDeliveryMode),
  async ({ organisationId, slug, mode }, { actor, context }) => {
    const { changed, description, retimed } = await setDeliveryMode(db, { organisationId, mode, actor, context });
    refresh(slug);
    if (!changed) return { ok: true, message: "Delivery was already set that way." };
    return {
      ok: true,
      message: `Saved: ${description.charAt(0).toLowerCase()}${description.slice(1)}.${retimed ? ` ${retimed} waiting notice${retimed === 1 ? "" : "s"} rescheduled.` : ""}`,
    };
  },
);

export const setNoticeFormatsAction = staffAction(
  ZOrgRefSchema.extend(ZNoticeFormatsInputSchema.shape),
  async ({ organisationId, slug, ...formats }, { actor, context }) => {
    const { changed } = await setNoticeFormats(db, { organisationId, formats, actor, context });
    refresh(slug);
    return { ok: true, message: changed ? "Notice formats saved." : "Nothing changed." };
  },
);

/** Sets a contact's OpenPGP public key (checked: refused with the reason), or removes it with the "remove" button. */
export const setContactKeyAction = staffAction(
  ZOrgRefSchema.extend({
    contactId: id("contact"),
    armoredKey: z
      .string()
      .max(64 * 1024, "That is too long for an OpenPGP public key.")
      .default(""),
    intent: z.enum(["save", "remove"]).default("save"),
  }),
  async ({ organisationId, slug, contactId, armoredKey, intent }, { actor, context }) => {
    const key = await setContactPublicKey(db, {
      organisationId,
      contactId,
      armoredKey: intent === "remove" ? null : armoredKey,
      actor,
      context,
    });
    refresh(slug);
    if (!key.fingerprint) return { ok: true, message: "Key removed: mail to this contact is no longer encrypted." };
    const expiry = key.expiresAt ? `, valid until ${key.expiresAt.toISOString().slice(0, 10)}` : "";
    return { ok: true, message: `Saved key ${key.fingerprint}${expiry}: mail to this contact is encrypted.` };
  },
);
