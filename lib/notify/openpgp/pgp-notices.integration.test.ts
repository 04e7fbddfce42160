import { randomBytes } from "node:crypto";
import { simpleParser } from "mailparser";
import {
  createMessage,
  decrypt,
  generateKey,
  readKey,
  readMessage,
  readPrivateKey,
  readSignature,
  verify,
} from "openpgp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { setContactPublicKey } from "@/lib/orgs/set-contact-public-key";
import { seedDefaults } from "@/prisma/seed";
import { contentType, multipartParts, splitEntity } from "@/test/support/pgp-mime";
import { createScanIncident } from "@/test/support/scan-incident";
import { type SmtpSink, startSmtpSink } from "@/test/support/smtp-sink";
import { deliverDueNotifications } from "../deliver-notifications";
import { queueIncidentNotifications } from "../queue-incident-notifications";
import { mailTransport } from "../transport";
import { generateCsirtKey } from "./generate-csirt-key";
import { importCsirtKey } from "./import-csirt-key";
import { loadCsirtSigningKey } from "./load-csirt-signing-key";

// Read by lib/env.ts on first use, after this module has run.
process.env.PGP_KEY_ENCRYPTION_KEY = randomBytes(32).toString("base64");
process.env.APP_URL = "http://localhost:3999";

const actor = { label: "admin@csirt.example" };
let sink: SmtpSink;
let csirtPublicKey: Awaited<ReturnType<typeof readKey>>;

async function contactKeyPair(options: { date?: Date; keyExpirationTime?: number } = {}) {
  const pair = await generateKey({
    type: "ecc",
    curve: "curve25519Legacy",
    userIDs: [{ name: "Sam Security", email: "sam@example.org" }],
    format: "armored",
    ...options,
  });
  return { publicKey: pair.publicKey, privateKey: await readPrivateKey({ armoredKey: pair.privateKey }) };
}

async function organisationWithIncident(name: string, { requireEncryption = false } = {}) {
  const organisation = await db.organisation.create({
    data: {
      name,
      slug: name.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
      requireEncryption,
      contacts: {
        create: [{ name: "Sam Security", email: `sam@${name.toLowerCase().replace(/[^a-z]+/g, "")}.example` }],
      },
    },
    include: { contacts: true },
  });
  const incident = await createScanIncident(db, { organisationId: organisation.id, organisationName: name });
  return { organisation, contact: organisation.contacts[0]!, incident };
}

async function notify(incidentId: string) {
  await queueIncidentNotifications(db, { incidentIds: [incidentId], actor });
  return deliverDueNotifications(db, { workerId: "pgp-test", transport: mailTransport(sink.url) });
}

/** Checks a multipart/signed entity with the CSIRT's public key; returns the signed content. */
async function verifiedContent(entity: string): Promise<string> {
  expect(contentType(splitEntity(entity).headers)).toBe("multipart/signed");
  expect(splitEntity(entity).headers).toMatch(/protocol="application\/pgp-signature"/);
  const [signed, signature] = multipartParts(entity);
  expect(contentType(splitEntity(signature!).headers)).toBe("application/pgp-signature");
  const result = await verify({
    message: await createMessage({ binary: Buffer.from(signed!, "binary") }),
    signature: await readSignature({ armoredSignature: splitEntity(signature!).body }),
    verificationKeys: csirtPublicKey,
    expectSigned: true,
  });
  await expect(result.signatures[0]!.verified).resolves.toBe(true);
  // One byte changed and the same signature no longer verifies.
  const tampered = await verify({
    message: await createMessage({ binary: Buffer.from(signed!.replace("198.18.0.9", "198.18.0.8"), "binary") }),
    signature: await readSignature({ armoredSignature: splitEntity(signature!).body }),
    verificationKeys: csirtPublicKey,
  });
  await expect(tampered.signatures[0]!.verified).rejects.toThrow(/digest did not match|signature/i);
  return signed!;
}

