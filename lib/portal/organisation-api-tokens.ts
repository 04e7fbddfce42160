import { z } from "zod";
import { INSTITUTION_SCOPES, MAX_TOKEN_DAYS } from "@/lib/api-tokens/api-tokens";
import { createAuditedApiToken, revokeAuditedApiToken } from "@/lib/api-tokens/audited-api-tokens";
import type { AuditContext } from "@/lib/audit/record-audit";
import type { CurrentUser } from "@/lib/auth/session-user";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

export const TOKEN_LIFETIMES_DAYS = [30, 90, 180, MAX_TOKEN_DAYS] as const;

export const ZOrganisationTokenSchema = z.object({
  organisationId: z.uuid(),
  name: z
    .string()
    .trim()
    .min(1, "Say what will use the token, e.g. “Ticket system”.")
    .max(100, "At most 100 characters.")
    .regex(/^[^\r\n]*$/, "One line, please."),
  scopes: z.array(z.enum(INSTITUTION_SCOPES)).min(1, "Choose at least one thing the token may do."),
  days: z.coerce
    .number()
    .int()
    .refine((days) => (TOKEN_LIFETIMES_DAYS as readonly number[]).includes(days), "Choose how long the token lasts."),
});
export type TOrganisationToken = z.infer<typeof ZOrganisationTokenSchema>;

/** An institution user makes a token for one of their organisations; it acts for them, in that organisation only. */
export async function createOrganisationApiToken(
  db: Db,
  { user, input, context }: { user: CurrentUser; input: TOrganisationToken; context?: AuditContext },
): Promise<{ token: string; name: string; expiresAt: Date }> {
  if (user.role !== "INSTITUTION" || !user.organisationIds.includes(input.organisationId))
    throw new AppError("NOT_FOUND", "No such organisation.");
  return createAuditedApiToken(db, {
    user,
    name: input.name,
    scopes: input.scopes,
    days: input.days,
    organisationId: input.organisationId,
    context,
  });
}

/** Revokes a token of one of the user's organisations (ownership in the WHERE clause; any other id is "not found"). */
export async function revokeOrganisationApiToken(
  db: Db,
  { user, tokenId, context }: { user: CurrentUser; tokenId: string; context?: AuditContext },
): Promise<void> {
  const token = await db.apiToken.findFirst({
    where: { id: tokenId, organisationId: { in: user.organisationIds } },
    select: { id: true, organisationId: true, revokedAt: true },
  });
  if (!token || user.role !== "INSTITUTION") throw new AppError("NOT_FOUND", "No such token.");
  await revokeAuditedApiToken(db, { user, token, context });
}
