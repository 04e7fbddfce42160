import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseSshdLog, summariseBySource } from "./sshd-log";
import { describeWithShared, fixture, sharedPath, sharedSample, utc } from "./test-support";

const LOGHUB = "loghub-OpenSSH_2k.log";
const SEED = "seed/investigating-ssh-port-scans.txt";

describe("sshd log: our own example, every line form (test/fixtures/sshd/auth-example.log, CRLF)", () => {
  const result = parseSshdLog(readFileSync(fixture("../sshd/auth-example.log"), "utf8"), { year: 2027 });
  const rows = result.events.map((event) => [event.line, event.kind, event.sourceIp, event.sourcePort, event.user]);

  it("reads syslog, Solaris, joined, repeated and ISO 8601 lines of every kind, and rejects prose", () => {
    expect(result.lines).toBe(16);
    expect(result.rejected).toEqual([{ line: 16, reason: "no syslog or ISO 8601 log header" }]);
    expect(rows).toEqual([
      [1, "invalid-user", "192.0.2.45", null, "admin"],
      [2, "failed-password", "192.0.2.45", 41000, "admin"],
      [3, "failed-password", "192.0.2.45", 41001, "root"],
      [4, "failed-password", "192.0.2.45", 41001, "root"],
      [4, "failed-password", "192.0.2.45", 41001, "root"],
      [4, "failed-password", "192.0.2.45", 41001, "root"],
      [5, "invalid-user", "192.0.2.45", 41002, "oracle"],
      [6, "disconnected-preauth", "192.0.2.45", 41002, "oracle"],
      [7, "closed-preauth", "192.0.2.45", 41003, "root"],
      [8, "failed-publickey", "192.0.2.45", 41004, "git"],
      [9, "failed-password", "192.0.2.45", 41005, "root"],
      [12, "failed-password", "198.51.100.9", 50022, "root"],
      [12, "failed-password", "198.51.100.9", 50022, "root"],
      [13, "failed-password", "198.51.100.9", 50023, "test"],
      [14, "invalid-user", "2001:db8:10::77", 50024, "pi"],
      [15, "failed-password", "203.0.113.77", 60000, "root"],
    ]);
  });

  it("reads times with and without a year, with offsets and fractions", () => {
    const at = (line: number) => result.events.find((event) => event.line === line)!.time;
    expect(at(1)).toBe(utc("2027-01-09T02:10:00"));
    expect(at(13)).toBe(utc("2027-01-09T02:10:12.250"));
    expect(at(14)).toBe(utc("2027-01-09T02:10:13")); // 03:10:13+01:00
    expect(result.events[0]).toMatchObject({
      host: "relay01",
      raw: "Jan  9 02:10:00 relay01 sshd[3101]: Invalid user admin from 192.0.2.45",
    });
  });

  it("summarises by source, the IPv4-mapped line counted with its IPv4 host", () => {
    expect(summariseBySource(result.events).map(({ sourceIp, count, users }) => [sourceIp, count, users])).toEqual([
      ["192.0.2.45", 11, ["admin", "root", "oracle", "git"]],
      ["198.51.100.9", 3, ["root", "test"]],
      ["2001:db8:10::77", 1, ["pi"]],
      ["203.0.113.77", 1, ["root"]],
    ]);
  });
});

