/**
 * The four audiences that may act, and how each is recognised. The action wrappers
 * (lib/http/action.ts) and route wrappers (lib/http/route-handler.ts) call these before they
 * read a byte of input; a refusal is an AppError (401, 403, or 404 where existence must not leak).
 *
 * - staff: a signed-in analyst or admin (some actions: admin only);
 * - institution: a signed-in institution user, scoped to their organisations (`incidentScope`);
 * - link holder: whoever holds the signed response link of one e-mail (that incident only);
 * - API token: a bearer token (staff, or an institution's for its organisation) with the scope
 *   the operation needs: lib/api-tokens/api-tokens.ts, checked in lib/api/handle-api-request.ts.
 *
 * A staff session that still owes its second factor is none of these (requireUser refuses it):
 * it reaches only the second-factor page's actions (`authoriseSecondFactorPending`) and sign-out.
 */
import { type AuditContext, requestContext } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import type { UserRole } from "@/lib/generated/prisma/enums";
import { callerFromLink, type PortalCaller } from "@/lib/portal/portal-caller";
import { AppError } from "@/lib/errors";
import { type CurrentUser, requireRole, STAFF_ROLES, sessionState } from "./guards";

export interface StaffCaller {
  user: CurrentUser;
  /** Who, for the audit log and timelines. */
  actor: { id: string; label: string };
  context: AuditContext;
}

export interface InstitutionCaller {
  user: CurrentUser;
  /** The portal's caller: every portal query is scoped by it. */
  caller: PortalCaller & { kind: "user" };
  context: AuditContext;
}

export interface LinkHolderCaller {
  caller: PortalCaller & { kind: "link" };
  /** The link's token, as it appears in the URL. */
  token: string;
  context: AuditContext;
}

/** Signed in with a password (or an IdP) and still owing the second factor: the second-factor page only. */
export interface SecondFactorCaller {
  user: CurrentUser;
  /** The session's own id: the proof that ends the pending state is bound to it. */
  sessionId: string;
  context: AuditContext;
}

export interface PublicCaller {
  context: AuditContext;
}

export async function authoriseStaff(headers: Headers, roles: readonly UserRole[] = STAFF_ROLES): Promise<StaffCaller> {
  const user = await requireRole(...roles);
  return { user, actor: { id: user.id, label: user.email }, context: requestContext(headers) };
}

export async function authoriseInstitution(headers: Headers): Promise<InstitutionCaller> {
  const user = await requireRole("INSTITUTION");
  return { user, caller: { kind: "user", user }, context: requestContext(headers) };
}

export async function authoriseSecondFactorPending(headers: Headers): Promise<SecondFactorCaller> {
  const state = await sessionState();
  if (state.kind === "signed-in") throw new AppError("CONFLICT", "You are already signed in.");
  if (state.kind !== "second-factor" || !state.sessionId) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
  return { user: state.user, sessionId: state.sessionId, context: requestContext(headers) };
}

/** Checked on every use: a link revoked or expired meanwhile stops working at once. */
export async function authoriseLinkHolder(token: string, headers: Headers): Promise<LinkHolderCaller> {
  const context = requestContext(headers);
  const caller = await callerFromLink(db, token, context);
  if (caller.kind !== "link") throw new Error("a response link always makes a link caller");
  return { caller, token, context };
}
