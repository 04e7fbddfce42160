"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { requestContext } from "@/lib/audit/record-audit";
import { requireStaff } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { type ActionState, validatedAction } from "@/lib/http/action";
import { addAddressBlock } from "@/lib/orgs/add-address-block";
import { addAllowListEntry } from "@/lib/orgs/add-allow-list-entry";
import { addContact } from "@/lib/orgs/add-contact";
import { addOrganisationMember } from "@/lib/orgs/add-organisation-member";
import { approveAllowListEntry } from "@/lib/orgs/approve-allow-list-entry";
import { type BlockOverlap, describeOverlap } from "@/lib/orgs/block-overlap-query";
import { SLUG_PATTERN } from "@/lib/orgs/organisation-import";
import { ZAddressBlockInputSchema, ZAllowListInputSchema, ZContactInputSchema, ZNotificationPolicyInputSchema } from "@/lib/orgs/org-inputs";
import { removeAddressBlock } from "@/lib/orgs/remove-address-block";
import { removeAllowListEntry } from "@/lib/orgs/remove-allow-list-entry";
import { removeOrganisationMember } from "@/lib/orgs/remove-organisation-member";
import { setContactActive } from "@/lib/orgs/set-contact-active";
import { setNotificationPolicy } from "@/lib/orgs/set-notification-policy";
import { updateContact } from "@/lib/orgs/update-contact";

/** Every form on the organisation page names its organisation; the slug is only for revalidating the page. */
const ZOrgRefSchema = z.object({ organisationId: z.uuid("Unknown organisation."), slug: z.string().regex(SLUG_PATTERN) });
const id = (what: string) => z.uuid(`Unknown ${what}.`);

/** The role check every action here makes, and who and where it is for the audit log. */
async function staffAudit() {
  const staff = await requireStaff();
  return { actor: { id: staff.id, label: staff.email }, context: requestContext(await headers()) };
}

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

export const addBlockAction = validatedAction(ZOrgRefSchema.extend(ZAddressBlockInputSchema.shape), async (input): Promise<ActionState<AddBlockOutcome>> => {
  const audit = await staffAudit();
  const result = await addAddressBlock(db, { ...input, ...audit });
  const data = { network: result.network, normalisedFrom: result.normalisedFrom, needsConfirmation: result.status === "needs-confirmation", overlaps: result.overlaps };
  if (result.status === "needs-confirmation") return { data };
  refresh(input.slug);
  const note = result.normalisedFrom ? ` (${result.normalisedFrom} has host bits set; stored as the network ${result.network})` : "";
  const overlap = result.overlaps.length ? ` It ${result.overlaps.map(describeOverlap).join("; ")}.` : "";
  return { ok: true, message: `Added ${result.network}${note}.${overlap}`, data };
});

export const removeBlockAction = validatedAction(ZOrgRefSchema.extend({ blockId: id("block") }), async ({ organisationId, slug, blockId }) => {
  const audit = await staffAudit();
  const { network } = await removeAddressBlock(db, { organisationId, blockId, ...audit });
  refresh(slug);
  return { ok: true, message: `Removed ${network}.` };
});

export const addContactAction = validatedAction(ZOrgRefSchema.extend(ZContactInputSchema.shape), async ({ organisationId, slug, ...contact }) => {
  const audit = await staffAudit();
  await addContact(db, { organisationId, contact, ...audit });
  refresh(slug);
  return { ok: true, message: `Added ${contact.email}.` };
});

export const updateContactAction = validatedAction(ZOrgRefSchema.extend({ contactId: id("contact"), ...ZContactInputSchema.shape }), async ({ organisationId, slug, contactId, ...contact }) => {
  const audit = await staffAudit();
  await updateContact(db, { organisationId, contactId, contact, ...audit });
  refresh(slug);
  return { ok: true, message: `Saved ${contact.email}.` };
});

export const setContactActiveAction = validatedAction(
  ZOrgRefSchema.extend({ contactId: id("contact"), active: z.enum(["true", "false"]).transform((value) => value === "true") }),
  async ({ organisationId, slug, contactId, active }) => {
    const audit = await staffAudit();
    const { email } = await setContactActive(db, { organisationId, contactId, active, ...audit });
    refresh(slug);
    return { ok: true, message: `${email} ${active ? "reactivated" : "deactivated"}.` };
  },
);

export const addMemberAction = validatedAction(
  ZOrgRefSchema.extend({ email: z.string().trim().min(1, "Give the user's e-mail address.").pipe(z.email("That is not a valid e-mail address.")) }),
  async ({ organisationId, slug, email }) => {
    const audit = await staffAudit();
    await addOrganisationMember(db, { organisationId, email, ...audit });
    refresh(slug);
    return { ok: true, message: `${email.toLowerCase()} is now a member.` };
  },
);

export const removeMemberAction = validatedAction(ZOrgRefSchema.extend({ userId: id("user") }), async ({ organisationId, slug, userId }) => {
  const audit = await staffAudit();
  const { email } = await removeOrganisationMember(db, { organisationId, userId, ...audit });
  refresh(slug);
  return { ok: true, message: `${email} is no longer a member.` };
});

export const addAllowListAction = validatedAction(ZOrgRefSchema.extend(ZAllowListInputSchema.shape), async ({ organisationId, slug, network, reason, expiresOn }) => {
  const audit = await staffAudit();
  const entry = await addAllowListEntry(db, { organisationId, network, reason, expiresAt: expiresOn, ...audit });
  refresh(slug);
  const note = entry.normalisedFrom ? ` (${entry.normalisedFrom} has host bits set; stored as ${entry.network})` : "";
  return { ok: true, message: `Added ${entry.network}${note}, pending approval: the detector ignores it until it is approved.` };
});

export const approveAllowListAction = validatedAction(ZOrgRefSchema.extend({ entryId: id("entry") }), async ({ organisationId, slug, entryId }) => {
  const audit = await staffAudit();
  const { network } = await approveAllowListEntry(db, { organisationId, entryId, ...audit });
  refresh(slug);
  return { ok: true, message: `Approved ${network}.` };
});

export const removeAllowListAction = validatedAction(ZOrgRefSchema.extend({ entryId: id("entry") }), async ({ organisationId, slug, entryId }) => {
  const audit = await staffAudit();
  const { network } = await removeAllowListEntry(db, { organisationId, entryId, ...audit });
  refresh(slug);
  return { ok: true, message: `Removed ${network} from the allow-list.` };
});

export const setPolicyAction = validatedAction(ZOrgRefSchema.extend({ policy: ZNotificationPolicyInputSchema }), async ({ organisationId, slug, policy }) => {
  const audit = await staffAudit();
  const { changed } = await setNotificationPolicy(db, { organisationId, policy, ...audit });
  refresh(slug);
  return { ok: true, message: changed ? "Notification policy saved." : "The policy was already set that way." };
});