describeWithShared(`samples/${LOGHUB}`, "sshd log: loghub OpenSSH_2k (real, CRLF)", () => {
  const text = existsSync(sharedSample(LOGHUB)) ? readFileSync(sharedSample(LOGHUB), "utf8") : "";
  const result = parseSshdLog(text, { year: 2017 });
  const ofKind = (kind: string) => result.events.filter((event) => event.kind === kind);

  it("finds every failed password", () => {
    expect(result.lines).toBe(2000);
    expect(result.rejected).toEqual([]);
    // grep -c 'Failed password' = 520 lines: 518 plain, and 2 "message repeated 5 times: [ Failed password ...]"
    const failed = ofKind("failed-password");
    expect(new Set(failed.map((event) => event.line)).size).toBe(520);
    expect(failed).toHaveLength(518 + 2 * 5);
    // grep -c 'Failed password for invalid user' = 135
    expect(failed.filter((event) => event.raw.includes("for invalid user")).length).toBe(135);
  });

  it("finds invalid users and connections closed before authentication", () => {
    expect(ofKind("invalid-user")).toHaveLength(113); // grep -c 'Invalid user'
    expect(ofKind("closed-preauth")).toHaveLength(34); // grep -c 'Connection closed by .* \[preauth\]'
    expect(ofKind("failed-publickey")).toHaveLength(0); // grep -c 'Failed publickey'
  });

  it("reads time, host, source, port and user", () => {
    // line 6: Dec 10 06:55:48 LabSZ sshd[24200]: Failed password for invalid user webmaster from 173.234.31.186 port 38926 ssh2
    expect(ofKind("failed-password")[0]).toEqual({
      time: utc("2017-12-10T06:55:48"),
      host: "LabSZ",
      sourceIp: "173.234.31.186",
      sourcePort: 38926,
      user: "webmaster",
      kind: "failed-password",
      raw: "Dec 10 06:55:48 LabSZ sshd[24200]: Failed password for invalid user webmaster from 173.234.31.186 port 38926 ssh2",
      line: 6,
    });
    // line 2: Dec 10 06:55:46 LabSZ sshd[24200]: Invalid user webmaster from 173.234.31.186
    expect(ofKind("invalid-user")[0]).toMatchObject({ line: 2, sourcePort: null, user: "webmaster" });
  });

  it("summarises by source: 183.62.140.253 is the busiest", () => {
    const summary = summariseBySource(result.events);
    const top = summary[0]!;
    expect(top.sourceIp).toBe("183.62.140.253");
    // grep 183.62.140.253: 286 "Failed password" lines (276 for root) and 9 "Invalid user" lines
    expect(top.count).toBe(295);
    expect(ofKind("failed-password").filter((event) => event.sourceIp === "183.62.140.253")).toHaveLength(286);
    expect(top.users).toHaveLength(10);
    expect(top.users).toEqual(
      expect.arrayContaining(["root", "git", "oracle", "zhangyan", "boot", "dff", "test", "ubuntu"]),
    );
    expect(top.first).toBeLessThanOrEqual(top.last);
    expect(summary.reduce((sum, source) => sum + source.count, 0)).toBe(result.events.length);
  });
});

describe("sshd log: the seed's two joined Solaris lines", () => {
  const joined =
    "Aug 30 18:50:35 gorgon sshd[429]: [ID 800047 auth.info] Failed password for root from 212.219.244.66 port 37781 ssh2 " +
    "Aug 30 18:50:35 gorgon sshd[429]: [ID 800047 auth.info] Failed password for root from 212.219.244.66 port 37781 ssh2";

  it("splits them into two events", () => {
    const result = parseSshdLog(joined, { year: 2010 });
    expect(result.lines).toBe(1);
    expect(result.events).toHaveLength(2);
    for (const event of result.events) {
      expect(event).toEqual({
        time: utc("2010-08-30T18:50:35"),
        host: "gorgon",
        sourceIp: "212.219.244.66",
        sourcePort: 37781,
        user: "root",
        kind: "failed-password",
        raw: "Aug 30 18:50:35 gorgon sshd[429]: [ID 800047 auth.info] Failed password for root from 212.219.244.66 port 37781 ssh2",
        line: 1,
      });
    }
    expect(summariseBySource(result.events)).toEqual([
      {
        sourceIp: "212.219.244.66",
        count: 2,
        first: utc("2010-08-30T18:50:35"),
        last: utc("2010-08-30T18:50:35"),
        users: ["root"],
      },
    ]);
  });
});

