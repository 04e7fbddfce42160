import { beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { summarySentence } from "@/lib/ingest/detect";
import { buildTemplateView } from "@/lib/notify/build-notification-message";
import { getPortalIncident } from "@/lib/portal/portal-incidents";
import { setOrganisationTimeZone } from "./set-organisation-time-zone";

let organisationId: string;
let institution: CurrentUser;
let reference: number;
const actor = { id: null, label: "test" };
const FIRST = Date.parse("2027-01-09T02:02:08Z");
const LAST = Date.parse("2027-01-09T02:12:41Z");

beforeAll(async () => {
  organisationId = (
    await db.organisation.create({ data: { name: "Amsterdam Institute", slug: "amsterdam-institute" } })
  ).id;
  const user = await db.user.create({
    data: { email: "sec@ams.example", name: "Sec", role: "INSTITUTION", memberships: { create: { organisationId } } },
  });
  institution = {
    id: user.id,
    email: user.email,
    name: user.name,
    role: "INSTITUTION",
    organisationIds: [organisationId],
  };
  const summary = summarySentence({
    organisationName: "Amsterdam Institute",
    sourceIp: "192.0.2.45",
    port: 22,
    protocol: "tcp",
    flows: 300,
    firstSeen: FIRST,
    lastSeen: LAST,
  });
  const incident = await db.incident.create({
    data: {
      type: "SSH_SCAN",
      status: "NOTIFIED",
      organisationId,
      sourceIp: "192.0.2.45",
      port: 22,
      firstSeen: new Date(FIRST),
      lastSeen: new Date(LAST),
      flowCount: 300,
      summary,
      openKey: `SSH_SCAN:${organisationId}:192.0.2.45`,
    },
  });
  reference = incident.reference;
  await db.timelineEvent.create({
    data: {
      incidentId: incident.id,
      type: "NOTE",
      visibility: "INSTITUTION",
      actorKind: "STAFF",
      actorLabel: "ada",
      message: "Seen again at 2027-01-09T23:30:00Z.",
    },
  });
});

describe("an organisation's time zone", () => {
  it("starts as UTC, refuses a name the runtime does not know, and is audited when it changes", async () => {
    expect((await db.organisation.findUniqueOrThrow({ where: { id: organisationId } })).timeZone).toBe("UTC");
    await expect(setOrganisationTimeZone(db, { organisationId, timeZone: "Europe/Atlantis", actor })).rejects.toThrow(
      /not a time zone/,
    );
    expect(await setOrganisationTimeZone(db, { organisationId, timeZone: "Europe/Amsterdam", actor })).toEqual({
      changed: true,
    });
    expect(await setOrganisationTimeZone(db, { organisationId, timeZone: "Europe/Amsterdam", actor })).toEqual({
      changed: false,
    });
    const audits = await db.auditLog.findMany({ where: { action: "organisation.time-zone.update", organisationId } });
    expect(audits.map((audit) => audit.data)).toEqual([{ from: "UTC", to: "Europe/Amsterdam" }]);
  });

  it("is how the institution reads times on its portal and in its notices; the stored summary keeps ISO 8601", async () => {
    const view = await getPortalIncident(db, { kind: "user", user: institution }, reference);
    expect(view.summary).toContain("between 03:02 and 03:12 CET on 9 January 2027");
    expect(view.timeline.at(-1)?.message).toBe("Seen again at 10 January 2027, 00:30 CET.");
    const incident = await db.incident.findUniqueOrThrow({ where: { reference } });
    expect(incident.summary).toContain("between 2027-01-09T02:02:08+00:00 and 2027-01-09T02:12:41+00:00");
    const notice = buildTemplateView({
      incident,
      organisationName: "Amsterdam Institute",
      timeZone: view.timeZone,
      contactName: "Sec",
      sampleText: "",
      attachmentsNote: "",
      responseUrl: "http://127.0.0.1/respond/x",
      responseLinkExpires: new Date("2027-01-23T23:30:00Z"),
      notifiedAt: new Date("2027-01-09T02:20:00Z"),
    });
    expect(notice.period).toBe("between 03:02 and 03:12 CET on 9 January 2027");
    expect(notice.responseLinkExpires).toBe("24 January 2027");
    expect(notice.notifiedAt).toBe("9 January 2027, 03:20 CET");
    expect(notice.summary).toContain("2027-01-09T02:02:08+00:00");
  });
});
