import { randomBytes } from "node:crypto";
import type Mail from "nodemailer/lib/mailer";
import MailComposer from "nodemailer/lib/mail-composer";
import { createMessage, enums, encrypt, type Key, type PrivateKey, readSignature, sign } from "openpgp";

const CRLF = "\r\n";

function boundary(): string {
  return `----=_pgp_${randomBytes(12).toString("hex")}`;
}

/** Splits a composed message into its transport headers (From, To, ...) and its content entity (Content-* headers and body). */
function splitMessage(raw: Buffer): { outer: string[]; entity: string } {
  // Canonical line ends (RFC 3156 §5): the text keeps its bare LFs, which relays turn into CRLF after signing.
  const text = raw.toString("binary").replace(/\r?\n/g, CRLF);
  const end = text.indexOf(CRLF + CRLF);
  const fields = text.slice(0, end).split(/\r\n(?![ \t])/);
  const isContent = (field: string) => /^content-/i.test(field);
  return {
    outer: fields.filter((field) => !isContent(field)),
    entity: `${fields.filter(isContent).join(CRLF)}${CRLF}${CRLF}${text.slice(end + 4)}`,
  };
}

/** multipart/signed (RFC 3156 §5): the entity exactly as signed, then its detached signature. */
async function signEntity(entity: string, signingKey: PrivateKey): Promise<string> {
  const armored = await sign({
    message: await createMessage({ binary: Buffer.from(entity, "binary") }),
    signingKeys: signingKey,
    detached: true,
    format: "armored",
  });
  const hash = (await readSignature({ armoredSignature: armored })).packets[0]?.hashAlgorithm;
  const micalg = `pgp-${String(enums.read(enums.hash, hash ?? enums.hash.sha256)).toLowerCase()}`;
  const b = boundary();
  return [
    `Content-Type: multipart/signed; micalg="${micalg}";${CRLF} protocol="application/pgp-signature";${CRLF} boundary="${b}"`,
    "",
    "This is an OpenPGP/MIME signed message (RFC 4880 and 3156)",
    `--${b}`,
    `${entity}${CRLF}--${b}`,
    `Content-Type: application/pgp-signature; name="signature.asc"`,
    "Content-Description: OpenPGP digital signature",
    `Content-Disposition: attachment; filename="signature.asc"`,
    "",
    armored.trimEnd(),
    `--${b}--`,
    "",
  ].join(CRLF);
}

/** multipart/encrypted (RFC 3156 §4): the version part, then the entity encrypted to the recipient. */
async function encryptEntity(entity: string, recipient: Key): Promise<string> {
  const armored = await encrypt({
    message: await createMessage({ binary: Buffer.from(entity, "binary") }),
    encryptionKeys: recipient,
    format: "armored",
  });
  const b = boundary();
  return [
    `Content-Type: multipart/encrypted; protocol="application/pgp-encrypted";${CRLF} boundary="${b}"`,
    "",
    "This is an OpenPGP/MIME encrypted message (RFC 4880 and 3156)",
    `--${b}`,
    "Content-Type: application/pgp-encrypted",
    "Content-Description: PGP/MIME version identification",
    "",
    "Version: 1",
    "",
    `--${b}`,
    `Content-Type: application/octet-stream; name="encrypted.asc"`,
    "Content-Description: OpenPGP encrypted message",
    `Content-Disposition: inline; filename="encrypted.asc"`,
    "",
    armored.trimEnd(),
    `--${b}--`,
    "",
  ].join(CRLF);
}

/**
 * The whole message as PGP/MIME: composed by nodemailer as usual (text quoted-printable, so the
 * signed bytes survive any relay), then its content signed with the CSIRT's key and, when the
 * recipient has a usable key, the signed entity encrypted to it (sign, then encrypt: RFC 3156 §6.1).
 * Headers (From, To, Subject, Message-ID, ...) stay outside, as the transport needs them.
 */
export async function buildPgpMimeMessage({
  mail,
  signingKey,
  encryptTo,
}: {
  mail: Mail.Options;
  signingKey: PrivateKey | null;
  encryptTo: Key | null;
}): Promise<Buffer> {
  const composed = await new MailComposer({ ...mail, textEncoding: "quoted-printable" }).compile().build();
  const { outer, entity } = splitMessage(composed);
  let content = signingKey ? await signEntity(entity, signingKey) : entity;
  if (encryptTo) content = await encryptEntity(content, encryptTo);
  return Buffer.from(`${outer.join(CRLF)}${CRLF}${content}`, "binary");
}
