import { generateKey } from "openpgp";
import type { AuditActor, AuditContext } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import type { TKeyFacts } from "./describe-key";
import { keyEncryptionKey, saveCsirtKey } from "./save-csirt-key";

/** A new Curve25519 signing key for the CSIRT (valid for `years`), replacing the current one. */
export async function generateCsirtKey(
  db: Db,
  {
    name,
    email,
    years = 2,
    actor,
    context,
    encryptionKey,
  }: { name: string; email: string; years?: number; actor: AuditActor; context?: AuditContext; encryptionKey?: Buffer },
): Promise<TKeyFacts> {
  keyEncryptionKey(encryptionKey); // refuse before the work when nothing could store the key
  const { privateKey } = await generateKey({
    type: "ecc",
    curve: "curve25519Legacy",
    userIDs: [{ name, email }],
    keyExpirationTime: years * 365 * 86_400,
    format: "object",
  });
  return saveCsirtKey(db, { privateKey, how: "generated", actor, context, encryptionKey });
}
