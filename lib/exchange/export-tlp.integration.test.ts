import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { Tlp } from "@/lib/generated/prisma/enums";
import { changeEvidenceTlp, changeIncidentTlp } from "@/lib/tlp/change-tlp";
import {
  type ApiWorld,
  apiV1Handlers,
  buildApiWorld,
  callApi,
  incidentIn,
  nextAddress,
} from "@/test/support/api-world";
import { checkMispEvent } from "@/test/support/misp-structure";
import { checkStixBundle } from "@/test/support/stix-structure";

/**
 * TLP 2.0 in the exports, through the real API routes: RED never leaves (refused one by one, left
 * out of sets), AMBER+STRICT goes only to the organisation's own token, a file marked stricter
 * than its incident stays behind, and the marking is in every incident the API returns.
 */

process.env.AUTH_SECRET ??= "test-secret-for-response-links-0123456789";

type Handlers = Awaited<ReturnType<typeof apiV1Handlers>>;
let world: ApiWorld;
let handlers: Handlers;
const staffActor = { id: null, label: "token:test", kind: "STAFF" as const };

async function marked(organisationId: string, prefix: "192.0.2" | "198.51.100", tlp: Tlp) {
  const incident = await incidentIn(organisationId, nextAddress(prefix));
  await db.incident.update({ where: { id: incident.id }, data: { tlp } });
  return incident;
}

const get = (path: string, token: string) => callApi(handlers, { method: "GET", path, token });

beforeAll(async () => {
  world = await buildApiWorld();
  handlers = await apiV1Handlers();
});

