import { type AuditActor, type AuditContext, recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { readContactPublicKey } from "@/lib/notify/openpgp/read-contact-public-key";

/**
 * Sets (or, with null, removes) the OpenPGP public key mail to a contact is encrypted to. The key
 * is checked first: a malformed, private, revoked or expired key is refused with the reason.
 */
export async function setContactPublicKey(
  db: Db,
  {
    organisationId,
    contactId,
    armoredKey,
    actor,
    context,
    now = new Date(),
  }: {
    organisationId: string;
    contactId: string;
    armoredKey: string | null;
    actor: AuditActor;
    context?: AuditContext;
    now?: Date;
  },
): Promise<{ fingerprint: string | null; expiresAt: Date | null }> {
  const key = armoredKey === null ? null : await readContactPublicKey(armoredKey, { now });
  return db.$transaction(async (tx) => {
    const contact = await tx.contact.findFirst({
      where: { id: contactId, organisationId },
      select: { id: true, pgpFingerprint: true },
    });
    if (!contact) throw new AppError("NOT_FOUND", "That contact is not listed for this organisation.");
    await tx.contact.update({
      where: { id: contact.id },
      data: {
        pgpPublicKey: key?.armored ?? null,
        pgpFingerprint: key?.fingerprint ?? null,
        pgpKeyExpiresAt: key?.expiresAt ?? null,
      },
    });
    await recordAudit(tx, {
      actor,
      context,
      action: key ? "organisation.contact.pgp-key.set" : "organisation.contact.pgp-key.remove",
      organisationId,
      target: { type: "Contact", id: contact.id },
      data: { before: contact.pgpFingerprint, after: key?.fingerprint ?? null },
    });
    return { fingerprint: key?.fingerprint ?? null, expiresAt: key?.expiresAt ?? null };
  });
}
