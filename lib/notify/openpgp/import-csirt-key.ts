import { decryptKey, readPrivateKey } from "openpgp";
import type { AuditActor, AuditContext } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { TKeyFacts } from "./describe-key";
import { saveCsirtKey } from "./save-csirt-key";

/** Takes an armored private key (and its passphrase, if it has one) as the CSIRT's signing key. */
export async function importCsirtKey(
  db: Db,
  {
    armoredPrivateKey,
    passphrase,
    actor,
    context,
    encryptionKey,
  }: {
    armoredPrivateKey: string;
    passphrase?: string;
    actor: AuditActor;
    context?: AuditContext;
    encryptionKey?: Buffer;
  },
): Promise<TKeyFacts> {
  const text = armoredPrivateKey.trim();
  if (!text.startsWith("-----BEGIN PGP PRIVATE KEY BLOCK-----"))
    throw new AppError("INVALID_INPUT", 'Paste an armored private key ("-----BEGIN PGP PRIVATE KEY BLOCK-----").');
  let key: Awaited<ReturnType<typeof readPrivateKey>>;
  try {
    key = await readPrivateKey({ armoredKey: text });
  } catch (error) {
    throw new AppError(
      "INVALID_INPUT",
      `This private key could not be read: ${(error as Error).message.replace(/^Error: /, "")}.`,
    );
  }
  if (!key.isDecrypted()) {
    if (!passphrase)
      throw new AppError("INVALID_INPUT", "This private key is protected by a passphrase: enter it too.");
    try {
      key = await decryptKey({ privateKey: key, passphrase });
    } catch {
      throw new AppError("INVALID_INPUT", "The passphrase does not open this private key.");
    }
  }
  return saveCsirtKey(db, { privateKey: key, how: "imported", actor, context, encryptionKey });
}
