import { recordAudit, type AuditActor, type AuditContext } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/** An analyst sets an unmatched message aside. It stays on record (and its raw bytes until they expire). */
export async function discardUnmatchedMail(
  db: Db,
  { mailId, actor, context }: { mailId: string; actor: AuditActor & { id: string }; context?: AuditContext },
): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.inboundMail.updateMany({
      where: { id: mailId, state: "UNMATCHED" },
      data: { state: "DISCARDED", decidedById: actor.id, decidedAt: new Date() },
    });
    if (count === 0)
      throw new AppError("NOT_FOUND", "That message is no longer waiting: someone attached or discarded it.");
    await recordAudit(tx, { actor, context, action: "mail.discard", target: { type: "InboundMail", id: mailId } });
  });
}
