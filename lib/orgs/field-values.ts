/** Reading one cell of the organisations CSV: a clean value, or a message fit for the person who typed it. */
import { z } from "zod";
import { COMMON_COUNTRY_CODE_MISTAKES, ISO_3166_ALPHA2_CODES } from "./iso-3166-countries";
import {
  CONTACT_ROLES,
  MAX_NAME_LENGTH,
  MAX_SLUG_LENGTH,
  NOTIFICATION_POLICIES,
  SLUG_PATTERN,
  type TContactRole,
  type TNotificationPolicy,
} from "./organisation-import";

export type FieldResult<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): FieldResult<T> => ({ ok: true, value });
const fail = <T>(error: string): FieldResult<T> => ({ ok: false, error });

/** Names are compared ignoring letter case and runs of blanks ("Example  college" = "Example College"). */
export function organisationKey(name: string): string {
  return tidyName(name).toLocaleLowerCase("en");
}

export function tidyName(name: string): string {
  return name.normalize("NFC").trim().replace(/\s+/g, " ");
}

export function readOrganisationName(text: string): FieldResult<string> {
  const name = tidyName(text);
  if (name === "") return fail("organisation is empty; repeat the organisation's name on every row");
  if (name.length > MAX_NAME_LENGTH) return fail(`organisation name is longer than ${MAX_NAME_LENGTH} characters`);
  return ok(name);
}

/** "Université de Liège (ULiège)" → "universite-de-liege-uliege"; "" when nothing Latin is left. */
export function slugFromName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/ß/g, "ss")
    .replace(/[æÆ]/g, "ae")
    .replace(/[øØ]/g, "o")
    .replace(/[łŁ]/g, "l")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/, "");
}

export function readSlug(text: string): FieldResult<string> {
  const slug = text.trim();
  if (slug.length > MAX_SLUG_LENGTH) return fail(`slug "${slug}" is longer than ${MAX_SLUG_LENGTH} characters`);
  if (!SLUG_PATTERN.test(slug)) {
    return fail(
      `slug "${slug}" may hold only lower-case letters a-z, digits and single hyphens between them (e.g. "${slugFromName(slug) || "example-college"}")`,
    );
  }
  return ok(slug);
}

export function readCountry(text: string): FieldResult<string> {
  const code = text.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code)) {
    return fail(`country "${text.trim()}" is not a two-letter ISO 3166 code such as NL, BE or GB`);
  }
  const meant = COMMON_COUNTRY_CODE_MISTAKES[code];
  if (meant !== undefined) return fail(`country "${code}" is not an ISO 3166 code; use ${meant}`);
  if (!ISO_3166_ALPHA2_CODES.has(code)) return fail(`country "${code}" is not an assigned ISO 3166 country code`);
  return ok(code);
}

export function readNotificationPolicy(text: string): FieldResult<TNotificationPolicy> {
  const policy = text.trim().toLowerCase();
  if ((NOTIFICATION_POLICIES as readonly string[]).includes(policy)) return ok(policy as TNotificationPolicy);
  return fail(`notification_policy "${text.trim()}" is not one of ${NOTIFICATION_POLICIES.join(", ")}`);
}

export function readContactRole(text: string): FieldResult<TContactRole> {
  const role = text.trim().toLowerCase();
  if ((CONTACT_ROLES as readonly string[]).includes(role)) return ok(role as TContactRole);
  return fail(`contact_role "${text.trim()}" is not one of ${CONTACT_ROLES.join(", ")}`);
}

const ZEmailSchema = z.email();

export function readEmail(text: string): FieldResult<string> {
  const email = text.trim();
  if (/<.*>/.test(email))
    return fail(`contact_email "${email}": give the bare address, without a name or angle brackets`);
  if (email.length > 320 || !ZEmailSchema.safeParse(email).success) {
    return fail(`contact_email "${email}" is not a valid e-mail address`);
  }
  return ok(email.toLowerCase());
}

const PHONE_PATTERN = /^\+?[\d\s()./-]+(?:\s*(?:x|ext\.?)\s*\d{1,6})?$/i;

export function readPhone(text: string): FieldResult<string> {
  const phone = text.trim().replace(/\s+/g, " ");
  // Spreadsheets turn long numbers into 3.1205550100E+10 and drop the leading zero or plus.
  if (/^\d(?:[.,]\d+)?e\+?\d+$/i.test(phone)) {
    return fail(
      `contact_phone "${phone}" was turned into a number by the spreadsheet; format the column as text and retype it`,
    );
  }
  const digits = phone.replace(/\D/g, "").length;
  if (!PHONE_PATTERN.test(phone) || digits < 3 || digits > 20 || phone.length > 40) {
    return fail(
      `contact_phone "${phone}" is not a telephone number (digits, spaces, + ( ) - . / and an optional "ext 123")`,
    );
  }
  return ok(phone);
}
