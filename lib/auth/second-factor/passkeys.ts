/**
 * Passkeys (WebAuthn) as a second factor, through @simplewebauthn/server. The relying party is
 * APP_URL's host name and its origin; each ceremony's challenge is kept in the database for five
 * minutes and used once. The signature counter must move forward (a cloned key shows up).
 */
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from "@simplewebauthn/server";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import { z } from "zod";
import { type AuditContext, recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { replaceRecoveryCodes } from "./recovery-codes";
import { assertNotRateLimited, countFailedAttempt } from "./verify-second-factor";

const CHALLENGE_MINUTES = 5;

export const ZPasskeyResponseSchema = z.object({
  id: z.string().min(1).max(1024),
  rawId: z.string().min(1).max(1024),
  type: z.literal("public-key"),
  response: z.record(z.string(), z.unknown()),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.string().optional(),
});

export const ZPasskeyNameSchema = z.string().trim().min(1, "Give the passkey a name.").max(80);

function relyingParty() {
  const url = new URL(env().APP_URL);
  return { id: url.hostname, origin: url.origin, name: env().CSIRT_NAME };
}

async function saveChallenge(db: Db, userId: string, purpose: "register" | "authenticate", challenge: string) {
  const expiresAt = new Date(Date.now() + CHALLENGE_MINUTES * 60_000);
  await db.webAuthnChallenge.upsert({
    where: { userId_purpose: { userId, purpose } },
    create: { userId, purpose, challenge, expiresAt },
    update: { challenge, expiresAt },
  });
}

/** The challenge of the ceremony under way, taken (deleted) so that it works once. */
async function takeChallenge(db: Db, userId: string, purpose: "register" | "authenticate"): Promise<string> {
  const rows = await db.$queryRaw<Array<{ challenge: string; expiresAt: Date }>>`
    DELETE FROM "WebAuthnChallenge" WHERE "userId" = ${userId}::uuid AND "purpose" = ${purpose}
    RETURNING "challenge", "expiresAt"`;
  const row = rows[0];
  if (!row || row.expiresAt.getTime() < Date.now())
    throw new AppError("INVALID_INPUT", "That took too long. Try the passkey again.");
  return row.challenge;
}

export async function passkeyRegistrationOptions(
  db: Db,
  { userId, email, name }: { userId: string; email: string; name: string },
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const rp = relyingParty();
  const existing = await db.passkey.findMany({ where: { userId }, select: { id: true, transports: true } });
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: email,
    userDisplayName: name,
    userID: new TextEncoder().encode(userId),
    attestationType: "none",
    excludeCredentials: existing.map((key) => ({
      id: key.id,
      transports: key.transports,
    })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
  });
  await saveChallenge(db, userId, "register", options.challenge);
  return options;
}

/** Registers the passkey; the person's first second factor also gets recovery codes (returned, to show once). */
export async function registerPasskey(
  db: Db,
  {
    person,
    name,
    response,
    context,
  }: { person: { id: string; email: string }; name: string; response: unknown; context: AuditContext },
): Promise<{ recoveryCodes: string[] | null }> {
  const expectedChallenge = await takeChallenge(db, person.id, "register");
  const rp = relyingParty();
  const parsed = ZPasskeyResponseSchema.safeParse(response);
  if (!parsed.success) throw new AppError("INVALID_INPUT", "The browser's answer could not be read. Try again.");
  const verification = await verifyRegistrationResponse({
    response: parsed.data as unknown as RegistrationResponseJSON,
    expectedChallenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    requireUserVerification: false,
  }).catch(() => ({ verified: false as const }));
  if (!verification.verified) throw new AppError("INVALID_INPUT", "The passkey could not be checked. Try again.");
  const { credential } = verification.registrationInfo;
  return db.$transaction(async (tx) => {
    const hadCodes = (await tx.recoveryCode.count({ where: { userId: person.id, usedAt: null } })) > 0;
    await tx.passkey.create({
      data: {
        id: credential.id,
        userId: person.id,
        publicKey: Buffer.from(credential.publicKey),
        counter: BigInt(credential.counter),
        transports: credential.transports ?? [],
        name,
      },
    });
    await recordAudit(tx, {
      actor: { id: person.id, label: person.email },
      action: "mfa.passkey.enrolled",
      target: { type: "User", id: person.id },
      context,
      data: { name },
    });
    return { recoveryCodes: hadCodes ? null : await replaceRecoveryCodes(tx, person.id) };
  });
}

export async function passkeyAuthenticationOptions(
  db: Db,
  { userId }: { userId: string },
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const keys = await db.passkey.findMany({ where: { userId }, select: { id: true, transports: true } });
  if (keys.length === 0) throw new AppError("NOT_FOUND", "You have no passkey set up.");
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().id,
    allowCredentials: keys.map((key) => ({ id: key.id, transports: key.transports })),
    userVerification: "preferred",
  });
  await saveChallenge(db, userId, "authenticate", options.challenge);
  return options;
}

/** Checks a passkey's signature; a failure counts against the sign-in limits like a wrong code. */
export async function verifyPasskey(
  db: Db,
  {
    person,
    response,
    context,
    purpose,
  }: { person: { id: string; email: string }; response: unknown; context: AuditContext; purpose: string },
): Promise<void> {
  await assertNotRateLimited(db, person, context);
  const actor = { id: person.id, label: person.email };
  const fail = async () => {
    await countFailedAttempt(db, person, context);
    await recordAudit(db, {
      actor,
      action: "signin.second_factor.failed",
      context,
      data: { method: "passkey", purpose },
    });
    return new AppError("INVALID_INPUT", "That passkey could not be checked. Try again, or use another way.");
  };
  const expectedChallenge = await takeChallenge(db, person.id, "authenticate");
  const parsed = ZPasskeyResponseSchema.safeParse(response);
  if (!parsed.success) throw await fail();
  const key = await db.passkey.findFirst({ where: { id: parsed.data.id, userId: person.id } });
  if (!key) throw await fail();
  const rp = relyingParty();
  const verification = await verifyAuthenticationResponse({
    response: parsed.data as unknown as AuthenticationResponseJSON,
    expectedChallenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    credential: {
      id: key.id,
      publicKey: new Uint8Array(key.publicKey),
      counter: Number(key.counter),
      transports: key.transports,
    },
    requireUserVerification: false,
  }).catch(() => null);
  if (!verification?.verified) throw await fail();
  const newCounter = BigInt(verification.authenticationInfo.newCounter);
  // Authenticators that keep no counter always say 0; one that does must move forward.
  const { count } = await db.passkey.updateMany({
    where: { id: key.id, ...(newCounter > 0n ? { counter: { lt: newCounter } } : {}) },
    data: { counter: newCounter, lastUsedAt: new Date() },
  });
  if (count === 0) throw await fail();
  await recordAudit(db, { actor, action: "signin.second_factor", context, data: { method: "passkey", purpose } });
}
