import { readKey } from "openpgp";
import { AppError } from "@/lib/errors";
import { describeKey, type TKeyFacts } from "./describe-key";

const MAX_ARMORED_BYTES = 64 * 1024;

/**
 * A contact's OpenPGP public key as pasted: refused, with the reason, when it is not an armored
 * public key, is a private key, is revoked or expired, or has no key that can encrypt.
 */
export async function readContactPublicKey(
  armored: string,
  { now = new Date() }: { now?: Date } = {},
): Promise<TKeyFacts & { armored: string }> {
  const text = armored.trim();
  const refuse = (reason: string) => new AppError("INVALID_INPUT", `This OpenPGP key cannot be used: ${reason}`);
  if (text.length === 0) throw refuse("nothing was pasted.");
  if (Buffer.byteLength(text) > MAX_ARMORED_BYTES) throw refuse(`it is larger than ${MAX_ARMORED_BYTES / 1024} KiB.`);
  if (!text.startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----")) {
    throw refuse(
      text.startsWith("-----BEGIN PGP PRIVATE KEY BLOCK-----")
        ? "it is a private key; paste the public key only."
        : 'it must start with "-----BEGIN PGP PUBLIC KEY BLOCK-----".',
    );
  }
  let key: Awaited<ReturnType<typeof readKey>>;
  try {
    key = await readKey({ armoredKey: text });
  } catch (error) {
    throw refuse(`it could not be read (${(error as Error).message.replace(/^Error: /, "")}).`);
  }
  if (key.isPrivate()) throw refuse("it is a private key; paste the public key only.");
  if (await key.isRevoked(undefined, undefined, now)) throw refuse("it has been revoked.");
  const facts = await describeKey(key);
  if (facts.expiresAt && facts.expiresAt <= now)
    throw refuse(`it expired on ${facts.expiresAt.toISOString().slice(0, 10)}.`);
  try {
    await key.getEncryptionKey(undefined, now);
  } catch {
    throw refuse("it has no valid key for encryption.");
  }
  return { ...facts, armored: key.armor() };
}
