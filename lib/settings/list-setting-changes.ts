import type { Db } from "@/lib/db/client";
import { SETTING_CHANGE_ACTION } from "./update-settings";

export interface SettingChangeEntry {
  id: string;
  at: Date;
  actorLabel: string;
  key: string;
  from: unknown;
  to: unknown;
}

/** The latest setting changes from the audit log, newest first. */
export async function listSettingChanges(
  db: Db,
  { limit = 20 }: { limit?: number } = {},
): Promise<SettingChangeEntry[]> {
  const rows = await db.auditLog.findMany({
    where: { action: SETTING_CHANGE_ACTION },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, at: true, actorLabel: true, targetId: true, data: true },
  });
  return rows.map((row) => {
    const data = (row.data ?? {}) as { key?: string; from?: unknown; to?: unknown };
    return {
      id: row.id.toString(),
      at: row.at,
      actorLabel: row.actorLabel,
      key: data.key ?? row.targetId ?? "?",
      from: data.from,
      to: data.to,
    };
  });
}
