import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/guards";
import { countWaitingWork } from "@/lib/dashboard/count-waiting-work";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createIngestRun } from "@/lib/ingest/create-ingest-run";
import { MINUTE, probes } from "@/lib/ingest/detect/test-support";
import { processIngestRun } from "@/lib/ingest/process-ingest-run";
import { mailTransport } from "@/lib/notify/transport";
import { addAllowListEntry } from "@/lib/orgs/add-allow-list-entry";
import { approveAllowListEntry } from "@/lib/orgs/approve-allow-list-entry";
import { listPendingAllowListEntries } from "@/lib/orgs/list-pending-allow-list-entries";
import { seedDefaults } from "@/prisma/seed";
import { seedFlowLines, writeFlows } from "@/test/support/flow-files";
import { startSmtpSink, type SmtpSink } from "@/test/support/smtp-sink";
import { deliverSuppressionNotices } from "./deliver-suppression-notices";
import { listOwnSuppressions } from "./list-suppressions";
import { queueExpiryWarnings } from "./queue-expiry-warnings";
import { refuseSuppression } from "./refuse-suppression";
import { requestSuppression } from "./request-suppression";

process.env.APP_URL = "http://localhost:3999";

const DAY = 86_400_000;
const analyst = { id: null, label: "analyst@csirt.example" };
let college: { id: string; name: string };
let university: { id: string; name: string };
let member: CurrentUser;
let outsider: CurrentUser;
let work: string;
let sink: SmtpSink;

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "csirt-suppressions-"));
  sink = await startSmtpSink();
  await seedDefaults(db);
  college = await db.organisation.create({
    data: {
      name: "Example College",
      slug: "example-college",
      timeZone: "Europe/London",
      blocks: { create: [{ network: "192.0.2.0/24" }, { network: "2001:db8:10::/48" }] },
      contacts: {
        create: [
          { name: "Sam Security", email: "security@example-college.example", role: "SECURITY" },
          { name: "Abuse desk", email: "abuse@example-college.example", role: "ABUSE" },
          { name: "Gone", email: "gone@example-college.example", active: false },
        ],
      },
    },
    select: { id: true, name: true },
  });
  university = await db.organisation.create({
    data: {
      name: "Sample University",
      slug: "sample-university",
      blocks: { create: [{ network: "198.51.100.0/24" }] },
    },
    select: { id: true, name: true },
  });
  const user = await db.user.create({
    data: {
      email: "it@example-college.example",
      name: "College IT",
      role: "INSTITUTION",
      memberships: { create: { organisationId: college.id } },
    },
  });
  member = { id: user.id, email: user.email, name: user.name, role: "INSTITUTION", organisationIds: [college.id] };
  const other = await db.user.create({
    data: {
      email: "it@sample-university.example",
      name: "University IT",
      role: "INSTITUTION",
      memberships: { create: { organisationId: university.id } },
    },
  });
  outsider = {
    id: other.id,
    email: other.email,
    name: other.name,
    role: "INSTITUTION",
    organisationIds: [university.id],
  };
});

afterAll(async () => {
  await sink.close();
  await rm(work, { recursive: true, force: true });
});

beforeEach(async () => {
  await db.allowListEntry.deleteMany();
  await db.incident.deleteMany();
  await db.ingestRun.deleteMany();
  await db.ingestStream.deleteMany();
  sink.messages.length = 0;
  sink.refuseWith = null;
});

