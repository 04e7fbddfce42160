import type { Key } from "openpgp";

export interface TKeyFacts {
  fingerprint: string;
  userIds: string[];
  /** null: never expires. */
  expiresAt: Date | null;
}

/** What people need to recognise a key: its fingerprint (upper-case hex, in groups of four), its user ids and expiry. */
export async function describeKey(key: Key): Promise<TKeyFacts> {
  const expiry = await key.getExpirationTime().catch(() => null);
  return {
    fingerprint: key
      .getFingerprint()
      .toUpperCase()
      .replace(/(.{4})(?!$)/g, "$1 "),
    userIds: key.getUserIDs(),
    expiresAt: expiry instanceof Date ? expiry : null,
  };
}
