import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { TcpFlag } from "../flow";
import { openFlowFile, openFlowStream, parseTextLine } from "./index";
import { SeedFlowLineParser } from "./seed-flow-lines";
import { chunked, describeWithShared, fixture, readAll, sharedPath, utc } from "./test-support";

const SAMPLE = fixture("seed-format-example.txt");

describe("seed flow lines: the real sample (same capture as the nfdump samples)", () => {
  it("reads every flow line; the date line is skipped", async () => {
    // wc -l: 1093 lines = 1 date line + 1092 flow lines (grep -c 'Z ' = 1092)
    const stream = await openFlowFile(SAMPLE);
    const flows = await readAll(stream);
    expect(stream.format).toBe("seed-flow-lines");
    expect(flows).toHaveLength(1092);
    expect(stream.stats).toMatchObject({ lines: 1093, flows: 1092, skipped: 1, rejected: 0, bytes: 71964 });
  });

  it("reads line 2 and line 25 field by field", async () => {
    const flows = await readAll(await openFlowFile(SAMPLE));
    // line 2: 02:02:47Z TCP 172.30.238.116:22 -> 192.0.2.45:49408 -A-R-- 1 40
    expect(flows[0]).toEqual({
      start: utc("2027-01-09T02:02:47"),
      end: utc("2027-01-09T02:02:47"),
      protocol: "TCP",
      srcAddr: "172.30.238.116",
      srcPort: 22,
      dstAddr: "192.0.2.45",
      dstPort: 49408,
      tcpFlags: TcpFlag.ACK | TcpFlag.RST,
      packets: 1,
      bytes: 40,
      line: 2,
    });
    // line 25: 02:03:03Z TCP 172.30.142.105:22 -> 192.0.2.45:50831 -AP-SF 3 160
    const line25 = flows.find((flow) => flow.line === 25);
    expect(line25).toMatchObject({ srcAddr: "172.30.142.105", dstPort: 50831, packets: 3, bytes: 160 });
    expect(line25?.tcpFlags).toBe(TcpFlag.ACK | TcpFlag.PSH | TcpFlag.SYN | TcpFlag.FIN);
  });

  it("shows the outbound IPv4 and IPv6 scanners, the inbound scanner and the SSH user", async () => {
    const flows = await readAll(await openFlowFile(SAMPLE));
    const to22From = (address: string) => flows.filter((flow) => flow.srcAddr === address && flow.dstPort === 22);
    // counts from awk on the nfdump CSV of the same capture
    expect(to22From("192.0.2.45")).toHaveLength(300);
    expect(new Set(to22From("192.0.2.45").map((flow) => flow.dstAddr)).size).toBe(300);
    expect(to22From("2001:db8:10:1::99")).toHaveLength(120);
    expect(to22From("203.0.113.200")).toHaveLength(200);
    expect(to22From("203.0.113.200").every((flow) => flow.dstAddr.startsWith("192.0.2."))).toBe(true);
    const user = to22From("198.51.100.7");
    expect(user).toHaveLength(4);
    expect(user.every((flow) => flow.dstAddr === "203.0.113.5" && flow.packets === 4 && flow.bytes === 4160)).toBe(
      true,
    );
    // line 103: 02:03:47Z TCP 2001:db8:10:1::99.43812 -> 2001:db8:ffff:5d30::4f0e.22 ----S- 1 60
    expect(flows.find((flow) => flow.line === 103)).toMatchObject({
      srcAddr: "2001:db8:10:1::99",
      srcPort: 43812,
      dstAddr: "2001:db8:ffff:5d30::4f0e",
      dstPort: 22,
      tcpFlags: TcpFlag.SYN,
      packets: 1,
      bytes: 60,
    });
  });

  it("matches the nfdump CSV of the same capture flow for flow", async () => {
    const seed = await readAll(await openFlowFile(SAMPLE));
    const csv = await readAll(await openFlowFile(fixture("nfdump-1.7.1-example.csv")));
    const key = (flow: (typeof seed)[number]) =>
      [
        flow.start,
        flow.protocol,
        flow.srcAddr,
        flow.srcPort,
        flow.dstAddr,
        flow.dstPort,
        flow.tcpFlags,
        flow.packets,
        flow.bytes,
      ].join(" ");
    expect(seed.map(key)).toEqual(csv.map(key));
  });
});

