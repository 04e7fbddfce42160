import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * The CSIRT's private key at rest: AES-256-GCM under PGP_KEY_ENCRYPTION_KEY, stored as
 * "v1:" + base64(iv | tag | ciphertext). A wrong key or a changed byte fails to open.
 */
export function sealPrivateKey(armoredPrivateKey: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(armoredPrivateKey, "utf8"), cipher.final()]);
  return `v1:${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64")}`;
}

export class SealedKeyError extends Error {}

export function openPrivateKey(sealed: string, key: Buffer): string {
  if (!sealed.startsWith("v1:")) throw new SealedKeyError("the stored key is in an unknown format");
  const bytes = Buffer.from(sealed.slice(3), "base64");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    throw new SealedKeyError("the stored key cannot be opened with PGP_KEY_ENCRYPTION_KEY (was the variable changed?)");
  }
}
