import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import type { IncidentStatus } from "@/lib/generated/prisma/enums";
import { createIngestRun } from "@/lib/ingest/create-ingest-run";
import { processIngestRun } from "@/lib/ingest/process-ingest-run";
import { seedDefaults } from "@/prisma/seed";
import { FIXTURE_INGEST_TIME, fixture } from "@/test/support/samples";
import { addIncidentNote } from "./add-incident-note";
import { applyBulkIncidentAction } from "./apply-bulk-incident-action";
import { assignIncident } from "./assign-incident";
import { getEvidenceDownload } from "./get-evidence-download";
import { getIncidentDetail } from "./get-incident-detail";
import { mergeIncidents } from "./merge-incidents";
import { openKeyFor } from "./open-key";
import { transitionIncident } from "./transition-incident";

let college: string;
let university: string;
let analyst: { id: string; label: string };
let adminId: string;
let institutionUserId: string;
let retiredId: string;

async function raise(organisationId: string, sourceIp: string, status: IncidentStatus = "NEW") {
  const open = !["RESOLVED", "CLOSED"].includes(status);
  return db.incident.create({
    data: {
      type: "SSH_SCAN",
      status,
      organisationId,
      sourceIp,
      port: 22,
      firstSeen: new Date("2027-01-09T02:00:00Z"),
      lastSeen: new Date("2027-01-09T02:10:00Z"),
      flowCount: 10,
      summary: `scan from ${sourceIp}`,
      openKey: open ? openKeyFor({ type: "SSH_SCAN", organisationId, sourceIp }) : null,
    },
  });
}

function refusal(code: string, message?: RegExp) {
  return (error: unknown) => isAppError(error) && error.code === code && (!message || message.test(error.message));
}

beforeAll(async () => {
  await seedDefaults(db);
  college = (
    await db.organisation.create({
      data: {
        name: "Example College",
        slug: "example-college",
        blocks: { create: [{ network: "192.0.2.0/24" }] },
        contacts: {
          create: [
            { name: "Abuse desk", email: "abuse@college.example", role: "ABUSE" },
            { name: "Old contact", email: "old@college.example", active: false },
          ],
        },
      },
    })
  ).id;
  university = (
    await db.organisation.create({
      data: {
        name: "Sample University",
        slug: "sample-university",
        blocks: { create: [{ network: "198.51.100.0/24" }, { network: "2001:db8:10::/48" }] },
      },
    })
  ).id;
  const user = await db.user.create({
    data: { email: "analyst@csirt.example", name: "Alan Analyst", role: "ANALYST" },
  });
  analyst = { id: user.id, label: user.email };
  adminId = (await db.user.create({ data: { email: "admin@csirt.example", name: "Ada Admin", role: "ADMIN" } })).id;
  institutionUserId = (
    await db.user.create({ data: { email: "security@college.example", name: "Sam", role: "INSTITUTION" } })
  ).id;
  retiredId = (
    await db.user.create({ data: { email: "gone@csirt.example", name: "Gone", role: "ANALYST", active: false } })
  ).id;
});

beforeEach(async () => {
  await db.incident.deleteMany();
  await db.auditLog.deleteMany();
});

describe("assigning", () => {
  it("assigns to staff, records an internal timeline event and an audit entry, and does nothing when unchanged", async () => {
    const incident = await raise(college, "192.0.2.45");
    const result = await assignIncident(db, {
      incidentId: incident.id,
      assigneeId: adminId,
      actor: analyst,
      context: { ip: "127.0.0.1" },
    });
    expect(result).toEqual({ changed: true, reference: incident.reference, assigneeName: "Ada Admin" });
    expect((await db.incident.findUniqueOrThrow({ where: { id: incident.id } })).assigneeId).toBe(adminId);
    const events = await db.timelineEvent.findMany({ where: { incidentId: incident.id } });
    expect(events).toEqual([
      expect.objectContaining({
        type: "ASSIGNED",
        visibility: "INTERNAL",
        actorLabel: analyst.label,
        message: "Assigned to Ada Admin.",
      }),
    ]);
    expect(await db.auditLog.findMany({ where: { action: "incident.assign" } })).toEqual([
      expect.objectContaining({ targetId: incident.id, organisationId: college, ip: "127.0.0.1" }),
    ]);

    expect((await assignIncident(db, { incidentId: incident.id, assigneeId: adminId, actor: analyst })).changed).toBe(
      false,
    );
    await assignIncident(db, { incidentId: incident.id, assigneeId: null, actor: analyst });
    expect(
      (await db.timelineEvent.findMany({ where: { incidentId: incident.id }, orderBy: { createdAt: "asc" } })).map(
        (event) => event.message,
      ),
    ).toEqual(["Assigned to Ada Admin.", "Unassigned (was Ada Admin)."]);
  });

  it("refuses institution users, deactivated staff and unknown incidents", async () => {
    const incident = await raise(college, "192.0.2.45");
    await expect(
      assignIncident(db, { incidentId: incident.id, assigneeId: institutionUserId, actor: analyst }),
    ).rejects.toSatisfy(refusal("INVALID_INPUT", /active CSIRT staff/));
    await expect(
      assignIncident(db, { incidentId: incident.id, assigneeId: retiredId, actor: analyst }),
    ).rejects.toSatisfy(refusal("INVALID_INPUT"));
    await expect(
      assignIncident(db, { incidentId: "00000000-0000-4000-8000-000000000000", assigneeId: adminId, actor: analyst }),
    ).rejects.toSatisfy(refusal("NOT_FOUND"));
    expect(await db.timelineEvent.count({ where: { incidentId: incident.id } })).toBe(0);
  });
});