describe("asking for a suppression in the portal", () => {
  const now = new Date("2027-03-01T12:00:00Z");
  const ask = (network: string, options: { reason?: string; expiresAt?: Date; user?: CurrentUser } = {}) =>
    requestSuppression(db, {
      user: options.user ?? member,
      organisationId: college.id,
      network,
      reason: options.reason ?? "Our weekly vulnerability scan",
      expiresAt: options.expiresAt ?? new Date("2027-06-01T00:00:00Z"),
      now,
    });

  it("refuses bad input with a clear reason and writes nothing", async () => {
    expect((await rejection(ask("198.51.100.10"))).message).toBe(
      "198.51.100.10/32 is not inside Example College's address space, so it cannot be suppressed for it.",
    );
    expect((await rejection(ask("192.0.2.0/99"))).code).toBe("INVALID_INPUT");
    expect((await rejection(ask("192.0.2.300"))).code).toBe("INVALID_INPUT");
    expect((await rejection(ask("scanner.example-college.example"))).code).toBe("INVALID_INPUT");
    expect((await rejection(ask("192.0.2.0/23"))).message).toContain("not inside Example College's address space");
    expect((await rejection(ask("192.0.2.10", { expiresAt: new Date("2028-03-03T00:00:00Z") }))).message).toBe(
      "A suppression can last at most 365 days; choose an earlier end date.",
    );
    expect((await rejection(ask("192.0.2.10", { expiresAt: new Date("2027-02-01T00:00:00Z") }))).message).toBe(
      "The end date must be in the future.",
    );
    expect((await rejection(ask("192.0.2.10", { reason: "   " }))).code).toBe("INVALID_INPUT");
    // Someone else's organisation is not theirs to ask for: "not found", as if it did not exist.
    const foreign = await rejection(
      requestSuppression(db, {
        user: outsider,
        organisationId: college.id,
        network: "192.0.2.10",
        reason: "Not ours",
        expiresAt: new Date("2027-06-01T00:00:00Z"),
        now,
      }),
    );
    expect(foreign.code).toBe("NOT_FOUND");
    expect(await db.allowListEntry.count()).toBe(0);
    expect(await db.auditLog.count({ where: { action: "suppression.request" } })).toBe(0);
  });

  it("normalises IPv4 and IPv6 blocks, records who asked, and refuses a duplicate of a pending or active one", async () => {
    const v4 = await ask("192.0.2.17/28");
    expect(v4).toMatchObject({ network: "192.0.2.16/28", normalisedFrom: "192.0.2.17/28" });
    const v6 = await ask("2001:DB8:10:5::1/64");
    expect(v6).toMatchObject({ network: "2001:db8:10:5::/64", normalisedFrom: "2001:DB8:10:5::1/64" });
    const stored = await db.allowListEntry.findUniqueOrThrow({ where: { id: v6.id } });
    expect(stored).toMatchObject({ network: "2001:db8:10:5::/64", approvedAt: null, createdById: member.id });

    expect((await rejection(ask("192.0.2.20"))).message).toBe(
      "A suppression of 192.0.2.16/28 is already waiting for approval.",
    );
    await approveAllowListEntry(db, { organisationId: college.id, entryId: v4.id, actor: analyst, now });
    const duplicate = await rejection(ask("192.0.2.16/28"));
    expect(duplicate.code).toBe("CONFLICT");
    expect(duplicate.message).toBe("192.0.2.16/28 is already suppressed until 2027-06-01.");
    // A larger block that is not itself covered is a new request.
    await ask("192.0.2.0/26");
    expect(await db.allowListEntry.count()).toBe(3);
    expect(await db.auditLog.count({ where: { action: "suppression.request", actorId: member.id } })).toBe(3);
  });
});

