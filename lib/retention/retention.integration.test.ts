import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { IncidentStatus } from "@/lib/generated/prisma/enums";
import { isAppError } from "@/lib/errors";
import { setLegalHold } from "@/lib/incidents/set-legal-hold";
import { seedDefaults } from "@/prisma/seed";
import { previewRetention } from "./preview-retention";
import { RETENTION_KINDS } from "./retention-policy";
import { REMOVED_TEXT } from "./retention-targets";
import { runRetention } from "./run-retention";

const DAY_MS = 86_400_000;
const NOW = new Date("2031-06-01T03:41:00Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY_MS);

let work: string;
let uploads: string;
let organisationId: string;
let contactId: string;
let analyst: { id: string; label: string };

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "csirt-retention-policy-"));
  uploads = path.join(work, "uploads");
  await mkdir(uploads, { recursive: true });
  await seedDefaults(db);
  const organisation = await db.organisation.create({
    data: {
      name: "Example College",
      slug: "example-college-retention",
      blocks: { create: [{ network: "192.0.2.0/24" }, { network: "2001:db8:10::/48" }] },
      contacts: { create: [{ name: "Sec Team", email: "security@college.example", role: "SECURITY" }] },
    },
    include: { contacts: true },
  });
  organisationId = organisation.id;
  contactId = organisation.contacts[0]!.id;
  const user = await db.user.create({
    data: { email: "hold-analyst@csirt.example", name: "Hold Analyst", role: "ANALYST" },
  });
  analyst = { id: user.id, label: user.email };
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

let counter = 0;

/** An incident with evidence of every kind, flow keys, a note, an analyst's message and a reply, all `dataAge` days old. */
async function incidentWith({
  status,
  endedDaysAgo,
  dataAge,
  sourceIp = "192.0.2.77",
  hold = false,
  summary,
}: {
  status: IncidentStatus;
  endedDaysAgo?: number;
  dataAge: number;
  sourceIp?: string;
  hold?: boolean;
  summary?: string;
}) {
  counter += 1;
  const at = daysAgo(dataAge);
  const ended = endedDaysAgo === undefined ? null : daysAgo(endedDaysAgo);
  const open = !["RESOLVED", "CLOSED"].includes(status);
  const incident = await db.incident.create({
    data: {
      type: "SSH_SCAN",
      status,
      organisationId,
      sourceIp,
      port: 22,
      firstSeen: at,
      lastSeen: at,
      flowCount: 150 + counter,
      distinctTargets: 120,
      summary: summary ?? `An IP at Example College, ${sourceIp} was scanning for port 22/tcp.`,
      openKey: open ? `SSH_SCAN:${organisationId}:${sourceIp}:${counter}` : null,
      resolvedAt: status === "RESOLVED" ? ended : status === "CLOSED" ? ended : null,
      closedAt: status === "CLOSED" ? ended : null,
      resolutionNote: open ? null : "Student laptop of jane.doe@college.example reimaged.",
      resolvedBy: open ? null : "security@college.example",
      legalHold: hold,
      legalHoldReason: hold ? "Police request 2031/17" : null,
      createdAt: at,
      evidence: {
        create: [
          {
            kind: "FLOW_SAMPLE",
            title: "Sample",
            fileName: "s.txt",
            contentType: "text/plain",
            content: Buffer.from(sourceIp),
            sha256: "a",
            createdAt: at,
          },
          {
            kind: "FLOW_LIST",
            title: "Flows",
            fileName: "f.csv",
            contentType: "text/csv",
            content: Buffer.from(sourceIp),
            sha256: "b",
            createdAt: at,
          },
          {
            kind: "FILE",
            title: "Log",
            fileName: "auth.log",
            contentType: "text/plain",
            content: Buffer.from("x"),
            sha256: "c",
            createdAt: at,
          },
        ],
      },
      flowKeys: {
        create: [{ round: 0, flows: 3, flowKeys: Buffer.alloc(8), targetKeys: Buffer.alloc(8), createdAt: at }],
      },
      timeline: {
        create: [
          {
            type: "NOTE",
            actorKind: "STAFF",
            actorLabel: "analyst@csirt",
            message: `Owner is Jane Doe, ${sourceIp}`,
            createdAt: at,
          },
          {
            type: "INSTITUTION_RESPONSE",
            actorKind: "INSTITUTION",
            actorLabel: "security@college.example",
            message: "We reimaged it.",
            createdAt: at,
          },
        ],
      },
      notifications: {
        create: [
          {
            contactId,
            toAddress: "security@college.example",
            purpose: "MESSAGE",
            batch: `m${counter}`,
            body: "Dear Jane, please look.",
            state: "SENT",
            messageId: `<m${counter}@csirt>`,
            createdAt: at,
          },
        ],
      },
    },
  });
  await db.inboundMail.create({
    data: {
      dedupeKey: `reply-${counter}`,
      source: "DEV_MAILBOX",
      kind: "REPLY",
      state: "ATTACHED",
      fromAddress: "security@college.example",
      fromName: "Jane Doe",
      subject: `Re: [CSIRT #${incident.reference}]`,
      text: "It was my laptop.",
      note: "",
      incidentId: incident.id,
      sizeBytes: 10,
      raw: Buffer.from("raw"),
      receivedAt: at,
    },
  });
  return incident;
}