describe("exporting one incident", () => {
  it("an AMBER incident goes to a staff token as a MISP event and a STIX bundle that pass their checks", async () => {
    const amber = await marked(world.orgA.id, "192.0.2", "AMBER");
    const misp = await get(`/api/v1/incidents/${amber.reference}/export?format=misp`, world.tokens.staff);
    expect(misp.status).toBe(200);
    expect(misp.headers.get("content-disposition")).toBe(`attachment; filename="csirt-${amber.reference}.misp.json"`);
    const event = await misp.json();
    expect(checkMispEvent(event)).toEqual([]);
    expect(event.Event.Tag).toEqual([{ name: "tlp:amber" }]);

    const stix = await get(`/api/v1/incidents/${amber.reference}/export?format=stix`, world.tokens.staff);
    expect(stix.headers.get("content-type")).toBe("application/stix+json;version=2.1");
    const bundle = await stix.json();
    expect(checkStixBundle(bundle)).toEqual([]);
    // Exported again: the same ids, so a receiver updates rather than duplicates.
    const again = await (
      await get(`/api/v1/incidents/${amber.reference}/export?format=stix`, world.tokens.staff)
    ).json();
    expect(again).toEqual(bundle);
  });

  it("a RED incident is refused to everyone with a problem document that says why", async () => {
    const red = await marked(world.orgA.id, "192.0.2", "RED");
    for (const token of [world.tokens.staff, world.tokens.institutionA]) {
      const response = await get(`/api/v1/incidents/${red.reference}/export?format=misp`, token);
      expect(response.status).toBe(403);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      const problem = await response.json();
      expect(problem).toMatchObject({
        type: expect.stringMatching(/#problem-tlp-restricted$/),
        title: "The incident's TLP marking does not allow this",
        status: 403,
      });
      expect(problem.detail).toContain("TLP:RED");
    }
  });

  it("AMBER+STRICT is refused to a staff (sharing) export but goes to the organisation's own token", async () => {
    const strict = await marked(world.orgA.id, "192.0.2", "AMBER_STRICT");
    const staff = await get(`/api/v1/incidents/${strict.reference}/export?format=stix`, world.tokens.staff);
    expect(staff.status).toBe(403);
    expect((await staff.json()).detail).toContain("TLP:AMBER+STRICT");
    const own = await get(`/api/v1/incidents/${strict.reference}/export?format=misp`, world.tokens.institutionA);
    expect(own.status).toBe(200);
    const event = await own.json();
    expect(checkMispEvent(event)).toEqual([]);
    expect(event.Event.Tag).toEqual([{ name: "tlp:amber+strict" }]);
  });

  it("another organisation's incident is not found for an organisation's token", async () => {
    const theirs = await marked(world.orgB.id, "198.51.100", "GREEN");
    const response = await get(`/api/v1/incidents/${theirs.reference}/export?format=misp`, world.tokens.institutionA);
    expect(response.status).toBe(404);
  });

  it("a file marked RED on an AMBER incident stays behind; the incident still goes", async () => {
    const amber = await marked(world.orgA.id, "192.0.2", "AMBER");
    await changeEvidenceTlp(db, { incidentId: amber.id, evidenceId: amber.evidenceId, tlp: "RED", actor: staffActor });
    const event = await (
      await get(`/api/v1/incidents/${amber.reference}/export?format=misp`, world.tokens.staff)
    ).json();
    expect(event.Event.Attribute.map((attribute: { type: string }) => attribute.type)).toEqual(["ip-src"]);
    const bundle = await (
      await get(`/api/v1/incidents/${amber.reference}/export?format=stix`, world.tokens.staff)
    ).json();
    expect(bundle.objects.some((object: { type: string }) => object.type === "artifact")).toBe(false);
    const download = await get(`/api/v1/incidents/${amber.reference}/evidence/${amber.evidenceId}`, world.tokens.staff);
    expect(download.status).toBe(403);
    expect((await download.json()).type).toMatch(/#problem-tlp-restricted$/);
    const detail = await (await get(`/api/v1/incidents/${amber.reference}`, world.tokens.staff)).json();
    expect(detail.tlp).toBe("AMBER");
    expect(detail.evidence[0].tlp).toBe("RED");
  });
});

describe("exporting a filtered set", () => {
  it("leaves out RED and AMBER+STRICT for a staff token, RED for the organisation, and another organisation's for it", async () => {
    const ids: Record<string, number> = {};
    for (const tlp of ["CLEAR", "GREEN", "AMBER", "AMBER_STRICT", "RED"] as Tlp[])
      ids[`A-${tlp}`] = (await marked(world.orgA.id, "192.0.2", tlp)).reference;
    ids["B-GREEN"] = (await marked(world.orgB.id, "198.51.100", "GREEN")).reference;
    const referencesIn = (document: { response: Array<{ Event: { info: string } }> }) =>
      document.response.map(({ Event }) => Number(/#(\d+)\)$/.exec(Event.info)![1]));

    const staff = await (await get("/api/v1/incidents/export?format=misp&status=all", world.tokens.staff)).json();
    for (const { Event } of staff.response) expect(checkMispEvent({ Event })).toEqual([]);
    const staffRefs = referencesIn(staff);
    expect(staffRefs).toEqual(expect.arrayContaining([ids["A-CLEAR"], ids["A-GREEN"], ids["A-AMBER"], ids["B-GREEN"]]));
    expect(staffRefs).not.toContain(ids["A-AMBER_STRICT"]);
    expect(staffRefs).not.toContain(ids["A-RED"]);
    const tags = new Set(
      staff.response.map(({ Event }: { Event: { Tag: Array<{ name: string }> } }) => Event.Tag[0]!.name),
    );
    expect([...tags].filter((tag) => tag === "tlp:red" || tag === "tlp:amber+strict")).toEqual([]);

    const own = await (await get("/api/v1/incidents/export?format=misp&status=all", world.tokens.institutionA)).json();
    const ownRefs = referencesIn(own);
    expect(ownRefs).toEqual(expect.arrayContaining([ids["A-CLEAR"], ids["A-AMBER_STRICT"]]));
    expect(ownRefs).not.toContain(ids["A-RED"]);
    expect(ownRefs).not.toContain(ids["B-GREEN"]);

    const bundle = await (await get("/api/v1/incidents/export?format=stix&status=all", world.tokens.staff)).json();
    expect(checkStixBundle(bundle)).toEqual([]);
    const markings = bundle.objects.filter((object: { type: string }) => object.type === "marking-definition");
    expect(markings.map((marking: { name: string }) => marking.name).sort()).toEqual([
      "TLP:AMBER",
      "TLP:CLEAR",
      "TLP:GREEN",
    ]);
  });

  it("refuses an unknown format and a filter only staff may use, as problem documents", async () => {
    const bad = await get("/api/v1/incidents/export?format=csv", world.tokens.staff);
    expect(bad.status).toBe(422);
    const staffOnly = await get(
      `/api/v1/incidents/export?format=misp&org=${world.orgB.slug}`,
      world.tokens.institutionA,
    );
    expect(staffOnly.status).toBe(422);
  });
});

describe("changing the marking", () => {
  it("is on the timeline for the institution (actorKind STAFF) and in the audit log; the same marking again records nothing", async () => {
    const incident = await marked(world.orgA.id, "192.0.2", "AMBER");
    const actor = { id: world.analyst.id, label: "analyst@csirt.example" };
    expect(
      await changeIncidentTlp(db, { incidentId: incident.id, tlp: "RED", reason: "Named recipients only.", actor }),
    ).toMatchObject({
      changed: true,
      tlp: "RED",
    });
    expect((await changeIncidentTlp(db, { incidentId: incident.id, tlp: "RED", actor })).changed).toBe(false);
    const events = await db.timelineEvent.findMany({ where: { incidentId: incident.id, type: "TLP_CHANGED" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorKind: "STAFF", visibility: "INSTITUTION" });
    expect(events[0]!.message).toContain("Marked TLP:RED (was TLP:AMBER)");
    const audit = await db.auditLog.findMany({ where: { action: "incident.tlp", targetId: incident.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.data).toMatchObject({ from: "AMBER", to: "RED", reason: "Named recipients only." });
  });

  it("a file can only be marked stricter than its incident", async () => {
    const incident = await marked(world.orgA.id, "192.0.2", "AMBER");
    await expect(
      changeEvidenceTlp(db, {
        incidentId: incident.id,
        evidenceId: incident.evidenceId,
        tlp: "GREEN",
        actor: staffActor,
      }),
    ).rejects.toThrow(/stricter/);
    await expect(
      changeEvidenceTlp(db, {
        incidentId: incident.id,
        evidenceId: incident.evidenceId,
        tlp: "AMBER",
        actor: staffActor,
      }),
    ).rejects.toThrow(/stricter/);
    const evidence = await db.evidence.findUniqueOrThrow({ where: { id: incident.evidenceId } });
    expect(evidence.tlp).toBeNull();
  });
});
