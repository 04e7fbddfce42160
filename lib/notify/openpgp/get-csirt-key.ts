import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";

/** What the settings page shows of the CSIRT's key (never the private part). */
export async function getCsirtKey(db: Db) {
  const row = await db.csirtPgpKey.findUnique({
    where: { id: "csirt" },
    select: { fingerprint: true, userIds: true, publicKeyArmored: true, expiresAt: true, updatedAt: true },
  });
  return { key: row, canStore: Boolean(env().PGP_KEY_ENCRYPTION_KEY) };
}
