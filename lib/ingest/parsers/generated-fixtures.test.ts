import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FLOW_FIXTURE_DIR, FLOW_FIXTURES, SCAN_TARGETS, SCANNER } from "@/test/fixtures/generate/flow-fixtures";
import { TcpFlag, type FlowFormatId } from "../flow";
import { openFlowFile, openFlowStream } from "./index";
import { chunked, fixture, readAll, utc } from "./test-support";

const FORMATS: [string, FlowFormatId, number][] = [
  ["generated-zeek-conn.log", "zeek-conn-tsv", 8 + 129 + 1],
  ["generated-zeek-conn.json", "zeek-conn-json", 129],
  ["generated-argus.binetflow", "argus-binetflow", 1 + 129],
  ["generated-silk-rwcut.txt", "silk-rwcut", 1 + 129],
];

describe("our own flow files (test/fixtures/generate/flow-fixtures.ts)", () => {
  it.each(Object.keys(FLOW_FIXTURES))("%s is what the generator writes", (name) => {
    expect(readFileSync(path.join(FLOW_FIXTURE_DIR, name), "utf8")).toBe(FLOW_FIXTURES[name]!());
  });

  it.each(FORMATS)(
    "%s reads as %s: every flow, no rejects, the mapped probe as its IPv4 host",
    async (name, format, lines) => {
      const stream = await openFlowFile(fixture(name));
      const flows = await readAll(stream);
      expect(stream.format).toBe(format);
      expect(stream.stats).toMatchObject({ lines, flows: 129, rejected: 0 });
      const probes = flows.filter((flow) => flow.dstPort === 22 && flow.srcAddr === SCANNER);
      expect(probes).toHaveLength(SCAN_TARGETS);
      expect(new Set(probes.map((flow) => flow.dstAddr)).size).toBe(SCAN_TARGETS);
      expect(probes.every((flow) => flow.tcpFlags === TcpFlag.SYN && flow.packets === 1 && flow.bytes === 60)).toBe(
        true,
      );
      expect(flows.some((flow) => flow.srcAddr.startsWith("::ffff:"))).toBe(false);
      expect(probes[0]).toMatchObject({
        start: utc("2027-01-09T02:00:05"),
        end: utc("2027-01-09T02:00:05"),
        protocol: "TCP",
        srcPort: 40000,
      });
      expect(flows.find((flow) => flow.srcAddr === "198.51.100.7")).toMatchObject({
        start: utc("2027-01-09T02:00:01.250"),
        end: utc("2027-01-09T02:00:09.451"),
        dstPort: 22,
        packets: 24,
        bytes: 4160,
      });
      expect(flows.find((flow) => flow.srcAddr === "2001:db8:10::5")).toMatchObject({
        dstAddr: "2001:db8:ffff::1",
        dstPort: 443,
      });
      expect(flows.filter((flow) => flow.protocol === "UDP")).toHaveLength(1);
      expect(flows.filter((flow) => flow.protocol === "ICMP")).toHaveLength(1);
    },
  );

  it("all four formats describe the same flows (ICMP type and code are placed differently by each tool)", async () => {
    const shape = (flows: Awaited<ReturnType<typeof readAll>>) =>
      flows.map(({ start, end, protocol, srcAddr, srcPort, dstAddr, dstPort, packets, bytes }) => {
        const ports = protocol === "ICMP" ? {} : { srcPort, dstPort };
        return { start, end, protocol, srcAddr, dstAddr, packets, bytes, ...ports };
      });
    const [first, ...rest] = await Promise.all(
      FORMATS.map(async ([name]) => shape(await readAll(await openFlowFile(fixture(name))))),
    );
    for (const other of rest) expect(other).toEqual(first);
  });

  it("Zeek TSV: CRLF line ends, chunks split mid-line and a malformed line in the middle", async () => {
    const lines = readFileSync(fixture("generated-zeek-conn.log"), "utf8").trimEnd().split("\n");
    const fields = lines[11]!.split("\t");
    fields[3] = "port";
    lines[11] = fields.join("\t");
    const stream = await openFlowStream(chunked(lines.join("\r\n"), 333));
    const flows = await readAll(stream);
    expect(flows).toHaveLength(128);
    expect(stream.stats.rejectedSamples).toEqual([{ line: 12, reason: 'invalid id.orig_p "port"' }]);
  });
});
