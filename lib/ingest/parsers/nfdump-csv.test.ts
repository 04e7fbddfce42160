import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { TcpFlag } from "../flow";
import { openFlowFile, openFlowStream } from "./index";
import { chunked, fixture, readAll, utc } from "./test-support";

const LEGACY = fixture("nfdump-1.7.1-example.csv");

describe("nfdump CSV, legacy 48-column layout (real nfdump 1.7.1 output)", () => {
  it("reads all 1092 flows and skips the header and the Summary block", async () => {
    // grep -c '^2027-' = 1092; the last three lines are Summary / flows,bytes,... / 1092,85160,...
    const stream = await openFlowFile(LEGACY);
    const flows = await readAll(stream);
    expect(stream.format).toBe("nfdump-csv-legacy");
    expect(flows).toHaveLength(1092);
    expect(stream.stats).toMatchObject({ lines: 1096, flows: 1092, skipped: 4, rejected: 0, bytes: 379094 });
    // the Summary's totals: 1092 flows, 85160 bytes, 1177 packets
    expect(flows.reduce((sum, flow) => sum + flow.bytes, 0)).toBe(85160);
    expect(flows.reduce((sum, flow) => sum + flow.packets, 0)).toBe(1177);
    // awk -F, '{print $8}' | sort | uniq -c: 692 TCP, 400 UDP
    expect(flows.filter((flow) => flow.protocol === "TCP")).toHaveLength(692);
    expect(flows.filter((flow) => flow.protocol === "UDP")).toHaveLength(400);
  });

  it("reads line 2 field by field", async () => {
    const flows = await readAll(await openFlowFile(LEGACY));
    // 2027-01-09 02:02:47,2027-01-09 02:02:47,0.010,172.30.238.116,192.0.2.45,22,49408,TCP,...A.R..,0,0,1,40,...
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
    expect(flows.at(-1)).toMatchObject({
      start: utc("2027-01-09T02:12:46"),
      srcAddr: "198.51.100.13",
      dstPort: 53,
      line: 1093,
    });
  });

  it("shows the outbound scanners (IPv4 and IPv6), the inbound scanner and the ordinary SSH user", async () => {
    const flows = await readAll(await openFlowFile(LEGACY));
    const to22From = (address: string) => flows.filter((flow) => flow.srcAddr === address && flow.dstPort === 22);
    // awk -F, '$4=="192.0.2.45" && $7==22': 300 flows to 300 distinct hosts, 287 SYN-only
    const scanner = to22From("192.0.2.45");
    expect(scanner).toHaveLength(300);
    expect(new Set(scanner.map((flow) => flow.dstAddr)).size).toBe(300);
    expect(scanner.filter((flow) => flow.tcpFlags === TcpFlag.SYN)).toHaveLength(287);
    const scanner6 = to22From("2001:db8:10:1::99");
    expect(scanner6).toHaveLength(120);
    expect(new Set(scanner6.map((flow) => flow.dstAddr)).size).toBe(120);
    expect(scanner6.every((flow) => flow.dstAddr.startsWith("2001:db8:ffff:"))).toBe(true);
    const inbound = to22From("203.0.113.200");
    expect(inbound).toHaveLength(200);
    expect(inbound.every((flow) => flow.dstAddr.startsWith("192.0.2."))).toBe(true);
    const user = to22From("198.51.100.7");
    expect(user.map((flow) => [flow.start, flow.srcPort])).toEqual([
      [utc("2027-01-09T02:03:17"), 59781],
      [utc("2027-01-09T02:04:47"), 38044],
      [utc("2027-01-09T02:06:17"), 37993],
      [utc("2027-01-09T02:07:47"), 43681],
    ]);
    expect(user.every((flow) => flow.dstAddr === "203.0.113.5" && flow.packets === 4 && flow.bytes === 4160)).toBe(
      true,
    );
    expect(user[0]?.tcpFlags).toBe(TcpFlag.ACK | TcpFlag.PSH | TcpFlag.SYN | TcpFlag.FIN);
  });

  it("counts a malformed line mid-file and goes on", async () => {
    const lines = readFileSync(LEGACY, "utf8").split("\n");
    lines[2] = lines[2]!.replace(",192.0.2.45,", ",192.0.2.450,"); // line 3: source 192.0.2.45
    lines[20] = "2027-01-09 02:03:00,garbage";
    const stream = await openFlowStream(chunked(lines.join("\n"), 4096));
    const flows = await readAll(stream);
    expect(flows).toHaveLength(1090);
    expect(stream.stats.rejectedSamples).toEqual([
      { line: 3, reason: 'invalid source address "192.0.2.450"' },
      { line: 21, reason: "only 2 comma-separated fields, expected 48" },
    ]);
  });
});