describeWithShared(SEED, "sshd log: the seed document's pasted lines", () => {
  it("reads the seed document itself", () => {
    const seed = readFileSync(sharedPath(SEED), "utf8");
    const line = seed.split("\n").find((candidate) => candidate.startsWith("Aug 30"))!;
    expect(parseSshdLog(line, { year: 2010 }).events).toHaveLength(2);
  });
});

describe("sshd log: a dual-stack server's IPv4-mapped sources", () => {
  it("records the IPv4 host, so that its events and the same host's IPv4 lines are one source", () => {
    const text = [
      "Mar  1 10:00:00 bastion sshd[1]: Failed password for root from ::ffff:10.66.0.9 port 40000 ssh2",
      "Mar  1 10:00:01 bastion sshd[2]: Invalid user pi from ::FFFF:10.66.0.9 port 40001",
      "Mar  1 10:00:02 bastion sshd[3]: Failed password for root from 10.66.0.9 port 40002 ssh2",
    ].join("\n");
    const result = parseSshdLog(text, { year: 2024 });
    expect(result.events.map((event) => event.sourceIp)).toEqual(["10.66.0.9", "10.66.0.9", "10.66.0.9"]);
    expect(summariseBySource(result.events)).toHaveLength(1);
  });
});

describe("sshd log: other message and timestamp styles", () => {
  const text = [
    "2024-03-01T10:00:00.123456+00:00 bastion sshd[1]: Failed publickey for alice from 2001:DB8::7 port 50000 ssh2: ED25519 SHA256:abc",
    "2024-03-01T11:00:01+01:00 bastion sshd[2]: Invalid user oracle from 198.51.100.9 port 40022",
    "2024-03-01T10:00:02Z bastion sshd-session[3]: Connection closed by authenticating user root 198.51.100.9 port 40023 [preauth]",
    "Mar  1 10:00:03 bastion sshd[4]: Disconnected from invalid user admin 198.51.100.9 port 40024 [preauth]",
    "Mar  1 10:00:04 bastion sshd[5]: Accepted publickey for bob from 192.0.2.8 port 50001 ssh2",
    "Mar  1 10:00:05 bastion CRON[6]: pam_unix(cron:session): session opened for user root",
    "this line is not a log line",
    "Mar  1 10:00:06 bastion sshd[7]: Failed password for  from 198.51.100.9 port 40025 ssh2",
    "Dec 31 23:59:59 bastion sshd[8]: Failed password for root from 198.51.100.10 port 40026 ssh2",
    "Jan  1 00:00:07 bastion sshd[9]: Failed password for root from 198.51.100.10 port 40027 ssh2",
  ].join("\r\n");

  it("reads ISO 8601 stamps with offsets, sshd-session, every event kind, and a new year", () => {
    const result = parseSshdLog(text, { year: 2024 });
    expect(result.lines).toBe(10);
    expect(result.rejected).toEqual([{ line: 7, reason: "no syslog or ISO 8601 log header" }]);
    expect(
      result.events.map((event) => [event.line, event.kind, event.sourceIp, event.sourcePort, event.user, event.time]),
    ).toEqual([
      [1, "failed-publickey", "2001:db8::7", 50000, "alice", utc("2024-03-01T10:00:00.123")],
      [2, "invalid-user", "198.51.100.9", 40022, "oracle", utc("2024-03-01T10:00:01")],
      [3, "closed-preauth", "198.51.100.9", 40023, "root", utc("2024-03-01T10:00:02")],
      [4, "disconnected-preauth", "198.51.100.9", 40024, "admin", utc("2024-03-01T10:00:03")],
      [8, "failed-password", "198.51.100.9", 40025, "", utc("2024-03-01T10:00:06")],
      [9, "failed-password", "198.51.100.10", 40026, "root", utc("2024-12-31T23:59:59")],
      [10, "failed-password", "198.51.100.10", 40027, "root", utc("2025-01-01T00:00:07")],
    ]);
    const summary = summariseBySource(result.events);
    expect(summary[0]).toMatchObject({ sourceIp: "198.51.100.9", count: 4, users: ["oracle", "root", "admin", ""] });
  });
});
