import { beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { createResponseToken, revokeResponseTokens } from "@/lib/notify/response-links";
import { decideContactChange, requestContactChange } from "./contact-change-requests";
import { callerFromLink, type PortalCaller } from "./portal-caller";
import {
  acknowledgeIncident,
  getPortalEvidence,
  getPortalIncident,
  listPortalIncidents,
  resolveIncidentByInstitution,
  respondToIncident,
} from "./portal-incidents";
import { checkResponseAttachments } from "./response-attachments";
import { responseTimes } from "./response-times";

process.env.AUTH_SECRET ??= "test-secret-for-response-links-0123456789";

let orgA: { id: string };
let orgB: { id: string };
let incidentA: { id: string; reference: number };
let incidentA2: { id: string; reference: number };
let incidentB: { id: string; reference: number };
let evidenceB: { id: string };
let userA: CurrentUser;
let userB: CurrentUser;

async function incident(organisationId: string, sourceIp: string, createdAt = new Date()) {
  return db.incident.create({
    data: {
      type: "SSH_SCAN",
      organisationId,
      sourceIp,
      port: 22,
      firstSeen: createdAt,
      lastSeen: createdAt,
      createdAt,
      flowCount: 100,
      distinctTargets: 100,
      summary: `An IP at X, ${sourceIp} was scanning.`,
      openKey: `SSH_SCAN:${organisationId}:${sourceIp}`,
      status: "NOTIFIED",
    },
  });
}

const refusal = (code: string) => (error: unknown) => isAppError(error, code as never);

beforeAll(async () => {
  orgA = await db.organisation.create({
    data: { name: "College A", slug: "college-a", contacts: { create: [{ name: "A sec", email: "sec@a.example" }] } },
  });
  orgB = await db.organisation.create({
    data: {
      name: "University B",
      slug: "university-b",
      // A suppression asked for when resolving must lie inside the organisation's space.
      blocks: { create: [{ network: "198.51.100.0/24" }] },
      contacts: { create: [{ name: "B sec", email: "sec@b.example" }] },
    },
  });
  incidentA = await incident(orgA.id, "192.0.2.10");
  incidentA2 = await incident(orgA.id, "192.0.2.11");
  incidentB = await incident(orgB.id, "198.51.100.10");
  evidenceB = await db.evidence.create({
    data: {
      incidentId: incidentB.id,
      kind: "FLOW_SAMPLE",
      title: "sample",
      fileName: "b.txt",
      contentType: "text/plain",
      content: Buffer.from("b"),
      sha256: "x",
    },
  });
  await db.timelineEvent.createMany({
    data: [
      {
        incidentId: incidentA.id,
        type: "NOTE",
        visibility: "INTERNAL",
        actorLabel: "analyst",
        actorKind: "STAFF",
        message: "internal: suspect the lab cluster",
      },
      {
        incidentId: incidentA.id,
        type: "CREATED",
        visibility: "INSTITUTION",
        actorLabel: "worker",
        actorKind: "SYSTEM",
        message: "Raised from flows",
      },
    ],
  });
  const rowA = await db.user.create({
    data: {
      email: "user@a.example",
      name: "A",
      role: "INSTITUTION",
      memberships: { create: { organisationId: orgA.id } },
    },
  });
  const rowB = await db.user.create({
    data: {
      email: "user@b.example",
      name: "B",
      role: "INSTITUTION",
      memberships: { create: { organisationId: orgB.id } },
    },
  });
  userA = { id: rowA.id, email: rowA.email, name: rowA.name, role: "INSTITUTION", organisationIds: [orgA.id] };
  userB = { id: rowB.id, email: rowB.email, name: rowB.name, role: "INSTITUTION", organisationIds: [orgB.id] };
});

describe("institution users see their own organisation only", () => {
  const a = (): PortalCaller => ({ kind: "user", user: userA });

  it("lists only their incidents, open first, and never internal notes", async () => {
    expect((await listPortalIncidents(db, a())).map((item) => item.reference).sort()).toEqual(
      [incidentA.reference, incidentA2.reference].sort(),
    );
    const view = await getPortalIncident(db, a(), incidentA.reference);
    expect(view.timeline.map((event) => event.message)).toEqual(["Raised from flows"]);
  });

  it("gets 'not found' for another organisation's incident and files, by reference or by guessed id", async () => {
    await expect(getPortalIncident(db, a(), incidentB.reference)).rejects.toSatisfy(refusal("NOT_FOUND"));
    await expect(
      getPortalEvidence(db, a(), { reference: incidentB.reference, evidenceId: evidenceB.id }),
    ).rejects.toSatisfy(refusal("NOT_FOUND"));
    await expect(
      getPortalEvidence(db, a(), { reference: incidentA.reference, evidenceId: evidenceB.id }),
    ).rejects.toSatisfy(refusal("NOT_FOUND"));
    await expect(acknowledgeIncident(db, { caller: a(), reference: incidentB.reference })).rejects.toSatisfy(
      refusal("NOT_FOUND"),
    );
    await expect(
      respondToIncident(db, { caller: a(), reference: incidentB.reference, steps: [], text: "x", attachments: [] }),
    ).rejects.toSatisfy(refusal("NOT_FOUND"));
    await expect(
      resolveIncidentByInstitution(db, { caller: a(), reference: incidentB.reference, rootCause: "other", note: "x" }),
    ).rejects.toSatisfy(refusal("NOT_FOUND"));
    expect((await db.incident.findUniqueOrThrow({ where: { id: incidentB.id } })).status).toBe("NOTIFIED");
  });

  it("staff are not portal callers", async () => {
    const analyst: CurrentUser = { ...userA, role: "ANALYST", organisationIds: [] };
    await expect(listPortalIncidents(db, { kind: "user", user: analyst })).rejects.toSatisfy(refusal("FORBIDDEN"));
  });
});

describe("the signed link from an e-mail", () => {
  it("opens its own incident only, allows acknowledge and respond, and not resolve", async () => {
    const { token } = await createResponseToken(db, {
      incidentId: incidentA.id,
      contactId: null,
      notificationId: null,
      email: "sec@a.example",
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    const caller = await callerFromLink(db, token);
    expect((await getPortalIncident(db, caller, incidentA.reference)).id).toBe(incidentA.id);
    await expect(getPortalIncident(db, caller, incidentA2.reference)).rejects.toSatisfy(refusal("NOT_FOUND"));
    await expect(getPortalIncident(db, caller, incidentB.reference)).rejects.toSatisfy(refusal("NOT_FOUND"));
    await expect(acknowledgeIncident(db, { caller, reference: incidentA2.reference })).rejects.toSatisfy(
      refusal("NOT_FOUND"),
    );

    expect(await acknowledgeIncident(db, { caller, reference: incidentA.reference })).toEqual({
      alreadyAcknowledged: false,
    });
    expect(await acknowledgeIncident(db, { caller, reference: incidentA.reference })).toEqual({
      alreadyAcknowledged: true,
    });
    const acknowledged = await db.incident.findUniqueOrThrow({ where: { id: incidentA.id } });
    expect(acknowledged.status).toBe("ACKNOWLEDGED");
    expect(acknowledged.acknowledgedAt).not.toBeNull();

    await respondToIncident(db, {
      caller,
      reference: incidentA.reference,
      steps: ["outboundBlocked", "hostLocated"],
      text: "Blocked at the border; it is a lab VM.",
      attachments: [],
    });
    const response = await db.timelineEvent.findFirstOrThrow({
      where: { incidentId: incidentA.id, type: "INSTITUTION_RESPONSE" },
    });
    expect(response.actorLabel).toBe("sec@a.example (e-mail link)");
    expect(response.message).toContain("Blocked at the border");
    // The steps keep their own words (NAT, VPN in capitals).
    expect(response.message).toContain("- The host behind the address is found (NAT, proxy or VPN logs checked)");

    // The checklist remembers: shown ticked, with who ticked it; only new ticks are news.
    const view = await getPortalIncident(db, caller, incidentA.reference);
    expect(Object.keys(view.checklist).sort()).toEqual(["hostLocated", "outboundBlocked"]);
    expect(view.checklist.outboundBlocked!.by).toBe("sec@a.example (e-mail link)");
    await expect(
      respondToIncident(db, {
        caller,
        reference: incidentA.reference,
        steps: ["outboundBlocked"],
        text: " ",
        attachments: [],
      }),
    ).rejects.toSatisfy(refusal("INVALID_INPUT"));
    await respondToIncident(db, {
      caller,
      reference: incidentA.reference,
      steps: ["outboundBlocked", "hostLocated", "passwordsAudited"],
      text: "",
      attachments: [],
    });
    const second = await db.timelineEvent.findFirstOrThrow({
      where: { incidentId: incidentA.id, type: "INSTITUTION_RESPONSE" },
      orderBy: { createdAt: "desc" },
    });
    expect(second.message).toBe("Done:\n- Passwords on the host are audited and weak ones replaced");
    expect(Object.keys((await getPortalIncident(db, caller, incidentA.reference)).checklist)).toHaveLength(3);
    await expect(
      resolveIncidentByInstitution(db, {
        caller,
        reference: incidentA.reference,
        rootCause: "weak-password",
        note: "x",
      }),
    ).rejects.toSatisfy(refusal("FORBIDDEN"));
    expect(await db.auditLog.count({ where: { action: "portal.link_used", targetId: incidentA.id } })).toBe(1);
  });

  it("stops working when it expires, is revoked, or has been tampered with", async () => {
    const expired = await createResponseToken(db, {
      incidentId: incidentA.id,
      contactId: null,
      notificationId: null,
      email: "sec@a.example",
      expiresAt: new Date(Date.now() - 1000),
    });
    await expect(callerFromLink(db, expired.token)).rejects.toThrow(/expired/);
    const live = await createResponseToken(db, {
      incidentId: incidentA2.id,
      contactId: null,
      notificationId: null,
      email: "sec@a.example",
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    const forged = `${live.token.split(".")[0]}.${"A".repeat(43)}`;
    await expect(callerFromLink(db, forged)).rejects.toThrow(/not valid/);
    const otherId = `${incidentB.id}.${live.token.split(".")[1]}`;
    await expect(callerFromLink(db, otherId)).rejects.toThrow(/not valid/);
    await revokeResponseTokens(db, { incidentId: incidentA2.id, revokedById: userA.id });
    await expect(callerFromLink(db, live.token)).rejects.toThrow(/withdrawn/);
  });
});

describe("resolving", () => {
  it("needs a note, records the root cause, and offers a pending allow-list entry for authorised activity", async () => {
    const b = (): PortalCaller => ({ kind: "user", user: userB });
    await expect(
      resolveIncidentByInstitution(db, {
        caller: b(),
        reference: incidentB.reference,
        rootCause: "authorised-activity",
        note: "  ",
      }),
    ).rejects.toSatisfy(refusal("INVALID_INPUT"));
    const until = new Date(Date.now() + 30 * 86_400_000);
    await resolveIncidentByInstitution(db, {
      caller: b(),
      reference: incidentB.reference,
      rootCause: "authorised-activity",
      note: "Our own vulnerability scanner.",
      allowListUntil: until,
    });
    const resolved = await db.incident.findUniqueOrThrow({ where: { id: incidentB.id }, include: { timeline: true } });
    expect(resolved).toMatchObject({
      status: "RESOLVED",
      rootCause: "authorised-activity",
      resolutionNote: "Our own vulnerability scanner.",
      resolvedBy: "institution: user@b.example",
    });
    expect(
      resolved.timeline.some((event) =>
        event.message.startsWith("Resolved by institution. Root cause: Authorised activity"),
      ),
    ).toBe(true);
    const entry = await db.allowListEntry.findFirstOrThrow({ where: { organisationId: orgB.id } });
    expect(entry).toMatchObject({ network: "198.51.100.10", approvedAt: null });
  });

  it("computes time to acknowledge and resolve from these events, per organisation", async () => {
    const a = await responseTimes(db, { organisationIds: [orgA.id] });
    expect(a.acknowledged).toBe(1);
    expect(a.resolved).toBe(0);
    expect(a.medianHoursToAcknowledge).toBeGreaterThanOrEqual(0);
    expect(a.medianHoursToResolve).toBeNull();
    const b = await responseTimes(db, { organisationIds: [orgB.id] });
    expect(b.resolved).toBe(1);
  });
});

describe("contact change requests", () => {
  it("are made by the organisation's own users and applied only when an analyst approves", async () => {
    await expect(
      requestContactChange(db, {
        user: userB,
        organisationId: orgA.id,
        change: { kind: "ADD_CONTACT", name: "X", email: "x@a.example", role: "SECURITY" },
      }),
    ).rejects.toSatisfy(refusal("NOT_FOUND"));
    const request = await requestContactChange(db, {
      user: userA,
      organisationId: orgA.id,
      change: { kind: "ADD_CONTACT", name: "New Person", email: "new@a.example", role: "ABUSE" },
    });
    expect(await db.contact.count({ where: { email: "new@a.example" } })).toBe(0);
    await decideContactChange(db, { requestId: request.id, approve: true, actor: { label: "analyst" } });
    expect(await db.contact.findFirstOrThrow({ where: { email: "new@a.example" } })).toMatchObject({
      role: "ABUSE",
      active: true,
      organisationId: orgA.id,
    });
    await expect(
      decideContactChange(db, { requestId: request.id, approve: false, actor: { label: "analyst" } }),
    ).rejects.toSatisfy(refusal("CONFLICT"));
  });
});

describe("attachments sent with a response", () => {
  const file = (name: string, bytes: Buffer | string) =>
    new File([typeof bytes === "string" ? Buffer.from(bytes) : new Uint8Array(bytes)], name);

  it("accepts logs and refuses what is not what it claims", async () => {
    const ok = await checkResponseAttachments([
      file("auth.log", "Aug 30 sshd: Failed password\n"),
      file("flows.gz", Buffer.from([0x1f, 0x8b, 8, 0, 0, 0])),
    ]);
    expect(ok.map((item) => [item.fileName, item.contentType])).toEqual([
      ["auth.log", "text/plain; charset=utf-8"],
      ["flows.gz", "application/gzip"],
    ]);
    await expect(checkResponseAttachments([file("evil.exe", "MZ")])).rejects.toThrow(/attach logs as/);
    await expect(
      checkResponseAttachments([file("fake.log", Buffer.from([0x4d, 0x5a, 0x00, 0x00, 0x01]))]),
    ).rejects.toThrow(/not what its name says/);
    await expect(checkResponseAttachments(Array.from({ length: 6 }, (_, i) => file(`${i}.txt`, "x")))).rejects.toThrow(
      /at most 5/,
    );
  });
});