describe("nfdump 1.7.4+ -o csv (synthetic, layout from nfdump src/output/output.c)", () => {
  it("reads ms times, durations, numeric protocols, IPv6 and ICMP type.code", async () => {
    const stream = await openFlowFile(fixture("nfdump-1.7.4-example.csv"));
    const flows = await readAll(stream);
    expect(stream.format).toBe("nfdump-csv");
    expect(stream.stats).toMatchObject({ lines: 13, flows: 8, skipped: 4, rejected: 1 });
    expect(stream.stats.rejectedSamples).toEqual([{ line: 9, reason: 'invalid source address "192.0.2.300"' }]);
    expect(flows[0]).toEqual({
      start: utc("2027-01-09T02:02:47.110"),
      end: utc("2027-01-09T02:02:47.120"),
      protocol: "TCP",
      srcAddr: "192.0.2.45",
      srcPort: 49408,
      dstAddr: "172.30.238.116",
      dstPort: 22,
      tcpFlags: 0,
      packets: 1,
      bytes: 40,
      line: 2,
    });
    expect(flows[2]).toMatchObject({ protocol: "UDP", dstPort: 53, bytes: 68 });
    expect(flows[3]).toMatchObject({ end: utc("2027-01-09T02:03:17.730"), packets: 4, bytes: 4160 });
    expect(flows[4]).toMatchObject({ srcAddr: "2001:db8:10:1::99", dstAddr: "2001:db8:ffff:5d30::4f0e", dstPort: 22 });
    expect(flows[5]).toMatchObject({ protocol: "ICMP", dstPort: 8 * 256, end: utc("2027-01-09T02:04:01.750") });
    expect(flows[6]).toMatchObject({ protocol: "ICMP6", dstPort: 128 * 256 });
    expect(flows[7]?.line).toBe(10);
  });
});

describe("nfdump 1.7.4+ -o csv-fast (synthetic, layout from nfdump src/output/output_csv_fast.c)", () => {
  it("reads epoch-millisecond times (and epoch seconds with a fraction), flags and counters", async () => {
    const stream = await openFlowFile(fixture("nfdump-1.7.4-example-fast.csv"));
    const flows = await readAll(stream);
    expect(stream.format).toBe("nfdump-csv-fast");
    expect(stream.stats).toMatchObject({ lines: 7, flows: 6, skipped: 1, rejected: 0 });
    expect(flows[0]).toEqual({
      start: utc("2027-01-09T02:02:47.110"),
      end: utc("2027-01-09T02:02:47.120"),
      protocol: "TCP",
      srcAddr: "192.0.2.45",
      srcPort: 49408,
      dstAddr: "172.30.238.116",
      dstPort: 22,
      tcpFlags: TcpFlag.SYN,
      packets: 1,
      bytes: 40,
      line: 2,
    });
    expect(flows[1]?.tcpFlags).toBe(TcpFlag.ACK | TcpFlag.RST);
    expect(flows[3]).toMatchObject({ srcAddr: "2001:db8:10:1::99", start: utc("2027-01-09T02:03:47.110") });
    expect(flows[4]).toMatchObject({
      srcAddr: "198.51.100.7",
      packets: 4,
      bytes: 4160,
      end: utc("2027-01-09T02:03:17.730"),
    });
    expect(flows[5]).toMatchObject({
      protocol: "ICMP",
      start: utc("2027-01-09T02:04:00.500"),
      end: utc("2027-01-09T02:04:01.750"),
      dstPort: 2048,
    });
  });
});