async function storedRun(name: string, finishedDaysAgo: number, evidenceOn?: string) {
  const file = path.join(uploads, name);
  await writeFile(file, "flows");
  const run = await db.ingestRun.create({
    data: {
      source: "UPLOAD",
      fileName: name,
      storagePath: file,
      sha256: name,
      status: "SUCCEEDED",
      finishedAt: daysAgo(finishedDaysAgo),
      rejectedSamples: [{ line: 3, text: "192.0.2.77 garbage" }],
    },
  });
  if (evidenceOn) {
    await db.evidence.create({
      data: {
        incidentId: evidenceOn,
        kind: "FLOW_LIST",
        title: "Run flows",
        fileName: "r.csv",
        contentType: "text/csv",
        content: Buffer.from("x"),
        sha256: "d",
        ingestRunId: run.id,
        createdAt: daysAgo(5),
      },
    });
  }
  return { run, file };
}

async function snapshot(incidentId: string) {
  return db.incident.findUniqueOrThrow({
    where: { id: incidentId },
    include: {
      evidence: { orderBy: { id: "asc" } },
      flowKeys: true,
      timeline: { orderBy: { id: "asc" } },
      notifications: true,
      inboundMail: true,
    },
  });
}

const options = () => ({ now: NOW, roots: [uploads], uploadsDir: uploads });

