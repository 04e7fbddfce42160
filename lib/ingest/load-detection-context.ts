import type { Db } from "@/lib/db/client";
import { AddressBlockIndex } from "@/lib/net";
import { getSettings, type TSettings } from "@/lib/settings/get-settings";
import type { AllowListEntry, DetectionSettings } from "./detect";

export interface DetectionContext {
  index: AddressBlockIndex;
  allowList: AllowListEntry[];
  settings: Partial<DetectionSettings>;
  organisationNames: Map<string, string>;
  appSettings: TSettings;
}

/**
 * Everything detection needs from the database, loaded once per run. Suppressions: approved, not
 * refused, and not ended before the oldest flow ingest still accepts (an older one can no longer
 * match any flow).
 */
export async function loadDetectionContext(db: Db, now = new Date()): Promise<DetectionContext> {
  const appSettings = await getSettings(db);
  const oldestFlow = new Date(now.getTime() - appSettings["ingest.maxFlowAgeDays"] * 86_400_000);
  const [blocks, allowList, organisations] = await Promise.all([
    db.addressBlock.findMany({
      where: { organisation: { active: true } },
      select: { id: true, network: true, organisationId: true },
    }),
    db.allowListEntry.findMany({
      where: {
        approvedAt: { not: null },
        refusedAt: null,
        expiresAt: { gt: oldestFlow },
        organisation: { active: true },
      },
      select: { id: true, organisationId: true, network: true, expiresAt: true },
    }),
    db.organisation.findMany({ select: { id: true, name: true } }),
  ]);
  return {
    index: new AddressBlockIndex(
      blocks.map((block) => ({ cidr: block.network, organisationId: block.organisationId, blockId: block.id })),
    ),
    allowList: allowList.map((entry) => ({
      id: entry.id,
      organisationId: entry.organisationId,
      cidr: entry.network,
      expiresAt: entry.expiresAt,
    })),
    settings: {
      ports: appSettings["detection.ports"],
      minDistinctTargets: appSettings["detection.minDistinctTargets"],
      windowMinutes: appSettings["detection.windowMinutes"],
      bruteForceMinSessions: appSettings["detection.bruteForceMinSessions"],
      sampleSize: appSettings["incident.sampleSize"],
      evidenceCap: appSettings["incident.evidenceCap"],
      repeatToleranceSeconds: appSettings["detection.repeatToleranceSeconds"],
      lateToleranceMinutes: appSettings["detection.lateToleranceMinutes"],
    },
    organisationNames: new Map(organisations.map((organisation) => [organisation.id, organisation.name])),
    appSettings,
  };
}
