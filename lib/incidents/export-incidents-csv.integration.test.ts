import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { exportIncidentsCsv, resolveQueueQuery } from "./export-incidents-csv";
import { incidentCsvColumns, incidentsCsvStream } from "./incidents-csv";
import { parseIncidentQuery } from "./incident-query";
import { seedIncidents } from "@/test/support/seed-incidents";

const VIEWER = "00000000-0000-0000-0000-000000000000";
let orgA: string;
let orgB: string;

/** Read as bytes: Response.text() would drop the byte-order mark the file starts with. */
async function readAll(stream: ReadableStream<Uint8Array> | Response): Promise<string> {
  const bytes = await (stream instanceof Response ? stream : new Response(stream)).arrayBuffer();
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
}

beforeAll(async () => {
  const a = await db.organisation.create({ data: { name: "Alpha College", slug: "alpha-college" } });
  const b = await db.organisation.create({ data: { name: "Beta University", slug: "beta-university" } });
  orgA = a.id;
  orgB = b.id;
  await seedIncidents(orgA, { count: 2_300 });
  await seedIncidents(orgB, { count: 200, offset: 100_000, status: "CLOSED" });
  // A summary a spreadsheet would run as a formula, and one that needs quoting.
  const [first] = await db.incident.findMany({
    where: { organisationId: orgA },
    orderBy: { reference: "asc" },
    take: 1,
  });
  await db.incident.update({ where: { id: first!.id }, data: { summary: '=HYPERLINK("http://evil.example","x")' } });
  await db.incident.updateMany({
    where: { organisationId: orgB },
    data: { summary: "line one\nline two, with a comma" },
  });
});

describe("the queue's CSV export", () => {
  it("streams every matching incident in reference order, in batches, once each", async () => {
    const { query } = parseIncidentQuery({ status: "all" });
    const text = await readAll(incidentsCsvStream(db, { query, viewerId: VIEWER, audience: "staff", batchSize: 1000 }));
    expect(text.startsWith("\uFEFFreference,status,type,severity,tlp,organisation,")).toBe(true);
    const lines = text.slice(1).split("\r\n");
    expect(lines.at(-1)).toBe("");
    // Header + 2,300 + 200 incidents; the quoted newline in B's summaries is inside a cell.
    const references = [...text.matchAll(/\r\n(\d+),/g)].map((match) => Number(match[1]));
    expect(references).toHaveLength(2_500);
    expect(new Set(references).size).toBe(2_500);
    expect(references).toEqual([...references].sort((x, y) => x - y));
    expect(text).toContain(`,"line one\nline two, with a comma"\r\n`);
  });

  it("guards formula cells and applies the queue's filters", async () => {
    const open = await readAll(
      incidentsCsvStream(db, { query: parseIncidentQuery({}).query, viewerId: VIEWER, audience: "staff" }),
    );
    expect(open).toContain(`,"'=HYPERLINK(""http://evil.example"",""x"")"\r\n`);
    expect(open).not.toContain("Beta University");
    const closedOfB = await resolveQueueQuery(db, { status: "CLOSED", org: "beta-university" });
    const text = await readAll(incidentsCsvStream(db, { query: closedOfB, viewerId: VIEWER, audience: "staff" }));
    expect([...text.matchAll(/\r\n\d+,CLOSED,/g)]).toHaveLength(200);
    expect(text).not.toContain("Alpha College");
    const one = await resolveQueueQuery(db, { status: "all", q: "10.0.0.5" });
    const single = await readAll(incidentsCsvStream(db, { query: one, viewerId: VIEWER, audience: "staff" }));
    expect(single.trim().split("\r\n")).toHaveLength(2);
    await expect(resolveQueueQuery(db, { org: "no-such-organisation" })).rejects.toThrow(/No organisation/);
  });

  it("gives an institution its own organisations' incidents only, without the assignee, and audits the export", async () => {
    const { query } = parseIncidentQuery({ status: "all" });
    const response = await exportIncidentsCsv(db, {
      query,
      viewerId: VIEWER,
      organisationIds: [orgB],
      audience: "institution",
      actor: { label: "cert@beta.example" },
    });
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="incidents-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const text = await readAll(response);
    expect(text.slice(1, text.indexOf("\r\n"))).toBe(incidentCsvColumns("institution").join(","));
    expect(incidentCsvColumns("institution")).not.toContain("assignee");
    expect([...text.matchAll(/\r\n\d+,/g)]).toHaveLength(200);
    expect(text).not.toContain("Alpha College");
    const audit = await db.auditLog.findFirst({ where: { action: "incidents.export" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ actorLabel: "cert@beta.example", data: { organisationIds: [orgB] } });
    const none = await readAll(
      incidentsCsvStream(db, { query, viewerId: VIEWER, organisationIds: [], audience: "institution" }),
    );
    expect(none.trim().split("\r\n")).toHaveLength(1);
  });

  it("carries each incident's TLP and leaves TLP:RED out, for staff and institutions alike", async () => {
    const { query } = parseIncidentQuery({ status: "all" });
    const [red, strict] = await db.incident.findMany({
      where: { organisationId: orgB },
      orderBy: { reference: "asc" },
      take: 2,
    });
    await db.incident.update({ where: { id: red!.id }, data: { tlp: "RED" } });
    await db.incident.update({ where: { id: strict!.id }, data: { tlp: "AMBER_STRICT" } });
    try {
      for (const audience of ["staff", "institution"] as const) {
        const text = await readAll(
          incidentsCsvStream(db, { query, viewerId: VIEWER, organisationIds: [orgB], audience }),
        );
        expect(text.slice(1, text.indexOf("\r\n")).split(",")).toContain("tlp");
        const references = [...text.matchAll(/\r\n(\d+),/g)].map((match) => Number(match[1]));
        expect(references).toHaveLength(199);
        expect(references).not.toContain(red!.reference);
        expect(text).toContain(`\r\n${strict!.reference},CLOSED,SSH_SCAN,`);
        expect(text).toMatch(new RegExp(`\\r\\n${strict!.reference},[^\\r]*,TLP:AMBER\\+STRICT,`));
      }
    } finally {
      await db.incident.updateMany({ where: { id: { in: [red!.id, strict!.id] } }, data: { tlp: "AMBER" } });
    }
  });

  it("stops reading when the client goes away", async () => {
    const { query } = parseIncidentQuery({ status: "all" });
    const reader = incidentsCsvStream(db, { query, viewerId: VIEWER, audience: "staff", batchSize: 100 }).getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    const after = await reader.read();
    expect(after.done).toBe(true);
  });
});
