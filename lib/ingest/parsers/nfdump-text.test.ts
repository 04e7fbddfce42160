import { describe, expect, it } from "vitest";
import { TcpFlag } from "../flow";
import { openFlowFile } from "./index";
import { NfdumpTextParser } from "./nfdump-text";
import { parseTextLine } from "./line-parser";
import { fixture, readAll, utc } from "./test-support";

describe("nfdump -o long (real nfdump 1.7.1 output)", () => {
  const SAMPLE = fixture("nfdump-1.7.1-example-long.txt");

  it("reads the flows with millisecond times and skips header and summary lines", async () => {
    const stream = await openFlowFile(SAMPLE);
    const flows = await readAll(stream);
    expect(stream.format).toBe("nfdump-text");
    // 1092 flow lines (grep -c '^2027'); 120 of them carry nfdump's abbreviated IPv6 (grep -c 'db\.\.')
    expect(stream.stats).toMatchObject({ lines: 1097, flows: 972, skipped: 5, rejected: 120 });
    expect(flows[0]).toEqual({
      start: utc("2027-01-09T02:02:47.110"),
      end: utc("2027-01-09T02:02:47.120"),
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
  });

  it("rejects nfdump's abbreviated IPv6 addresses with an explanation, not a wrong address", async () => {
    const stream = await openFlowFile(SAMPLE);
    await readAll(stream);
    // line 103: 2027-01-09 02:03:47.110 ... TCP   2001:db..0:1::99.43812 -> 2001:db..0::4f0e.22 ...
    expect(stream.stats.rejectedSamples[0]).toEqual({
      line: 103,
      reason:
        'source: IPv6 address abbreviated by nfdump (print full addresses with -o line6/long6/extended6): "2001:db..0:1::99.43812"',
    });
    expect(stream.stats.rejectedSamples).toHaveLength(100);
  });

  it("shows the IPv4 outbound scanner, the inbound scanner and the ordinary SSH user", async () => {
    const flows = await readAll(await openFlowFile(SAMPLE));
    const to22From = (address: string) => flows.filter((flow) => flow.srcAddr === address && flow.dstPort === 22);
    expect(to22From("192.0.2.45")).toHaveLength(300);
    expect(to22From("203.0.113.200")).toHaveLength(200);
    // 2027-01-09 02:03:17.110 00:00:00.310 TCP 198.51.100.7:59781 -> 203.0.113.5:22 ...AP.SF 0 4 4160 1
    expect(to22From("198.51.100.7")[0]).toMatchObject({
      start: utc("2027-01-09T02:03:17.110"),
      end: utc("2027-01-09T02:03:17.420"),
      dstAddr: "203.0.113.5",
      tcpFlags: TcpFlag.ACK | TcpFlag.PSH | TcpFlag.SYN | TcpFlag.FIN,
      packets: 4,
      bytes: 4160,
    });
  });
});

describe("nfdump -o line (synthetic, FORMAT_line)", () => {
  it("reads flows without a flags column, scaled counts and ICMP type.code", async () => {
    const stream = await openFlowFile(fixture("nfdump-line-example.txt"));
    const flows = await readAll(stream);
    expect(stream.format).toBe("nfdump-text");
    expect(stream.stats).toMatchObject({ lines: 12, flows: 5, skipped: 5, rejected: 2 });
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
    expect(flows[2]).toMatchObject({ end: utc("2027-01-09T02:08:33.730"), packets: 1_200_000, bytes: 1_500_000_000 });
    expect(flows[3]).toMatchObject({ protocol: "ICMP", dstAddr: "203.0.113.1", dstPort: 2048, packets: 2, bytes: 168 });
    expect(flows[4]).toMatchObject({ dstAddr: "172.30.238.117", line: 8 });
    expect(stream.stats.rejectedSamples).toEqual([
      { line: 6, reason: 'destination: missing port in "172.30.238.116"' },
      { line: 7, reason: "bidirectional output (-o biline/bilong) is not supported" },
    ]);
  });
});

describe("nfdump -o extended6 (synthetic, FORMAT_extended with full IPv6 addresses)", () => {
  it("reads full IPv6 endpoints, day-long durations and the extra rate columns", async () => {
    const stream = await openFlowFile(fixture("nfdump-extended6-example.txt"));
    const flows = await readAll(stream);
    expect(stream.format).toBe("nfdump-text");
    expect(stream.stats).toMatchObject({ lines: 8, flows: 3, skipped: 5, rejected: 0 });
    expect(flows[0]).toMatchObject({
      srcAddr: "2001:db8:10:1::99",
      srcPort: 43812,
      dstAddr: "2001:db8:ffff:5d30::4f0e",
      dstPort: 22,
      tcpFlags: TcpFlag.SYN,
      packets: 1,
      bytes: 60,
    });
    expect(flows[1]).toMatchObject({
      start: utc("2027-01-09T02:03:17.420"),
      end: utc("2027-01-10T04:03:17.920"),
      packets: 2_300_000,
      bytes: 3_100_000_000,
    });
    expect(flows[2]).toMatchObject({
      protocol: "ICMP6",
      srcAddr: "2001:db8:10::7",
      dstAddr: "2001:db8::1",
      dstPort: 128 * 256,
    });
  });

  it("tells what is wrong with a malformed line", () => {
    const parser = new NfdumpTextParser();
    expect(
      parseTextLine(parser, "2027-13-09 02:02:47.110 00:00:00.010 TCP 192.0.2.45:1 -> 192.0.2.46:22 1 40 1"),
    ).toMatch(/^invalid date/);
    expect(
      parseTextLine(parser, "2027-01-09 02:02:47.110 00:00:00.010 TCP 192.0.2.45:1 -> 192.0.2.46:22 ......S. 0 x 40 1"),
    ).toMatch(/^invalid packet count "x"/);
    expect(parseTextLine(parser, "Top 10 Src IP Addr ordered by flows:")).toMatch(/^not a flow line/);
  });
});