describe("retention", () => {
  it("removes exactly what the preview said, leaves held and open incidents alone, deletes files, and a second run removes nothing", async () => {
    // Closed four years ago: anonymised (default: after 1095 days).
    const old = await incidentWith({ status: "CLOSED", endedDaysAgo: 1460, dataAge: 1470, sourceIp: "192.0.2.77" });
    const oldV6 = await incidentWith({
      status: "RESOLVED",
      endedDaysAgo: 1200,
      dataAge: 1210,
      sourceIp: "2001:db8:10:5::9",
    });
    // Resolved two years ago: evidence, attachments and mail bodies go (365 days), the incident stays whole.
    const middle = await incidentWith({ status: "RESOLVED", endedDaysAgo: 700, dataAge: 730 });
    // Resolved recently with recent data: nothing goes.
    const recent = await incidentWith({ status: "CLOSED", endedDaysAgo: 30, dataAge: 60 });
    // Under legal hold, and open (never resolved): untouched whatever their age.
    const held = await incidentWith({ status: "CLOSED", endedDaysAgo: 1500, dataAge: 1500, hold: true });
    const open = await incidentWith({ status: "ACKNOWLEDGED", dataAge: 1500 });
    const reopened = await incidentWith({ status: "REOPENED", endedDaysAgo: 1500, dataAge: 1500 });
    const untouched = [recent, held, open, reopened];

    // Stored files: one past 30 days (goes), one past 30 days but evidence of a held incident (stays), one recent.
    const due = await storedRun("due.csv", 40);
    const heldRun = await storedRun("held.csv", 40, held.id);
    const fresh = await storedRun("fresh.csv", 10);
    const before = await Promise.all(untouched.map((incident) => snapshot(incident.id)));
    // Mail on no incident (unmatched) two years ago: its text goes.
    await db.inboundMail.create({
      data: {
        dedupeKey: "stray",
        source: "IMAP",
        kind: "REPLY",
        state: "UNMATCHED",
        fromAddress: "x@y.example",
        fromName: "X",
        subject: "hi",
        text: "private",
        note: "",
        sizeBytes: 1,
        receivedAt: daysAgo(700),
      },
    });
    // Audit entries: six years old (go: 1825 days) and one year old (stay).
    await db.auditLog.createMany({
      data: [
        { actorLabel: "worker", action: "old.thing", at: daysAgo(2200) },
        { actorLabel: "worker", action: "old.thing", at: daysAgo(1900) },
        { actorLabel: "worker", action: "young.thing", at: daysAgo(365) },
      ],
    });

    const preview = await previewRetention(db, { now: NOW });
    const expected = {
      rawUploads: 1,
      // Evidence (sample + flow list) and flow keys of old, oldV6, middle (the runs' rejected-line samples are younger than 365 days).
      flowEvidence: 3 * 2 + 3,
      attachments: 3,
      // Replies of old, oldV6, middle and the unmatched one; analysts' messages of old, oldV6, middle.
      mailBodies: 4 + 3,
      auditLog: 2,
      resolvedIncidents: 2,
    };
    expect(Object.fromEntries(preview.map((row) => [row.kind, row.count]))).toEqual(expected);
    expect(preview.find((row) => row.kind === "auditLog")!.oldest).toEqual(daysAgo(2200));
    expect(preview.find((row) => row.kind === "resolvedIncidents")!.oldest).toEqual(daysAgo(1460));

    const result = await runRetention(db, options());
    expect(result.errors).toEqual([]);
    for (const kind of RETENTION_KINDS) expect(result.counts[kind], kind).toBe(expected[kind]);

    // Anonymised: figures stay, personal data and evidence go; the address becomes its network.
    const anonymised = await snapshot(old.id);
    expect(anonymised).toMatchObject({
      sourceIp: "192.0.2.0/24",
      status: "CLOSED",
      port: 22,
      flowCount: old.flowCount,
      distinctTargets: 120,
      organisationId,
      resolutionNote: null,
      resolvedBy: null,
    });
    expect(anonymised.firstSeen).toEqual(old.firstSeen);
    expect(anonymised.anonymisedAt).toEqual(NOW);
    expect(anonymised.summary).not.toContain("192.0.2.77");
    expect(anonymised.evidence).toEqual([]);
    expect(anonymised.flowKeys).toEqual([]);
    for (const event of anonymised.timeline) {
      expect(event.message).toContain(REMOVED_TEXT);
      expect(event.message).not.toContain("Jane");
    }
    expect(anonymised.timeline.find((event) => event.actorKind === "INSTITUTION")!.actorLabel).toBe("institution");
    expect(anonymised.notifications[0]).toMatchObject({ toAddress: "", body: null, contactId: null });
    expect(anonymised.inboundMail[0]).toMatchObject({ fromAddress: "", fromName: null, raw: null, text: REMOVED_TEXT });
    expect((await snapshot(oldV6.id)).sourceIp).toBe("2001:db8:10::/48");

    // Past the evidence periods but not the anonymisation: evidence and texts go, the incident stays.
    const kept = await snapshot(middle.id);
    expect(kept.sourceIp).toBe("192.0.2.77");
    expect(kept.anonymisedAt).toBeNull();
    expect(kept.evidence).toEqual([]);
    expect(kept.notifications[0]!.body).toBeNull();
    expect(kept.notifications[0]!.toAddress).toBe("security@college.example");
    expect(kept.inboundMail[0]).toMatchObject({
      text: REMOVED_TEXT,
      raw: null,
      fromAddress: "security@college.example",
    });

    // Held, open and recent incidents are exactly as they were.
    const after = await Promise.all(untouched.map((incident) => snapshot(incident.id)));
    for (const [index, snap] of after.entries()) {
      const { updatedAt: _a, ...now } = snap;
      const { updatedAt: _b, ...then } = before[index]!;
      expect(now).toEqual(then);
    }

    // Files: the due one is gone from disk and marked, the held and fresh ones stay.
    expect(existsSync(due.file)).toBe(false);
    expect(await db.ingestRun.findUniqueOrThrow({ where: { id: due.run.id } })).toMatchObject({
      storagePath: null,
      fileDeletedAt: NOW,
    });
    expect(existsSync(heldRun.file)).toBe(true);
    expect(existsSync(fresh.file)).toBe(true);
    expect(await db.auditLog.count({ where: { action: "old.thing" } })).toBe(0);
    expect(await db.auditLog.count({ where: { action: "young.thing" } })).toBe(1);

    // Recorded: the run and its audit entry.
    const recorded = await db.retentionRun.findUniqueOrThrow({ where: { id: result.runId } });
    expect(recorded.status).toBe("SUCCEEDED");
    expect(recorded.counts).toMatchObject(expected);
    expect(recorded.finishedAt).not.toBeNull();
    expect(await db.auditLog.count({ where: { action: "retention.run", targetId: result.runId } })).toBe(1);

    // Again: nothing left, and the preview agrees.
    expect((await previewRetention(db, { now: NOW })).every((row) => row.count === 0)).toBe(true);
    const second = await runRetention(db, options());
    for (const kind of RETENTION_KINDS) expect(second.counts[kind], kind).toBe(0);
  });

  it("rolls a failing batch back whole and goes on with the next; the next run finishes it", async () => {
    const first = await incidentWith({ status: "CLOSED", endedDaysAgo: 1200, dataAge: 1200, sourceIp: "192.0.2.10" });
    const failing = await incidentWith({
      status: "CLOSED",
      endedDaysAgo: 1200,
      dataAge: 1200,
      sourceIp: "192.0.2.11",
      summary: "FAILME 192.0.2.11",
    });
    const third = await incidentWith({ status: "CLOSED", endedDaysAgo: 1200, dataAge: 1200, sourceIp: "192.0.2.12" });
    // A real failure inside the batch's transaction, after its address was already rewritten.
    await db.$executeRawUnsafe(`
      CREATE FUNCTION retention_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'disk on fire'; END $$`);
    await db.$executeRawUnsafe(`
      CREATE TRIGGER retention_test_fail BEFORE UPDATE OF "summary" ON "Incident"
      FOR EACH ROW WHEN (OLD."summary" LIKE 'FAILME%') EXECUTE FUNCTION retention_test_fail()`);
    const result = await runRetention(db, { ...options(), batchSize: 1 });
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ kind: "resolvedIncidents" });
    expect(result.errors[0]!.message).toContain("disk on fire");
    expect(result.counts.resolvedIncidents).toBe(2);
    expect((await db.retentionRun.findUniqueOrThrow({ where: { id: result.runId } })).status).toBe("PARTIAL");
    for (const done of [first, third]) expect((await snapshot(done.id)).anonymisedAt).toEqual(NOW);
    // Its evidence went with the evidence periods (its own batches); nothing the failed anonymisation began stayed.
    const unchanged = await snapshot(failing.id);
    expect(unchanged).toMatchObject({ sourceIp: "192.0.2.11", anonymisedAt: null, summary: "FAILME 192.0.2.11" });
    expect(unchanged.resolutionNote).toContain("jane.doe");
    expect(unchanged.timeline.map((event) => event.message)).toContain("Owner is Jane Doe, 192.0.2.11");
    expect(unchanged.notifications[0]!.toAddress).toBe("security@college.example");
    expect(unchanged.inboundMail[0]!.fromAddress).toBe("security@college.example");

    await db.$executeRawUnsafe(`DROP TRIGGER retention_test_fail ON "Incident"`);
    const retry = await runRetention(db, options());
    expect(retry.errors).toEqual([]);
    expect(retry.counts.resolvedIncidents).toBe(1);
    expect(await snapshot(failing.id)).toMatchObject({ sourceIp: "192.0.2.0/24", evidence: [] });
  });
});

