import type Mail from "nodemailer/lib/mailer";
import { readKey } from "openpgp";
import type { Db } from "@/lib/db/client";
import type { Notification } from "@/lib/generated/prisma/client";
import { buildPgpMimeMessage } from "./build-pgp-mime-message";
import { loadCsirtSigningKey } from "./load-csirt-signing-key";

export type TSecuredNotice =
  | { mail: Mail.Options; protection: "none" | "signed" | "encrypted" | "signed and encrypted" }
  | { held: string };

/** Why a contact's key cannot encrypt now, or null when it can. */
export async function contactKeyProblem(
  contact: { pgpPublicKey: string | null } | null,
  now: Date,
): Promise<string | null> {
  if (!contact?.pgpPublicKey) return "the contact has no OpenPGP key";
  try {
    const key = await readKey({ armoredKey: contact.pgpPublicKey });
    const expiry = await key.getExpirationTime().catch(() => null);
    if (expiry instanceof Date && expiry <= now)
      return `the contact's OpenPGP key expired on ${expiry.toISOString().slice(0, 10)}`;
    await key.getEncryptionKey(undefined, now);
    return null;
  } catch (error) {
    return `the contact's OpenPGP key cannot encrypt (${(error as Error).message.replace(/^Error: /, "")})`;
  }
}

/**
 * The hook where a notice's message is built: signed with the CSIRT's key when one is set,
 * encrypted to the contact's key when it has a usable one. A contact whose key is missing or
 * expired still gets signed mail, unless the organisation requires encryption: then the notice
 * is held for an analyst, with the reason, and never goes out in the clear.
 */
export async function secureNotice(
  db: Db,
  notification: Pick<Notification, "contactId" | "toAddress" | "incidentId">,
  mail: Mail.Options,
  { now = new Date(), encryptionKey }: { now?: Date; encryptionKey?: Buffer } = {},
): Promise<TSecuredNotice> {
  const contact = notification.contactId
    ? await db.contact.findUnique({ where: { id: notification.contactId }, select: { pgpPublicKey: true } })
    : null;
  const { organisation } = await db.incident.findUniqueOrThrow({
    where: { id: notification.incidentId },
    select: { organisation: { select: { name: true, requireEncryption: true } } },
  });
  const problem = await contactKeyProblem(contact, now);
  if (problem && organisation.requireEncryption)
    return {
      held: `${organisation.name} requires encrypted mail and ${problem}: update the contact's key, then send it again.`,
    };
  const signingKey = await loadCsirtSigningKey(db, { encryptionKey });
  const encryptTo = problem || !contact?.pgpPublicKey ? null : await readKey({ armoredKey: contact.pgpPublicKey });
  if (!signingKey && !encryptTo) return { mail, protection: "none" };
  const raw = await buildPgpMimeMessage({ mail, signingKey, encryptTo });
  const from = String(mail.from ?? "");
  // The caller's envelope carries the message's own return path (VERP): a bounce of signed mail must find its notice too.
  const envelope = mail.envelope ?? { from: /<([^>]+)>/.exec(from)?.[1] ?? from, to: [notification.toAddress] };
  return {
    mail: { envelope, raw },
    protection: signingKey && encryptTo ? "signed and encrypted" : signingKey ? "signed" : "encrypted",
  };
}
