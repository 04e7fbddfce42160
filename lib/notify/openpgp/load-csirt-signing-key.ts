import { type PrivateKey, readPrivateKey } from "openpgp";
import type { Db } from "@/lib/db/client";
import { openPrivateKey } from "./private-key-box";
import { keyEncryptionKey } from "./save-csirt-key";

/**
 * The CSIRT's signing key, or null when none is configured. A key that is stored but cannot be
 * opened throws: notices must not quietly go out unsigned because the environment changed.
 */
export async function loadCsirtSigningKey(
  db: Db,
  { encryptionKey }: { encryptionKey?: Buffer } = {},
): Promise<PrivateKey | null> {
  const row = await db.csirtPgpKey.findUnique({ where: { id: "csirt" } });
  if (!row) return null;
  return readPrivateKey({ armoredKey: openPrivateKey(row.privateKeyEncrypted, keyEncryptionKey(encryptionKey)) });
}
