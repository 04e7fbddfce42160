import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { IncidentStatus, IncidentType } from "@/lib/generated/prisma/enums";
import { compactIncidentCounts, countIncidentsByStatus, type CountScope } from "./incident-counts";

let organisations: string[] = [];

/** What counting every incident says: the figure the kept counts must always match. */
async function counted(scope: CountScope = {}): Promise<Record<string, number>> {
  const rows = await db.incident.groupBy({ by: ["status"], where: scope, _count: { _all: true } });
  return Object.fromEntries(rows.map((row) => [row.status, row._count._all]).sort());
}

async function kept(scope: CountScope = {}): Promise<Record<string, number>> {
  const rows = await countIncidentsByStatus(db, scope);
  return Object.fromEntries(
    rows
      .filter((row) => row.count !== 0)
      .map((row) => [row.status, row.count])
      .sort(),
  );
}

async function expectCountsAgree(): Promise<void> {
  const scopes: CountScope[] = [
    {},
    { type: "SSH_SCAN" },
    ...organisations.map((organisationId) => ({ organisationId })),
    { organisationId: organisations[0], type: "SSH_BRUTE_FORCE_REPORT" },
  ];
  for (const scope of scopes) expect(await kept(scope), JSON.stringify(scope)).toEqual(await counted(scope));
}

let nextHost = 1;
function createIncident(organisationId: string, status: IncidentStatus, type: IncidentType = "SSH_SCAN") {
  const host = nextHost++;
  return db.incident.create({
    data: {
      type,
      status,
      organisationId,
      sourceIp: `10.${host >> 16}.${(host >> 8) & 255}.${host & 255}`,
      firstSeen: new Date(),
      lastSeen: new Date(),
      summary: `incident ${host}`,
    },
    select: { id: true },
  });
}

beforeAll(async () => {
  organisations = [];
  for (const name of ["Counts College", "Counts University", "Counts Institute"]) {
    organisations.push(
      (await db.organisation.create({ data: { name, slug: name.toLowerCase().replace(" ", "-") } })).id,
    );
  }
});

describe("kept incident counts", () => {
  it("follow inserts, status and type changes, moves between organisations and deletes, before and after folding", async () => {
    const [college, university, institute] = organisations as [string, string, string];
    const ids: string[] = [];
    for (const [organisationId, status, type] of [
      [college, "NEW", "SSH_SCAN"],
      [college, "NEW", "SSH_SCAN"],
      [college, "CLOSED", "SSH_BRUTE_FORCE_REPORT"],
      [university, "ACKNOWLEDGED", "SSH_SCAN"],
      [university, "RESOLVED", "SSH_SCAN"],
      [institute, "REOPENED", "SSH_BRUTE_FORCE_REPORT"],
    ] as const) {
      ids.push((await createIncident(organisationId, status, type)).id);
    }
    await expectCountsAgree();

    await db.incident.update({ where: { id: ids[0] }, data: { status: "ACKNOWLEDGED" } });
    await db.incident.updateMany({ where: { id: { in: [ids[1]!, ids[3]!] } }, data: { status: "RESOLVED" } });
    await db.incident.update({ where: { id: ids[2] }, data: { type: "SSH_SCAN", organisationId: institute } });
    // Changes that do not touch organisation, type or status write nothing.
    const before = await db.incidentCountDelta.count();
    await db.incident.update({ where: { id: ids[4] }, data: { flowCount: 99, summary: "touched" } });
    await db.incident.update({ where: { id: ids[4] }, data: { status: "RESOLVED" } });
    expect(await db.incidentCountDelta.count()).toBe(before);
    await db.incident.delete({ where: { id: ids[5] } });
    await expectCountsAgree();

    const folded = await compactIncidentCounts(db);
    expect(folded.after).toBeLessThan(folded.before);
    expect(folded.after).toBe(await db.incidentCountDelta.count());
    await expectCountsAgree();
    // Folding twice changes nothing.
    expect((await compactIncidentCounts(db)).after).toBe(folded.after);
    await expectCountsAgree();
  });

  it("stay exact when writers and the folding job run at the same time", async () => {
    const writers = organisations.map(async (organisationId, index) => {
      for (let round = 0; round < 15; round++) {
        await db.$transaction(async (tx) => {
          const created = await tx.incident.create({
            data: {
              type: "SSH_SCAN",
              status: "NEW",
              organisationId,
              sourceIp: `10.200.${index}.${round + 1}`,
              firstSeen: new Date(),
              lastSeen: new Date(),
              summary: "concurrent",
            },
            select: { id: true },
          });
          await tx.incident.update({ where: { id: created.id }, data: { status: round % 2 ? "NOTIFIED" : "CLOSED" } });
        });
      }
    });
    const folder = (async () => {
      for (let round = 0; round < 10; round++) await compactIncidentCounts(db);
    })();
    await Promise.all([...writers, folder]);
    await expectCountsAgree();
    await compactIncidentCounts(db);
    await expectCountsAgree();
  });

  it("answer the same when nothing has been written yet for a scope", async () => {
    const empty = (await db.organisation.create({ data: { name: "Counts Empty", slug: "counts-empty" } })).id;
    expect(await countIncidentsByStatus(db, { organisationId: empty })).toEqual([]);
    expect(Object.values(IncidentStatus)).toContain("NEW");
    expect(Object.values(IncidentType)).toContain("SSH_SCAN");
  });
});
