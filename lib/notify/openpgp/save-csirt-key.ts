import type { PrivateKey } from "openpgp";
import { type AuditActor, type AuditContext, recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { describeKey, type TKeyFacts } from "./describe-key";
import { sealPrivateKey } from "./private-key-box";

/** The key that seals the CSIRT's private key, or a refusal that says how to set it. */
export function keyEncryptionKey(key: Buffer | undefined = env().PGP_KEY_ENCRYPTION_KEY): Buffer {
  if (!key)
    throw new AppError(
      "CONFLICT",
      "Set PGP_KEY_ENCRYPTION_KEY (openssl rand -base64 32) in the environment and restart before storing a signing key.",
    );
  return key;
}

/** Replaces the CSIRT's signing key with a decrypted private key that can sign now. */
export async function saveCsirtKey(
  db: Db,
  {
    privateKey,
    how,
    actor,
    context,
    encryptionKey,
  }: {
    privateKey: PrivateKey;
    how: "generated" | "imported";
    actor: AuditActor;
    context?: AuditContext;
    encryptionKey?: Buffer;
  },
): Promise<TKeyFacts> {
  const sealingKey = keyEncryptionKey(encryptionKey);
  try {
    await privateKey.getSigningKey();
  } catch (error) {
    throw new AppError("INVALID_INPUT", `This key cannot sign: ${(error as Error).message.replace(/^Error: /, "")}.`);
  }
  const facts = await describeKey(privateKey);
  const row = {
    fingerprint: facts.fingerprint,
    userIds: facts.userIds.join("\n"),
    publicKeyArmored: privateKey.toPublic().armor(),
    privateKeyEncrypted: sealPrivateKey(privateKey.armor(), sealingKey),
    expiresAt: facts.expiresAt,
  };
  await db.$transaction(async (tx) => {
    await tx.csirtPgpKey.upsert({ where: { id: "csirt" }, create: { id: "csirt", ...row }, update: row });
    await recordAudit(tx, {
      actor,
      context,
      action: `settings.pgp-key.${how}`,
      target: { type: "CsirtPgpKey", id: "csirt" },
      data: { fingerprint: facts.fingerprint },
    });
  });
  return facts;
}
