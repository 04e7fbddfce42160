import { readFile } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { describeWithShared, fixture, sharedSample } from "@/test/support/samples";
import { recordThirdPartyReport } from "./record-third-party-report";

const actor = { label: "analyst@csirt.example" };

beforeAll(async () => {
  await db.organisation.create({
    data: { name: "Harwell College", slug: "harwell-college", blocks: { create: [{ network: "212.219.244.0/24" }] } },
  });
  await db.organisation.create({
    data: { name: "Example College", slug: "example-college", blocks: { create: [{ network: "192.0.2.0/24" }] } },
  });
  await db.organisation.create({
    data: {
      name: "Sample University",
      slug: "sample-university",
      blocks: { create: [{ network: "198.51.100.0/24" }, { network: "2001:db8:10::/48" }] },
    },
  });
  // Sources in the loghub sample, made members here so the sample raises incidents.
  await db.organisation.create({
    data: {
      name: "Loghub Test University",
      slug: "loghub-test",
      blocks: { create: [{ network: "183.62.140.0/24" }, { network: "112.95.230.0/24" }] },
    },
  });
});

describe("third-party sshd reports", () => {
  it("reads the seed's pasted example (two records run together on one line) into one incident", async () => {
    const pasted =
      "Aug 30 18:50:35 gorgon sshd[429]: [ID 800047 auth.info] Failed password for root from 212.219.244.66 port 37781 ssh2 " +
      "Aug 30 18:50:35 gorgon sshd[429]: [ID 800047 auth.info] Failed password for root from 212.219.244.66 port 37781 ssh2";
    const result = await recordThirdPartyReport(db, {
      text: pasted,
      reporter: "Example Hosting CERT",
      year: 2010,
      actor,
    });
    expect(result.events).toBe(2);
    expect(result.incidents).toEqual([
      expect.objectContaining({
        organisation: "Harwell College",
        sourceIp: "212.219.244.66",
        attempts: 2,
        action: "created",
      }),
    ]);
    const incident = await db.incident.findUniqueOrThrow({
      where: { id: result.incidents[0]!.incidentId },
      include: { evidence: true },
    });
    expect(incident.type).toBe("SSH_BRUTE_FORCE_REPORT");
    expect(incident.summary).toBe(
      "An IP at Harwell College, 212.219.244.66 was reported by Example Hosting CERT for 2 failed SSH login attempts between 2010-08-30T18:50:35+00:00 and 2010-08-30T18:50:35+00:00.",
    );
    const log = Buffer.from(incident.evidence[0]!.content).toString("utf8").trim().split("\n");
    expect(log).toHaveLength(2);
    expect(log[0]).toMatch(
      /^Aug 30 18:50:35 gorgon sshd\[429\]: .*Failed password for root from 212\.219\.244\.66 port 37781 ssh2$/,
    );

    const again = await recordThirdPartyReport(db, {
      text: pasted,
      reporter: "Example Hosting CERT",
      year: 2010,
      actor,
    });
    expect(again.incidents[0]).toMatchObject({ incidentId: incident.id, action: "updated" });
    expect((await db.incident.findUniqueOrThrow({ where: { id: incident.id } })).flowCount).toBe(4);
  });

  it("on our own example log, raises one incident per member source (the IPv4-mapped line with its host) and lists the rest", async () => {
    const text = await readFile(fixture("sshd", "auth-example.log"), "utf8");
    const result = await recordThirdPartyReport(db, { text, reporter: "Example Hosting CERT", year: 2027, actor });
    expect(result.lines).toBe(16);
    expect(result.events).toBe(16);
    expect(result.incidents.map(({ sourceIp, organisation, attempts }) => [sourceIp, organisation, attempts])).toEqual(
      expect.arrayContaining([
        ["192.0.2.45", "Example College", 11],
        ["198.51.100.9", "Sample University", 3],
        ["2001:db8:10::77", "Sample University", 1],
      ]),
    );
    expect(result.incidents).toHaveLength(3);
    expect(result.outsideMembers).toEqual(["203.0.113.77"]);
  });
});

describeWithShared("samples/loghub-OpenSSH_2k.log", "third-party sshd reports on a real log", () => {
  it("on the real loghub sample, raises incidents only for sources inside member networks", async () => {
    const text = await readFile(sharedSample("loghub-OpenSSH_2k.log"), "utf8");
    const result = await recordThirdPartyReport(db, { text, reporter: "loghub", year: 2024, actor });
    expect(result.lines).toBe(2000);
    expect(result.incidents.map((incident) => incident.sourceIp).sort()).toEqual(["112.95.230.3", "183.62.140.253"]);
    expect(result.outsideMembers.length).toBeGreaterThan(5);
    expect(result.outsideMembers).not.toContain("183.62.140.253");
    const busiest = result.incidents.find((incident) => incident.sourceIp === "183.62.140.253")!;
    expect(busiest.attempts).toBeGreaterThan(100);
  });
});

describe("third-party sshd reports: refusals", () => {
  it("refuses text with no failed logins, saying what it expects", async () => {
    await expect(recordThirdPartyReport(db, { text: "hello\nworld\n", reporter: "x", actor })).rejects.toSatisfy(
      (error) => isAppError(error, "INVALID_INPUT"),
    );
  });
});
