import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { TcpFlag } from "../flow";
import { openFlowFile, openFlowStream } from "./index";
import { chunked, describeWithShared, fixture, readAll, sharedSample, utc } from "./test-support";

const TSV_SAMPLE = "stratosphere-zeek-horizontal-scan.conn.log";

describeWithShared(`samples/${TSV_SAMPLE}`, "Zeek conn.log TSV (real Stratosphere sample)", () => {
  it("reads the 41 connections and skips the 8 header lines", async () => {
    // grep -vc '^#' = 41, grep -c '^#' = 8
    const stream = await openFlowFile(sharedSample(TSV_SAMPLE));
    const flows = await readAll(stream);
    expect(stream.format).toBe("zeek-conn-tsv");
    expect(stream.stats).toMatchObject({ lines: 49, flows: 41, skipped: 8, rejected: 0 });
    // line 9: 928.943457 Cxl7TP23vZQ4RolkJf 10.0.2.112 49168 195.113.214.219 80 tcp http 0.055687 ... SF ... ShADadfF 5 473 5 1281
    expect(flows[0]).toEqual({
      start: 928_943,
      end: 928_943 + 56,
      protocol: "TCP",
      srcAddr: "10.0.2.112",
      srcPort: 49168,
      dstAddr: "195.113.214.219",
      dstPort: 80,
      tcpFlags: TcpFlag.SYN | TcpFlag.ACK | TcpFlag.PSH | TcpFlag.FIN,
      packets: 5,
      bytes: 473,
      line: 9,
    });
    // line 49: 958.869115 ... 188.252.30.130 80 tcp - - - - S0 - - 0 S 1 52 0 0
    expect(flows.at(-1)).toEqual({
      start: 958_869,
      end: 958_869,
      protocol: "TCP",
      srcAddr: "10.0.2.112",
      srcPort: 49245,
      dstAddr: "188.252.30.130",
      dstPort: 80,
      tcpFlags: TcpFlag.SYN,
      packets: 1,
      bytes: 52,
      line: 49,
    });
  });

  it("shows the horizontal scan on 80/tcp", async () => {
    const flows = await readAll(await openFlowFile(sharedSample(TSV_SAMPLE)));
    // awk: 30 flows to tcp/80 towards 25 hosts; 10 of them unanswered SYNs (S0, history "S") to 10 hosts
    const web = flows.filter((flow) => flow.protocol === "TCP" && flow.dstPort === 80);
    expect(web).toHaveLength(30);
    expect(new Set(web.map((flow) => flow.dstAddr)).size).toBe(25);
    const synOnly = web.filter((flow) => flow.tcpFlags === TcpFlag.SYN);
    expect(synOnly).toHaveLength(10);
    expect(new Set(synOnly.map((flow) => flow.dstAddr)).size).toBe(10);
    expect(flows.filter((flow) => flow.protocol === "UDP")).toHaveLength(3);
  });

  it("handles CRLF line ends and a malformed line in the middle", async () => {
    const lines = readFileSync(sharedSample(TSV_SAMPLE), "utf8").trimEnd().split("\n");
    lines[11] = lines[11]!.replace("\t49171\t", "\tport\t"); // line 12
    const stream = await openFlowStream(chunked(lines.join("\r\n"), 333));
    const flows = await readAll(stream);
    expect(flows).toHaveLength(40);
    expect(stream.stats.rejectedSamples).toEqual([{ line: 12, reason: 'invalid id.orig_p "port"' }]);
    expect(flows.at(-1)?.dstAddr).toBe("188.252.30.130");
  });
});

describe("Zeek conn.log JSON lines (synthetic, the TSV's keys)", () => {
  it("reads epoch and ISO 8601 times, absent fields, ICMPv6, and rejects broken lines", async () => {
    const stream = await openFlowFile(fixture("zeek-conn-example.json"));
    const flows = await readAll(stream);
    expect(stream.format).toBe("zeek-conn-json");
    expect(stream.stats).toMatchObject({ lines: 7, flows: 5, skipped: 0, rejected: 2 });
    expect(flows[0]).toEqual({
      start: 1_447_865_773_943,
      end: 1_447_865_773_999,
      protocol: "TCP",
      srcAddr: "10.0.2.112",
      srcPort: 49168,
      dstAddr: "195.113.214.219",
      dstPort: 80,
      tcpFlags: TcpFlag.SYN | TcpFlag.ACK | TcpFlag.PSH | TcpFlag.FIN,
      packets: 5,
      bytes: 473,
      line: 1,
    });
    expect(flows[1]).toMatchObject({ dstPort: 22, tcpFlags: TcpFlag.SYN, end: flows[1]?.start, packets: 1, bytes: 52 });
    expect(flows[2]).toMatchObject({ protocol: "UDP", tcpFlags: 0, dstAddr: "8.8.8.8" });
    expect(flows[3]).toMatchObject({
      protocol: "ICMP6",
      srcAddr: "2001:db8:10::5",
      srcPort: 128,
      dstPort: 129,
      end: 1_447_865_777_001,
      line: 5,
    });
    expect(flows[4]).toMatchObject({
      start: utc("2015-11-18T16:56:18.052"),
      tcpFlags: TcpFlag.SYN | TcpFlag.ACK | TcpFlag.PSH | TcpFlag.RST,
      packets: 18,
      bytes: 1212,
    });
    expect(stream.stats.rejectedSamples.map((sample) => sample.line)).toEqual([4, 7]);
    expect(stream.stats.rejectedSamples[0]?.reason).toMatch(/^invalid JSON/);
    expect(stream.stats.rejectedSamples[1]?.reason).toBe('invalid id.orig_h "10.0.2.999"');
  });
});