describe("notes", () => {
  it("adds internal notes by default and shared ones on request, and refuses empty ones", async () => {
    const incident = await raise(college, "192.0.2.45");
    await addIncidentNote(db, { incidentId: incident.id, text: "  Called their NOC.  ", actor: analyst });
    await addIncidentNote(db, {
      incidentId: incident.id,
      text: "Please patch the host.",
      shareWithInstitution: true,
      actor: analyst,
    });
    const notes = await db.timelineEvent.findMany({
      where: { incidentId: incident.id, type: "NOTE" },
      orderBy: { createdAt: "asc" },
    });
    expect(notes.map((note) => [note.message, note.visibility, note.actorId])).toEqual([
      ["Called their NOC.", "INTERNAL", analyst.id],
      ["Please patch the host.", "INSTITUTION", analyst.id],
    ]);
    expect(await db.auditLog.count({ where: { action: "incident.note" } })).toBe(2);
    await expect(addIncidentNote(db, { incidentId: incident.id, text: "   ", actor: analyst })).rejects.toSatisfy(
      refusal("INVALID_INPUT"),
    );
  });
});

describe("status changes", () => {
  it("follows the state machine, records who and why, and audits", async () => {
    const incident = await raise(college, "192.0.2.45");
    expect(
      await transitionIncident(db, {
        incidentId: incident.id,
        to: "ACKNOWLEDGED",
        reason: "they are on it",
        actor: analyst,
      }),
    ).toMatchObject({ from: "NEW", to: "ACKNOWLEDGED" });
    await transitionIncident(db, {
      incidentId: incident.id,
      to: "RESOLVED",
      actor: analyst,
      visibleToInstitution: false,
    });
    const after = await db.incident.findUniqueOrThrow({ where: { id: incident.id } });
    expect(after).toMatchObject({ status: "RESOLVED", openKey: null });
    expect(after.acknowledgedAt).not.toBeNull();
    const events = await db.timelineEvent.findMany({
      where: { incidentId: incident.id },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((event) => [event.message, event.visibility])).toEqual([
      ["New → Acknowledged: they are on it", "INSTITUTION"],
      ["Acknowledged → Resolved", "INTERNAL"],
    ]);
    expect(await db.auditLog.count({ where: { action: "incident.status", targetId: incident.id } })).toBe(2);
  });

  it("refuses an illegal transition with the state machine's message and changes nothing", async () => {
    const incident = await raise(college, "192.0.2.45", "RESOLVED");
    await expect(
      transitionIncident(db, { incidentId: incident.id, to: "ACKNOWLEDGED", actor: analyst }),
    ).rejects.toSatisfy(
      refusal(
        "ILLEGAL_TRANSITION",
        /^An incident that is resolved cannot become acknowledged \(it can become: closed, reopened\)\.$/,
      ),
    );
    expect((await db.incident.findUniqueOrThrow({ where: { id: incident.id } })).status).toBe("RESOLVED");
    expect(await db.timelineEvent.count({ where: { incidentId: incident.id } })).toBe(0);
    expect(await db.auditLog.count()).toBe(0);
  });
});

describe("merging a duplicate", () => {
  it("closes the duplicate through the state machine, links it, frees its open key and writes both timelines", async () => {
    const target = await raise(college, "192.0.2.45");
    const duplicate = await raise(college, "192.0.2.46", "ACKNOWLEDGED");
    const result = await mergeIncidents(db, {
      targetId: target.id,
      duplicateReference: duplicate.reference,
      actor: analyst,
    });
    expect(result).toEqual({
      targetReference: target.reference,
      duplicateReference: duplicate.reference,
      duplicateStatusWas: "ACKNOWLEDGED",
    });
    const merged = await db.incident.findUniqueOrThrow({ where: { id: duplicate.id } });
    expect(merged).toMatchObject({ status: "CLOSED", mergedIntoId: target.id, openKey: null });
    const duplicateEvents = await db.timelineEvent.findMany({
      where: { incidentId: duplicate.id },
      orderBy: { createdAt: "asc" },
    });
    expect(duplicateEvents.map((event) => [event.type, event.message])).toEqual([
      ["STATUS_CHANGED", `Acknowledged → Closed: merged into #${target.reference}`],
      ["MERGED", `Merged into #${target.reference} as a duplicate.`],
    ]);
    expect(await db.timelineEvent.findMany({ where: { incidentId: target.id } })).toEqual([
      expect.objectContaining({
        type: "MERGED",
        message: `#${duplicate.reference} merged into this incident as a duplicate.`,
      }),
    ]);
    expect(await db.auditLog.count({ where: { action: "incident.merge" } })).toBe(1);
    const page = (await getIncidentDetail(db, { reference: target.reference }))!;
    expect(page.incident.merged).toEqual([{ reference: duplicate.reference, status: "CLOSED" }]);
    expect((await getIncidentDetail(db, { reference: duplicate.reference }))!.incident.mergedInto).toEqual({
      reference: target.reference,
    });
  });

  it("merges an already closed duplicate without a second status change, and moves earlier merges along", async () => {
    const target = await raise(college, "192.0.2.45");
    const middle = await raise(college, "192.0.2.46");
    const oldest = await raise(college, "192.0.2.47", "CLOSED");
    await mergeIncidents(db, { targetId: middle.id, duplicateReference: oldest.reference, actor: analyst });
    expect(await db.timelineEvent.count({ where: { incidentId: oldest.id, type: "STATUS_CHANGED" } })).toBe(0);
    await mergeIncidents(db, { targetId: target.id, duplicateReference: middle.reference, actor: analyst });
    expect((await db.incident.findUniqueOrThrow({ where: { id: oldest.id } })).mergedIntoId).toBe(target.id);
  });

  it("refuses merging into itself, across organisations, twice, into a merged incident, or an unknown reference", async () => {
    const target = await raise(college, "192.0.2.45");
    const other = await raise(university, "198.51.100.23");
    const duplicate = await raise(college, "192.0.2.46");
    await expect(
      mergeIncidents(db, { targetId: target.id, duplicateReference: target.reference, actor: analyst }),
    ).rejects.toSatisfy(refusal("CONFLICT", /itself/));
    await expect(
      mergeIncidents(db, { targetId: target.id, duplicateReference: other.reference, actor: analyst }),
    ).rejects.toSatisfy(
      refusal("CONFLICT", /belongs to Sample University .* Example College: only incidents of the same organisation/),
    );
    await expect(
      mergeIncidents(db, { targetId: target.id, duplicateReference: 999_999, actor: analyst }),
    ).rejects.toSatisfy(refusal("NOT_FOUND", /#999999/));
    await mergeIncidents(db, { targetId: target.id, duplicateReference: duplicate.reference, actor: analyst });
    await expect(
      mergeIncidents(db, { targetId: target.id, duplicateReference: duplicate.reference, actor: analyst }),
    ).rejects.toSatisfy(refusal("CONFLICT", /already merged/));
    const third = await raise(college, "192.0.2.47");
    await expect(
      mergeIncidents(db, { targetId: duplicate.id, duplicateReference: third.reference, actor: analyst }),
    ).rejects.toSatisfy(refusal("CONFLICT", /merge into that incident instead/));
    // Nothing of the refused attempts stuck.
    expect(await db.incident.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({
      status: "NEW",
      mergedIntoId: null,
    });
    expect(await db.incident.findUniqueOrThrow({ where: { id: third.id } })).toMatchObject({
      status: "NEW",
      mergedIntoId: null,
    });
  });
});

describe("bulk actions", () => {
  it("changes status for each incident, reporting the state machine's refusals per incident", async () => {
    const fresh = await raise(college, "192.0.2.45");
    const resolved = await raise(college, "192.0.2.46", "RESOLVED");
    const acknowledged = await raise(university, "198.51.100.23", "NOTIFIED");
    const outcome = await applyBulkIncidentAction(db, {
      incidentIds: [fresh.id, resolved.id, acknowledged.id],
      operation: { kind: "status", to: "ACKNOWLEDGED", reason: "bulk" },
      actor: analyst,
    });
    expect(outcome.done).toEqual([fresh.reference, acknowledged.reference]);
    expect(outcome.refused).toEqual([
      {
        reference: resolved.reference,
        reason: "An incident that is resolved cannot become acknowledged (it can become: closed, reopened).",
      },
    ]);
    expect(outcome.summary).toBe("2 incidents now acknowledged; 1 refused.");
    expect((await db.incident.findUniqueOrThrow({ where: { id: resolved.id } })).status).toBe("RESOLVED");
  });

  it("assigns several incidents at once and says which already were", async () => {
    const one = await raise(college, "192.0.2.45");
    const two = await raise(university, "198.51.100.23");
    await assignIncident(db, { incidentId: two.id, assigneeId: adminId, actor: analyst });
    const outcome = await applyBulkIncidentAction(db, {
      incidentIds: [one.id, two.id],
      operation: { kind: "assign", assigneeId: adminId },
      actor: analyst,
    });
    expect(outcome).toEqual({
      done: [one.reference],
      refused: [{ reference: two.reference, reason: "already assigned to Ada Admin" }],
      summary: "1 incident assigned to Ada Admin.",
    });
    await expect(
      applyBulkIncidentAction(db, {
        incidentIds: [one.id],
        operation: { kind: "assign", assigneeId: institutionUserId },
        actor: analyst,
      }),
    ).rejects.toSatisfy(refusal("INVALID_INPUT"));
    await expect(
      applyBulkIncidentAction(db, { incidentIds: [], operation: { kind: "notify" }, actor: analyst }),
    ).rejects.toSatisfy(refusal("INVALID_INPUT"));
  });

  it("queues notifications through the notify module and reports the incidents it skipped", async () => {
    const withContact = await raise(college, "192.0.2.45");
    const withoutContact = await raise(university, "198.51.100.23");
    const outcome = await applyBulkIncidentAction(db, {
      incidentIds: [withContact.id, withoutContact.id],
      operation: { kind: "notify" },
      actor: analyst,
    });
    expect(outcome.done).toEqual([withContact.reference]);
    expect(outcome.refused).toEqual([
      { reference: withoutContact.reference, reason: expect.stringMatching(/contact/) },
    ]);
    expect(await db.notification.count({ where: { incidentId: withContact.id } })).toBe(1);
  });
});

describe("the incident page's data", () => {
  it("loads an ingested incident with contacts, block, sample, downloads and activity per minute from the flows CSV", async () => {
    await db.ingestRun.deleteMany();
    const run = await createIngestRun(db, { source: "CLI", filePath: fixture("flows", "nfdump-1.7.1-example.csv") });
    await processIngestRun(db, run.id, { now: () => FIXTURE_INGEST_TIME });
    const { reference } = await db.incident.findFirstOrThrow({ where: { sourceIp: "192.0.2.45" } });
    const detail = (await getIncidentDetail(db, { reference }))!;
    expect(detail.incident.organisation.contacts.map((contact) => contact.email)).toEqual(["abuse@college.example"]);
    expect(detail.matchingBlock).toMatchObject({ network: "192.0.2.0/24", current: true });
    expect(detail.sample?.text).toContain("Legend:");
    expect(detail.activity.source).toBe("flows");
    expect(detail.activity.flows).toBe(300);
    expect(detail.activity.bucketMinutes).toBe(1);
    expect(detail.activity.bins.reduce((sum, bin) => sum + bin.count, 0)).toBe(300);
    expect(detail.activity.bins.length).toBeGreaterThanOrEqual(10);
    expect(detail.incident.timeline[0]?.type).toBe("CREATED");

    const csv = detail.evidence.find((item) => item.kind === "FLOW_LIST")!;
    const stored = await db.evidence.findUniqueOrThrow({ where: { id: csv.id } });
    expect(csv.bytes).toBe(stored.content.byteLength);
    const download = await getEvidenceDownload(db, { reference, evidenceId: csv.id });
    expect(Buffer.from(download.content).equals(Buffer.from(stored.content))).toBe(true);
    expect(download.contentType).toBe("text/csv; charset=utf-8");
    expect(download.fileName).toMatch(/^csirt-\d+-flows-[0-9a-f]{8}\.csv$/);
    // Evidence is only found under its own incident's reference.
    await expect(getEvidenceDownload(db, { reference: reference + 1000, evidenceId: csv.id })).rejects.toSatisfy(
      refusal("NOT_FOUND"),
    );
  });

  it("finds the block holding the source when the recorded one was removed", async () => {
    const incident = await raise(university, "2001:db8:10:1::99");
    const detail = (await getIncidentDetail(db, { reference: incident.reference }))!;
    expect(detail.matchingBlock).toMatchObject({ network: "2001:db8:10::/48", current: false });
    expect(detail.activity.source).toBe("none");
    expect(await getIncidentDetail(db, { reference: 987_654 })).toBeNull();
  });
});
