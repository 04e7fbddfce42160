import type { Db, Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { canonicalIpAddress } from "@/lib/net";

export interface AuditActor {
  id?: string | null;
  /** What people see: an e-mail address, "worker", "system", "token:<name>". */
  label: string;
}

export interface AuditContext {
  ip?: string | null;
  userAgent?: string | null;
}

export async function recordAudit(
  db: Db | Tx,
  entry: {
    actor: AuditActor;
    action: string;
    target?: { type: string; id: string };
    organisationId?: string | null;
    context?: AuditContext;
    data?: Prisma.InputJsonValue;
  },
): Promise<void> {
  await db.auditLog.create({
    data: {
      actorId: entry.actor.id ?? null,
      actorLabel: entry.actor.label,
      action: entry.action,
      targetType: entry.target?.type ?? null,
      targetId: entry.target?.id ?? null,
      organisationId: entry.organisationId ?? null,
      ip: entry.context?.ip?.slice(0, 64) ?? null,
      userAgent: entry.context?.userAgent?.slice(0, 512) ?? null,
      data: entry.data,
    },
  });
}

/**
 * The caller's address and browser from request headers. Our web server (scripts/web-server.ts)
 * replaces X-Forwarded-For with the one address it trusts (lib/http/client-address.ts); should
 * a list still arrive, the right-most entry is the one a client cannot forge. The address is
 * canonical (a dual-stack socket's ::ffff:a.b.c.d is a.b.c.d), so per-address rate limits and
 * the audit log see one host as one address; anything else is null.
 */
export function requestContext(headers: Headers): AuditContext {
  const forwarded = headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
  return {
    ip: forwarded ? canonicalIpAddress(forwarded.replace(/^\[(.*)\]$/, "$1")) : null,
    userAgent: headers.get("user-agent"),
  };
}