describe("analysts decide", () => {
  it("approves or refuses with a reason the institution reads, audited, counted while pending", async () => {
    const now = new Date();
    const inMonth = new Date(now.getTime() + 30 * DAY);
    const before = await countWaitingWork(db);
    const scanner = await requestSuppression(db, {
      user: member,
      organisationId: college.id,
      network: "192.0.2.10",
      reason: "Nessus scanner",
      expiresAt: inMonth,
    });
    const project = await requestSuppression(db, {
      user: member,
      organisationId: college.id,
      network: "192.0.2.128/25",
      reason: "Research project",
      expiresAt: inMonth,
    });
    expect((await countWaitingWork(db)).pendingRequests).toBe(before.pendingRequests + 2);
    expect((await listPendingAllowListEntries(db)).map((entry) => entry.network)).toEqual([
      "192.0.2.10",
      "192.0.2.128/25",
    ]);

    expect(
      (
        await rejection(
          refuseSuppression(db, { organisationId: college.id, entryId: project.id, reason: " ", actor: analyst }),
        )
      ).code,
    ).toBe("INVALID_INPUT");
    // The organisation is part of the lookup: another organisation's id does not reach it.
    expect(
      (
        await rejection(
          approveAllowListEntry(db, { organisationId: university.id, entryId: scanner.id, actor: analyst }),
        )
      ).code,
    ).toBe("NOT_FOUND");

    await approveAllowListEntry(db, { organisationId: college.id, entryId: scanner.id, actor: analyst });
    await refuseSuppression(db, {
      organisationId: college.id,
      entryId: project.id,
      reason: "Too wide: name the scanning hosts instead.",
      actor: analyst,
    });
    expect(
      (await rejection(approveAllowListEntry(db, { organisationId: college.id, entryId: project.id, actor: analyst })))
        .message,
    ).toBe("The suppression of 192.0.2.128/25 was refused.");
    expect(
      (
        await rejection(
          refuseSuppression(db, {
            organisationId: college.id,
            entryId: scanner.id,
            reason: "Changed my mind",
            actor: analyst,
          }),
        )
      ).code,
    ).toBe("CONFLICT");
    expect((await countWaitingWork(db)).pendingRequests).toBe(before.pendingRequests);
    expect(await listPendingAllowListEntries(db)).toEqual([]);

    const audit = await db.auditLog.findMany({
      where: { targetId: { in: [scanner.id, project.id] } },
      orderBy: { at: "asc" },
      select: { action: true, actorLabel: true, data: true },
    });
    expect(audit.map((entry) => entry.action)).toEqual([
      "suppression.request",
      "suppression.request",
      "organisation.allowlist.approve",
      "suppression.refuse",
    ]);
    expect(audit[3]).toMatchObject({
      actorLabel: "analyst@csirt.example",
      data: { reason: "Too wide: name the scanning hosts instead." },
    });

    const [own] = await listOwnSuppressions(db, { organisationIds: member.organisationIds });
    expect(own?.suppressions.map((row) => [row.network, row.state, row.refusalReason, row.requestedBy])).toEqual([
      ["192.0.2.128/25", "refused", "Too wide: name the scanning hosts instead.", "it@example-college.example"],
      ["192.0.2.10", "active", null, "it@example-college.example"],
    ]);
    // Institutions see only their own organisation's suppressions.
    const theirs = await listOwnSuppressions(db, { organisationIds: outsider.organisationIds });
    expect(theirs.map((organisation) => organisation.name)).toEqual(["Sample University"]);
    expect(theirs[0]?.suppressions).toEqual([]);
  });
});