describe("seed flow lines: synthetic", () => {
  it("accepts both IPv6 notations, dated time stamps and the notification's ellipsis", async () => {
    const text = [
      "2010-08-13",
      "21:11:03Z TCP 212.219.244.66:35556 -> 194.198.16.41:22 -A---F 1 52",
      ". . .",
      "21:41:11Z TCP [2001:DB8::45]:60246 -> [2001:db8:ffff::1]:22 ----S- 1 60",
      "21:41:12Z TCP 2001:db8::45.35930 -> 2001:db8:ffff::2.22 ----S- 1 60",
      "2010-08-14T00:00:01Z UDP 192.0.2.1:53 -> 198.51.100.1:5353 ------ 2 120",
      "00:00:02Z ICMP 192.0.2.1:0 -> 198.51.100.1:8.0 ------ 1 84",
    ].join("\n");
    const stream = await openFlowStream(chunked(text, 7));
    const flows = await readAll(stream);
    expect(stream.format).toBe("seed-flow-lines");
    expect(flows.map((flow) => [flow.srcAddr, flow.srcPort, flow.dstAddr, flow.dstPort])).toEqual([
      ["212.219.244.66", 35556, "194.198.16.41", 22],
      ["2001:db8::45", 60246, "2001:db8:ffff::1", 22],
      ["2001:db8::45", 35930, "2001:db8:ffff::2", 22],
      ["192.0.2.1", 53, "198.51.100.1", 5353],
      ["192.0.2.1", 0, "198.51.100.1", 2048],
    ]);
    expect(flows[0]?.start).toBe(utc("2010-08-13T21:11:03"));
    expect(flows[0]?.tcpFlags).toBe(TcpFlag.ACK | TcpFlag.FIN);
    expect(flows[3]?.start).toBe(utc("2010-08-14T00:00:01"));
    expect(flows[4]?.start).toBe(utc("2010-08-14T00:00:02")); // the dated line set the day
    expect(flows[4]?.protocol).toBe("ICMP");
    expect(stream.stats).toMatchObject({ lines: 7, flows: 5, skipped: 2, rejected: 0 });
  });

  it("rejects malformed lines with their line number and reason, and goes on", async () => {
    const text = [
      "21:11:02Z TCP 212.219.244.66:35556 -> 194.198.16.41:22 -A---F 1 52",
      "2010-08-13",
      "21:11:03Z TCP 212.219.244.66:35556 -> 194.198.16.41:22 -A---F 1 52",
      "21:11:04Z TCP 212.219.244.666:35556 -> 194.198.16.41:22 -A---F 1 52",
      "21:11:05Z TCP 212.219.244.66:35556 194.198.16.41:22 -A---F 1 52",
      "21:11:06Z TCP 212.219.244.66:35556 -> 194.198.16.41:22 -X---F 1 52",
      "21:11:07Z TCP 212.219.244.66:35556 -> 194.198.16.41:22 -A---F one 52",
      "25:11:08Z TCP 212.219.244.66:35556 -> 194.198.16.41:22 -A---F 1 52",
      "21:11:09Z TCP 212.219.244.66:35556 -> 194.198.16.41:22 -A---F 1 52 extra",
      "21:11:10Z TCP 212.219.244.66:35556 -> 194.198.16.41:22 -A---F 1 52",
    ].join("\n");
    const stream = await openFlowStream(chunked(text), { format: "seed-flow-lines" });
    const flows = await readAll(stream);
    expect(flows.map((flow) => flow.line)).toEqual([3, 10]);
    expect(stream.stats.rejected).toBe(7);
    expect(stream.stats.rejectedSamples.map((sample) => sample.line)).toEqual([1, 4, 5, 6, 7, 8, 9]);
    const reasons = stream.stats.rejectedSamples.map((sample) => sample.reason);
    expect(reasons[0]).toBe("flow line before any date line");
    expect(reasons[1]).toMatch(/^source: invalid address "212.219.244.666"/);
    expect(reasons[2]).toMatch(/'->'/);
    expect(reasons[3]).toMatch(/invalid TCP flags "-X---F"/);
    expect(reasons[4]).toMatch(/invalid packet count "one"/);
    expect(reasons[5]).toMatch(/expected a time, found "25:11:08Z"/);
    expect(reasons[6]).toMatch(/unexpected text after the byte count "extra"/);
  });

  it("parses a single line through parseTextLine", () => {
    const parser = new SeedFlowLineParser();
    expect(parseTextLine(parser, "2010-08-13")).toBeNull();
    expect(
      parseTextLine(parser, "21:41:11Z TCP 212.219.244.66:60246 -> 194.198.254.192:22 ----S- 1 60", 3),
    ).toMatchObject({
      start: utc("2010-08-13T21:41:11"),
      tcpFlags: TcpFlag.SYN,
      line: 3,
    });
  });
});

