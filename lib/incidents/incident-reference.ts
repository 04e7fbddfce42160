import { z } from "zod";

/** References are a PostgreSQL `integer` sequence: anything above this cannot exist (and would fail the query). */
export const MAX_INCIDENT_REFERENCE = 2_147_483_647;

/** A reference as typed in a URL or a form: digits, optionally after `#`, within the column's range; otherwise null. */
export function parseIncidentReference(input: unknown): number | null {
  if (typeof input !== "string" && typeof input !== "number") return null;
  const match = /^#?\s*(\d{1,10})$/.exec(String(input).trim());
  const value = match ? Number(match[1]) : Number.NaN;
  return Number.isSafeInteger(value) && value >= 1 && value <= MAX_INCIDENT_REFERENCE ? value : null;
}

/** The same rule for zod schemas of forms and route parameters. */
export const ZIncidentReferenceSchema = z.unknown().transform((input, context) => {
  const reference = parseIncidentReference(input);
  if (reference === null) {
    context.addIssue({ code: "custom", message: "That is not an incident reference we could have issued." });
    return z.NEVER;
  }
  return reference;
});