beforeAll(async () => {
  sink = await startSmtpSink();
  await seedDefaults(db);
  await generateCsirtKey(db, { name: "Example CSIRT", email: "csirt@csirt.example.org", actor });
  const row = await db.csirtPgpKey.findUniqueOrThrow({ where: { id: "csirt" } });
  expect(row.privateKeyEncrypted).toMatch(/^v1:/);
  expect(row.privateKeyEncrypted).not.toContain("PRIVATE KEY");
  csirtPublicKey = await readKey({ armoredKey: row.publicKeyArmored });
});
afterAll(() => sink.close());
beforeEach(() => {
  sink.messages.length = 0;
});

describe("signed and encrypted notices (PGP/MIME)", () => {
  it("a contact without a key gets a notice signed with the CSIRT's key, with its text and attachments inside", async () => {
    const { incident } = await organisationWithIncident("Plain College");
    expect(await notify(incident.id)).toMatchObject({ sent: 1 });
    const raw = sink.messages[0]!.raw.toString("binary");
    const signed = await verifiedContent(raw);
    const inner = await simpleParser(Buffer.from(signed, "binary"));
    expect(inner.text).toContain("198.18.0.9 was scanning");
    expect(inner.attachments.map((item) => item.filename)).toContain(`csirt-${incident.reference}-xarf.json`);
    expect(splitEntity(raw).headers).toMatch(/^Subject: \[CSIRT #\d+\]/m);
    // Its own return path, as unsigned mail has: a bounce names the notice it is about.
    const notice = await db.notification.findFirstOrThrow({ where: { incidentId: incident.id } });
    expect(sink.messages[0]!.envelopeFrom.startsWith(`bounces+${notice.id}@`)).toBe(true);
  });

  it("a contact with a public key gets it encrypted: it decrypts with the contact's private key and the signature inside verifies", async () => {
    const { organisation, contact, incident } = await organisationWithIncident("Careful College", {
      requireEncryption: true,
    });
    const keys = await contactKeyPair();
    const set = await setContactPublicKey(db, {
      organisationId: organisation.id,
      contactId: contact.id,
      armoredKey: keys.publicKey,
      actor,
    });
    expect(set.fingerprint).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){9}$/);
    expect(await notify(incident.id)).toMatchObject({ sent: 1 });

    const raw = sink.messages[0]!.raw.toString("binary");
    expect(raw).not.toContain("198.18.0.9 was scanning");
    expect(contentType(splitEntity(raw).headers)).toBe("multipart/encrypted");
    const [version, payload] = multipartParts(raw);
    expect(splitEntity(version!).body.trim()).toBe("Version: 1");
    const { data } = await decrypt({
      message: await readMessage({ armoredMessage: splitEntity(payload!).body }),
      decryptionKeys: keys.privateKey,
      format: "binary",
    });
    const signed = await verifiedContent(Buffer.from(data as Uint8Array).toString("binary"));
    expect((await simpleParser(Buffer.from(signed, "binary"))).text).toContain("198.18.0.9 was scanning");

    const wrong = await contactKeyPair();
    await expect(
      decrypt({
        message: await readMessage({ armoredMessage: splitEntity(payload!).body }),
        decryptionKeys: wrong.privateKey,
      }),
    ).rejects.toThrow();
  });

  it("an expired contact key: signed but unencrypted mail, unless the organisation requires encryption — then held with the reason", async () => {
    const expired = await contactKeyPair({ date: new Date(Date.now() - 3 * 86_400_000), keyExpirationTime: 86_400 });
    const relaxed = await organisationWithIncident("Relaxed College");
    // Uploading it now is refused with the reason; a key that expires after upload is stored as it was.
    await expect(
      setContactPublicKey(db, {
        organisationId: relaxed.organisation.id,
        contactId: relaxed.contact.id,
        armoredKey: expired.publicKey,
        actor,
      }),
    ).rejects.toThrow(/expired on \d{4}-\d\d-\d\d/);
    const expiresAt = new Date(Date.now() - 2 * 86_400_000);
    await db.contact.update({
      where: { id: relaxed.contact.id },
      data: { pgpPublicKey: expired.publicKey, pgpKeyExpiresAt: expiresAt },
    });
    expect(await notify(relaxed.incident.id)).toMatchObject({ sent: 1 });
    await verifiedContent(sink.messages[0]!.raw.toString("binary"));

    sink.messages.length = 0;
    const strict = await organisationWithIncident("Strict College", { requireEncryption: true });
    await db.contact.update({
      where: { id: strict.contact.id },
      data: { pgpPublicKey: expired.publicKey, pgpKeyExpiresAt: expiresAt },
    });
    expect(await notify(strict.incident.id)).toMatchObject({ sent: 0, held: 1 });
    expect(sink.messages).toHaveLength(0);
    const row = await db.notification.findFirstOrThrow({ where: { incidentId: strict.incident.id } });
    expect(row.state).toBe("HELD");
    expect(row.lastError).toMatch(
      /^Strict College requires encrypted mail and the contact's OpenPGP key expired on \d{4}-\d\d-\d\d/,
    );
    const timeline = await db.timelineEvent.findMany({
      where: { incidentId: strict.incident.id, type: "NOTIFICATION_FAILED" },
    });
    expect(timeline.map((event) => event.message)).toEqual([
      expect.stringMatching(/^Held the notice to sam@strictcollege\.example: Strict College requires encrypted mail/),
    ]);

    const none = await organisationWithIncident("Keyless Strict College", { requireEncryption: true });
    expect(await notify(none.incident.id)).toMatchObject({ sent: 0, held: 1 });
    expect((await db.notification.findFirstOrThrow({ where: { incidentId: none.incident.id } })).lastError).toMatch(
      /the contact has no OpenPGP key/,
    );
  });

  it("refuses malformed, private and sign-only keys at upload with the reason", async () => {
    const { organisation, contact } = await organisationWithIncident("Upload College");
    const upload = (armoredKey: string) =>
      setContactPublicKey(db, { organisationId: organisation.id, contactId: contact.id, armoredKey, actor });
    await expect(upload("hello")).rejects.toThrow(/must start with "-----BEGIN PGP PUBLIC KEY BLOCK-----"/);
    await expect(
      upload("-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nAAAA\n-----END PGP PUBLIC KEY BLOCK-----"),
    ).rejects.toThrow(/could not be read/);
    const keys = await generateKey({
      type: "ecc",
      curve: "curve25519Legacy",
      userIDs: [{ email: "x@example.org" }],
      format: "armored",
    });
    await expect(upload(keys.privateKey)).rejects.toThrow(/it is a private key/);
    const signOnly = await generateKey({
      type: "ecc",
      curve: "curve25519Legacy",
      userIDs: [{ email: "x@example.org" }],
      subkeys: [],
      format: "armored",
    });
    await expect(upload(signOnly.publicKey)).rejects.toThrow(/no valid key for encryption/);
    expect((await db.contact.findUniqueOrThrow({ where: { id: contact.id } })).pgpPublicKey).toBeNull();
  });

  it("the stored private key opens only with PGP_KEY_ENCRYPTION_KEY; an imported key needs its passphrase", async () => {
    await expect(loadCsirtSigningKey(db, { encryptionKey: randomBytes(32) })).rejects.toThrow(
      /cannot be opened with PGP_KEY_ENCRYPTION_KEY/,
    );
    expect(await loadCsirtSigningKey(db)).not.toBeNull();
    const protectedKey = await generateKey({
      type: "ecc",
      curve: "curve25519Legacy",
      userIDs: [{ email: "csirt@csirt.example.org" }],
      passphrase: "correct horse",
      format: "armored",
    });
    await expect(importCsirtKey(db, { armoredPrivateKey: protectedKey.privateKey, actor })).rejects.toThrow(
      /protected by a passphrase/,
    );
    await expect(
      importCsirtKey(db, { armoredPrivateKey: protectedKey.privateKey, passphrase: "wrong", actor }),
    ).rejects.toThrow(/passphrase does not open/);
    const facts = await importCsirtKey(db, {
      armoredPrivateKey: protectedKey.privateKey,
      passphrase: "correct horse",
      actor,
    });
    expect((await db.csirtPgpKey.findUniqueOrThrow({ where: { id: "csirt" } })).fingerprint).toBe(facts.fingerprint);
  });
});