describe("hits counted by the ingest", () => {
  /** Flows start an hour ago: recent enough for every plausibility check. */
  const start = Math.floor((Date.now() - 60 * MINUTE) / MINUTE) * MINUTE;

  async function ingest(name: string, flows: ReturnType<typeof probes>, stream = "border-1") {
    const file = await writeFlows(path.join(work, name), seedFlowLines(flows));
    const run = await createIngestRun(db, { source: "DROP_FOLDER", filePath: file, fileName: name, stream });
    return processIngestRun(db, run.id);
  }

  async function suppression(network: string, expiresAt: Date, approve = true) {
    const entry = await addAllowListEntry(db, {
      organisationId: college.id,
      network,
      reason: "Site vulnerability scanner",
      expiresAt: new Date(Date.now() + 30 * DAY),
      actor: analyst,
    });
    if (approve) await approveAllowListEntry(db, { organisationId: college.id, entryId: entry.id, actor: analyst });
    // The end date is set afterwards so a suppression can be made to have ended already.
    await db.allowListEntry.update({ where: { id: entry.id }, data: { expiresAt } });
    return entry.id;
  }

  it("adds one run's suppressed flows and the latest start to the entry, once per run, never for a duplicate", async () => {
    const id = await suppression("192.0.2.32/27", new Date(Date.now() + 30 * DAY));
    const first = probes("192.0.2.45", 150, { start, spanMs: 2 * MINUTE });
    const outcome = await ingest("first.txt", first);
    expect(outcome.run.status).toBe("SUCCEEDED");
    expect(outcome.incidents).toEqual([]);
    expect(await db.incident.count()).toBe(0);
    let entry = await db.allowListEntry.findUniqueOrThrow({ where: { id } });
    expect(entry.hitCount).toBe(150n);
    expect(entry.lastHitAt?.getTime()).toBe(first.at(-1)!.start);

    // A second file from another host of the block adds to the count; lastHitAt only moves forward.
    const second = probes("192.0.2.46", 40, { start: start - 30 * MINUTE, spanMs: MINUTE });
    await ingest("second.txt", second, "border-2");
    entry = await db.allowListEntry.findUniqueOrThrow({ where: { id } });
    expect(entry.hitCount).toBe(190n);
    expect(entry.lastHitAt?.getTime()).toBe(first.at(-1)!.start);

    // The same file again under another name is a duplicate run: nothing is counted twice.
    const again = await ingest("first-copy.txt", first);
    expect(again.run.status).toBe("DUPLICATE");
    expect((await db.allowListEntry.findUniqueOrThrow({ where: { id } })).hitCount).toBe(190n);

    const [own] = await listOwnSuppressions(db, { organisationIds: member.organisationIds });
    expect(own?.suppressions[0]).toMatchObject({ hits: 190, state: "active" });
  });

  it("stops applying at its end: flows after it raise an incident and are not hits; pending and refused ones never apply", async () => {
    // One flow a second: the file's whole-second times are the flows' own.
    const flows = probes("192.0.2.45", 300, { start, spanMs: 299_000 });
    const ended = await suppression("192.0.2.45", new Date(flows[100]!.start));
    const pending = await suppression("192.0.2.0/25", new Date(Date.now() + 30 * DAY), false);
    const refused = await suppression("192.0.2.0/24", new Date(Date.now() + 30 * DAY), false);
    await refuseSuppression(db, { organisationId: college.id, entryId: refused, reason: "Too wide.", actor: analyst });
    const outcome = await ingest("after-the-end.txt", flows);
    expect(outcome.incidents).toHaveLength(1);
    const incident = await db.incident.findFirstOrThrow({ where: { sourceIp: "192.0.2.45" } });
    expect(incident.flowCount).toBe(200);
    const entries = await db.allowListEntry.findMany({ where: { id: { in: [ended, pending, refused] } } });
    expect(entries.find((entry) => entry.id === ended)).toMatchObject({ hitCount: 100n });
    expect(entries.find((entry) => entry.id === pending)).toMatchObject({ hitCount: 0n, lastHitAt: null });
    expect(entries.find((entry) => entry.id === refused)).toMatchObject({ hitCount: 0n, lastHitAt: null });

    // An entry that ended before every flow of a file does nothing at all.
    await db.incident.deleteMany();
    const later = probes("192.0.2.45", 150, { start: start + 10 * MINUTE, spanMs: 2 * MINUTE, firstTarget: 1000 });
    await ingest("later.txt", later, "border-3");
    expect(await db.incident.count()).toBe(1);
    expect((await db.allowListEntry.findUniqueOrThrow({ where: { id: ended } })).hitCount).toBe(100n);
  });
});