describe("log samples written by the product", () => {
  it("read back flow for flow: the gap marker and the legend are not rejected", async () => {
    const { formatLogSample } = await import("../detect/sample");
    const { openFlowStream } = await import("./index");
    const flow = (second: number, dst: string) => ({
      start: Date.UTC(2010, 7, 13, 21, 11, second),
      end: Date.UTC(2010, 7, 13, 21, 11, second),
      protocol: "TCP",
      srcAddr: "212.219.244.66",
      srcPort: 35556 + second,
      dstAddr: dst,
      dstPort: 22,
      tcpFlags: 0x02,
      packets: 1,
      bytes: 60,
      line: 0,
    });
    const head = [flow(1, "194.198.16.41"), flow(2, "194.198.16.42")];
    const tail = [flow(50, "194.198.255.98")];
    const text = formatLogSample(head, tail, { omitted: 5 });
    expect(text).toContain("Legend:");
    const stream = await openFlowStream(
      (async function* () {
        yield Buffer.from(`${text}\n`);
      })(),
    );
    const flows = [];
    for await (const batch of stream.batches) flows.push(...batch);
    expect(stream.stats.rejected).toBe(0);
    expect(flows.map((f) => [f.dstAddr, f.srcPort, f.start])).toEqual(
      [...head, ...tail].map((f) => [f.dstAddr, f.srcPort, f.start]),
    );
  });
});

describeWithShared("seed/investigating-ssh-port-scans.txt", "seed flow lines: the seed document", () => {
  it("reads the seed document's own log sample", () => {
    const seed = readFileSync(sharedPath("seed/investigating-ssh-port-scans.txt"), "utf8");
    const sample = seed.slice(seed.indexOf("Log sample:") + "Log sample:".length, seed.indexOf("Legend:")).trim();
    const parser = new SeedFlowLineParser();
    const outcomes = sample.split("\n").map((line, index) => parseTextLine(parser, line, index + 1));
    const flows = outcomes.filter((outcome) => outcome !== null && typeof outcome === "object");
    expect(flows).toHaveLength(6);
    expect(outcomes.filter((outcome) => typeof outcome === "string")).toEqual([]);
    expect(flows[1]).toMatchObject({
      srcAddr: "212.219.244.66",
      srcPort: 35357,
      dstAddr: "194.198.17.129",
      packets: 2,
      bytes: 100,
    });
    expect(flows[5]).toMatchObject({
      start: utc("2010-08-13T21:41:12"),
      dstAddr: "194.198.255.98",
      tcpFlags: TcpFlag.SYN,
    });
  });
});
