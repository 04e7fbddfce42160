import { beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/guards";
import { countWaitingWork } from "@/lib/dashboard/count-waiting-work";
import { db } from "@/lib/db/client";
import { acknowledgeIncident, resolveIncidentByInstitution, respondToIncident } from "@/lib/portal/portal-incidents";
import { addIncidentNote } from "./add-incident-note";
import { parseIncidentQuery } from "./incident-query";
import { markIncidentSeen } from "./mark-incident-seen";
import { searchIncidents } from "./search-incidents";

let organisationId: string;
let institution: CurrentUser;
let analyst: { id: string; label: string };
const references: Record<string, number> = {};

async function incident(name: string, sourceIp: string, lastSeen: string) {
  const row = await db.incident.create({
    data: {
      type: "SSH_SCAN",
      status: "NOTIFIED",
      organisationId,
      sourceIp,
      port: 22,
      firstSeen: new Date(lastSeen),
      lastSeen: new Date(lastSeen),
      flowCount: 10,
      summary: name,
      openKey: `SSH_SCAN:${organisationId}:${sourceIp}`,
    },
  });
  references[name] = row.reference;
  return row;
}

async function queue(params: Record<string, string>) {
  const { query } = parseIncidentQuery(params);
  return searchIncidents(db, { query, viewerId: analyst.id });
}

beforeAll(async () => {
  organisationId = (await db.organisation.create({ data: { name: "Example College", slug: "example-college" } })).id;
  const user = await db.user.create({
    data: {
      email: "sec@college.example",
      name: "Sec",
      role: "INSTITUTION",
      memberships: { create: { organisationId } },
    },
  });
  institution = {
    id: user.id,
    email: user.email,
    name: user.name,
    role: "INSTITUTION",
    organisationIds: [organisationId],
  };
  const staff = await db.user.create({ data: { email: "ada@csirt.example", name: "Ada Analyst", role: "ANALYST" } });
  analyst = { id: staff.id, label: staff.email };
  await incident("quiet", "192.0.2.1", "2027-01-09T03:00:00Z");
  await incident("answered", "192.0.2.2", "2027-01-09T02:00:00Z");
  await incident("resolved", "192.0.2.3", "2027-01-09T01:00:00Z");
});

describe("something happened: the institution acted since an analyst last looked", () => {
  it("flags an incident when the institution responds, acknowledges or resolves, and shows who acted last", async () => {
    const caller = { kind: "user", user: institution } as const;
    expect((await queue({ attention: "1" })).rows).toEqual([]);

    await respondToIncident(db, {
      caller,
      reference: references.answered!,
      steps: [],
      text: "We found the host.",
      attachments: [],
    });
    await resolveIncidentByInstitution(db, {
      caller,
      reference: references.resolved!,
      rootCause: "weak-password",
      note: "Reinstalled.",
    });

    const attention = await queue({ attention: "1" });
    expect(attention.rows.map((row) => row.summary)).toEqual(["answered", "resolved"]);
    expect(attention.rows.every((row) => row.needsAttention)).toBe(true);
    expect(attention.rows[0]!.lastActivity).toMatchObject({
      type: "INSTITUTION_RESPONSE",
      actorKind: "INSTITUTION",
      actorName: "Sec",
      resolution: false,
    });
    expect(attention.rows[1]!.lastActivity).toMatchObject({
      type: "INSTITUTION_RESPONSE",
      actorKind: "INSTITUTION",
      resolution: true,
    });

    // The Open tab keeps its count of incidents needing attention, the resolved one included.
    const open = await queue({});
    expect(open.rows.map((row) => row.summary)).toEqual(["quiet", "answered"]);
    expect(open.attentionCount).toBe(2);
    expect(open.rows[0]).toMatchObject({ needsAttention: false, lastActivity: null });
    expect(await countWaitingWork(db)).toMatchObject({ needsAttention: 2 });
  });

  it("clears the flag when an analyst opens the incident, and raises it again on the institution's next action", async () => {
    const before = await db.incident.findUniqueOrThrow({
      where: { reference: references.answered! },
      select: { updatedAt: true, institutionActedAt: true },
    });
    expect(await markIncidentSeen(db, { reference: references.answered! })).toBe(true);
    expect(await markIncidentSeen(db, { reference: 99_999_999 })).toBe(false);
    const seen = await db.incident.findUniqueOrThrow({
      where: { reference: references.answered! },
      select: { updatedAt: true, analystSeenAt: true, needsAttention: true },
    });
    expect(seen).toMatchObject({ updatedAt: before.updatedAt, needsAttention: false });
    expect(seen.analystSeenAt!.getTime()).toBeGreaterThanOrEqual(before.institutionActedAt!.getTime());
    expect((await queue({ attention: "1" })).rows.map((row) => row.summary)).toEqual(["resolved"]);

    // Staff activity does not flag it; the institution acknowledging does.
    await addIncidentNote(db, {
      incidentId: (await db.incident.findUniqueOrThrow({ where: { reference: references.answered! } })).id,
      text: "Called them.",
      actor: analyst,
    });
    expect((await queue({ attention: "1" })).rows.map((row) => row.summary)).toEqual(["resolved"]);
    const open = await queue({});
    expect(open.rows.find((row) => row.summary === "answered")!.lastActivity).toMatchObject({
      type: "NOTE",
      actorKind: "STAFF",
      actorName: "Ada Analyst",
    });

    await acknowledgeIncident(db, { caller: { kind: "user", user: institution }, reference: references.answered! });
    const attention = await queue({ attention: "1" });
    expect(attention.rows.map((row) => row.summary)).toEqual(["answered", "resolved"]);
    expect(attention.rows[0]!.lastActivity).toMatchObject({
      type: "STATUS_CHANGED",
      actorKind: "INSTITUTION",
      statusTo: "ACKNOWLEDGED",
    });
  });

  it("counts pending contact requests, held notices and unmatched mail for the navigation", async () => {
    const contact = await db.contact.create({ data: { organisationId, name: "Old", email: "old@college.example" } });
    await db.contactChangeRequest.create({
      data: {
        organisationId,
        kind: "REMOVE_CONTACT",
        contactId: contact.id,
        payload: {},
        requestedById: institution.id,
        requestedByLabel: institution.email,
      },
    });
    expect(await countWaitingWork(db)).toEqual({
      needsAttention: 2,
      pendingRequests: 1,
      heldNotices: 0,
      unmatchedMail: 0,
    });
    await db.inboundMail.create({ data: UNMATCHED_MAIL });
    expect(await countWaitingWork(db)).toMatchObject({ unmatchedMail: 1 });
  });
});

const UNMATCHED_MAIL = {
  dedupeKey: "navigation-count-test",
  source: "IMAP",
  kind: "REPLY",
  state: "UNMATCHED",
  fromAddress: "stranger@elsewhere.example",
  subject: "Re: something",
  text: "Who are you?",
  note: "No incident matches this message.",
  sizeBytes: 120,
} as const;
