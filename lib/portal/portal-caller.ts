import { recordAudit } from "@/lib/audit/record-audit";
import type { CurrentUser } from "@/lib/auth/guards";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { checkResponseToken } from "@/lib/notify/response-links";

/**
 * Who is acting in the portal: an institution user (their organisations' incidents), or someone
 * holding the signed link from one e-mail (that one incident, acknowledge and respond only).
 */
export type PortalCaller =
  | { kind: "user"; user: CurrentUser }
  | { kind: "link"; tokenId: string; incidentId: string; contactId: string | null; email: string };

export function callerLabel(caller: PortalCaller): string {
  return caller.kind === "user" ? caller.user.email : `${caller.email} (e-mail link)`;
}

export function callerActor(caller: PortalCaller): { id: string | null; label: string; kind: "INSTITUTION" } {
  return caller.kind === "user"
    ? { id: caller.user.id, label: caller.user.email, kind: "INSTITUTION" }
    : { id: null, label: callerLabel(caller), kind: "INSTITUTION" };
}

/** The `where` that limits incidents to what this caller may see: always in the query, never checked afterwards. */
export function incidentScope(caller: PortalCaller): Prisma.IncidentWhereInput {
  if (caller.kind === "link") return { id: caller.incidentId };
  if (caller.user.role !== "INSTITUTION") throw new AppError("FORBIDDEN", "The portal is for member organisations.");
  return { organisationId: { in: caller.user.organisationIds } };
}

/** A response link's caller, or a refusal that says why (expired, revoked) without revealing more. */
export async function callerFromLink(
  db: Db,
  token: string,
  context: { ip?: string | null; userAgent?: string | null } = {},
): Promise<PortalCaller> {
  const check = await checkResponseToken(db, token);
  if (!check.ok) {
    const messages = {
      malformed: "This link is not valid.",
      unknown: "This link is not valid.",
      expired: "This link has expired. Sign in with your e-mail address to respond.",
      revoked: "This link was withdrawn by the CSIRT. Sign in with your e-mail address to respond.",
    } as const;
    throw new AppError(
      check.reason === "expired" || check.reason === "revoked" ? "FORBIDDEN" : "NOT_FOUND",
      messages[check.reason],
      { reason: check.reason },
    );
  }
  await db.responseToken.update({
    where: { id: check.tokenId },
    data: { lastUsedAt: new Date(), uses: { increment: 1 } },
  });
  await recordAudit(db, {
    actor: { label: `${check.email} (e-mail link)` },
    action: "portal.link_used",
    target: { type: "Incident", id: check.incidentId },
    context,
  });
  return {
    kind: "link",
    tokenId: check.tokenId,
    incidentId: check.incidentId,
    contactId: check.contactId,
    email: check.email,
  };
}
