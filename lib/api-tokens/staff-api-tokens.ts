/**
 * Administrators manage the CSIRT's own API tokens in the browser (the command line does the same
 * for a machine without one) and can revoke any token, an organisation's included — the answer to
 * a token that leaked from a member's ticket system.
 */
import { z } from "zod";
import type { AuditContext } from "@/lib/audit/record-audit";
import type { CurrentUser } from "@/lib/auth/session-user";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { API_SCOPES, MAX_TOKEN_DAYS } from "./api-tokens";
import { createAuditedApiToken, revokeAuditedApiToken } from "./audited-api-tokens";

export const STAFF_TOKEN_LIFETIMES_DAYS = [30, 90, 180, MAX_TOKEN_DAYS] as const;

export const ZStaffTokenSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Say what will use the token, e.g. “SOAR playbooks”.")
    .max(100, "At most 100 characters.")
    .regex(/^[^\r\n]*$/, "One line, please."),
  scopes: z.array(z.enum(API_SCOPES)).min(1, "Choose at least one thing the token may do."),
  days: z.coerce
    .number()
    .int()
    .refine(
      (days) => (STAFF_TOKEN_LIFETIMES_DAYS as readonly number[]).includes(days),
      "Choose how long the token lasts.",
    ),
});
export type TStaffToken = z.infer<typeof ZStaffTokenSchema>;

function assertAdmin(user: CurrentUser): void {
  if (user.role !== "ADMIN") throw new AppError("FORBIDDEN", "Only administrators manage API tokens.");
}

/** A CSIRT token made by an administrator: it acts as the token (its name on timelines), not as the admin. */
export async function createStaffApiToken(
  db: Db,
  { user, input, context }: { user: CurrentUser; input: TStaffToken; context?: AuditContext },
): Promise<{ token: string; name: string; expiresAt: Date }> {
  assertAdmin(user);
  return createAuditedApiToken(db, { user, name: input.name, scopes: input.scopes, days: input.days, context });
}

/** Revokes any token, the CSIRT's or an organisation's; revoking a revoked one changes nothing. */
export async function revokeAnyApiToken(
  db: Db,
  { user, tokenId, context }: { user: CurrentUser; tokenId: string; context?: AuditContext },
): Promise<void> {
  assertAdmin(user);
  const token = await db.apiToken.findUnique({
    where: { id: tokenId },
    select: { id: true, organisationId: true, revokedAt: true },
  });
  if (!token) throw new AppError("NOT_FOUND", "No such token.");
  await revokeAuditedApiToken(db, { user, token, context });
}

/** Every token, live ones first, newest first within; never the token itself. */
export async function listAllApiTokens(db: Db, { limit = 300 }: { limit?: number } = {}) {
  const now = new Date();
  const select = {
    id: true,
    name: true,
    prefix: true,
    scopes: true,
    expiresAt: true,
    revokedAt: true,
    lastUsedAt: true,
    createdAt: true,
    createdBy: { select: { email: true } },
    organisation: { select: { name: true, slug: true } },
  } as const;
  const live = { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
  const [active, ended] = await Promise.all([
    db.apiToken.findMany({ where: live, orderBy: { createdAt: "desc" }, take: limit, select }),
    db.apiToken.findMany({ where: { NOT: live }, orderBy: { createdAt: "desc" }, take: 50, select }),
  ]);
  return { active, ended };
}