describe("the week-before warning", () => {
  const now = new Date("2027-03-01T06:17:00Z");

  async function active(network: string, expiresAt: Date, approve = true) {
    const entry = await addAllowListEntry(db, {
      organisationId: college.id,
      network,
      reason: "Nessus scanner",
      expiresAt,
      actor: analyst,
      now: new Date(now.getTime() - DAY),
    });
    if (approve)
      await approveAllowListEntry(db, {
        organisationId: college.id,
        entryId: entry.id,
        actor: analyst,
        now: new Date(now.getTime() - DAY),
      });
    return entry.id;
  }

  it("is queued once per suppression ending within the week and sent once to the organisation's active contacts", async () => {
    const soon = await active("192.0.2.10", new Date("2027-03-06T00:00:00Z"));
    await active("192.0.2.11", new Date("2027-03-20T00:00:00Z")); // more than a week away
    await active("192.0.2.12", new Date("2027-03-05T00:00:00Z"), false); // never approved
    await db.allowListEntry.update({ where: { id: soon }, data: { hitCount: 1234n } });

    expect(await queueExpiryWarnings(db, { warningDays: 7, now })).toBe(1);
    expect(await queueExpiryWarnings(db, { warningDays: 7, now })).toBe(0);
    expect(await queueExpiryWarnings(db, { warningDays: 7, now: new Date(now.getTime() + DAY) })).toBe(0);

    // Two workers at once: each message is claimed by one of them.
    const transport = mailTransport(sink.url);
    const [a, b] = await Promise.all([
      deliverSuppressionNotices(db, { transport, now: () => now }),
      deliverSuppressionNotices(db, { transport, now: () => now }),
    ]);
    expect(a.sent + b.sent).toBe(1);
    expect(sink.messages).toHaveLength(1);
    const [message] = sink.messages;
    expect(message!.envelopeTo.sort()).toEqual(["abuse@example-college.example", "security@example-college.example"]);
    expect(message!.parsed.subject).toBe("Suppression of 192.0.2.10 ends on 6 March 2027");
    expect(message!.parsed.text).toContain('leaving 192.0.2.10 alone at your request ("Nessus scanner")');
    expect(message!.parsed.text).toContain("held back 1,234 connections");
    expect(message!.parsed.text).toContain("http://localhost:3999/portal/suppressions");
    expect(message!.parsed.headers.get("auto-submitted")).toBe("auto-generated");
    const notice = await db.suppressionNotice.findFirstOrThrow({ where: { allowListEntryId: soon } });
    expect(notice).toMatchObject({ state: "SENT", attempts: 1 });
    expect(message!.parsed.messageId).toBe(notice.messageId);

    expect(await deliverSuppressionNotices(db, { transport, now: () => new Date(now.getTime() + DAY) })).toEqual({
      sent: 0,
      retry: 0,
      failed: 0,
    });
    expect(sink.messages).toHaveLength(1);
  });

  it("keeps a warning the server refused for now, sends it later with the same Message-ID, and gives up on a permanent refusal", async () => {
    const first = await active("192.0.2.20", new Date("2027-03-04T00:00:00Z"));
    expect(await queueExpiryWarnings(db, { warningDays: 7, now })).toBe(1);
    const transport = mailTransport(sink.url);
    sink.refuseWith = 451;
    expect(await deliverSuppressionNotices(db, { transport, now: () => now })).toEqual({
      sent: 0,
      retry: 1,
      failed: 0,
    });
    const waiting = await db.suppressionNotice.findFirstOrThrow({ where: { allowListEntryId: first } });
    expect(waiting.state).toBe("QUEUED");
    expect(waiting.lastError).toContain("451");
    sink.refuseWith = null;
    // Not due yet: nothing is sent before the backoff.
    expect((await deliverSuppressionNotices(db, { transport, now: () => now })).sent).toBe(0);
    const later = new Date(now.getTime() + 10 * MINUTE);
    expect((await deliverSuppressionNotices(db, { transport, now: () => later })).sent).toBe(1);
    expect(sink.messages).toHaveLength(1);
    expect(sink.messages[0]!.parsed.messageId).toBe(waiting.messageId);

    const second = await active("192.0.2.21", new Date("2027-03-04T00:00:00Z"));
    expect(await queueExpiryWarnings(db, { warningDays: 7, now })).toBe(1);
    sink.refuseWith = 550;
    expect(await deliverSuppressionNotices(db, { transport, now: () => later })).toEqual({
      sent: 0,
      retry: 0,
      failed: 1,
    });
    expect((await db.suppressionNotice.findFirstOrThrow({ where: { allowListEntryId: second } })).state).toBe("FAILED");
  });
});