describe("legal hold", () => {
  it("is set and lifted with a reason, on the timeline (staff) and in the audit log; an anonymised incident cannot be held", async () => {
    const incident = await incidentWith({ status: "RESOLVED", endedDaysAgo: 10, dataAge: 10 });
    await expect(
      setLegalHold(db, { incidentId: incident.id, hold: true, reason: " x ", actor: analyst }),
    ).rejects.toSatisfy((error) => isAppError(error, "INVALID_INPUT"));
    expect(
      await setLegalHold(db, { incidentId: incident.id, hold: true, reason: "Court order 12/31", actor: analyst }),
    ).toMatchObject({ changed: true });
    expect(
      await setLegalHold(db, { incidentId: incident.id, hold: true, reason: "Again", actor: analyst }),
    ).toMatchObject({ changed: false });
    const held = await db.incident.findUniqueOrThrow({ where: { id: incident.id } });
    expect(held).toMatchObject({ legalHold: true, legalHoldReason: "Court order 12/31", legalHoldById: analyst.id });
    const events = await db.timelineEvent.findMany({ where: { incidentId: incident.id, type: "LEGAL_HOLD" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorKind: "STAFF", visibility: "INTERNAL", actorId: analyst.id });
    await setLegalHold(db, { incidentId: incident.id, hold: false, reason: "Case closed by court", actor: analyst });
    expect((await db.incident.findUniqueOrThrow({ where: { id: incident.id } })).legalHold).toBe(false);
    expect(
      await db.auditLog.count({ where: { targetId: incident.id, action: { startsWith: "incident.legal-hold." } } }),
    ).toBe(2);

    const gone = await db.incident.findFirstOrThrow({ where: { anonymisedAt: { not: null } } });
    await expect(
      setLegalHold(db, { incidentId: gone.id, hold: true, reason: "Too late now", actor: analyst }),
    ).rejects.toSatisfy((error) => isAppError(error, "CONFLICT"));
  });
});
