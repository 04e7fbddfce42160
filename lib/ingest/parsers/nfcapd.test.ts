import { copyFile, mkdtemp, open, readFile, rm, stat, truncate, writeFile } from "node:fs/promises";
import { readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseIpv4 } from "@/lib/net";
import { writeNfcapdFile, type NetflowV5Flow } from "@/test/support/nfcapd";
import { describeWithNfdump } from "@/test/support/nfdump-tools";
import { TcpFlag, type FlowRecord } from "../flow";
import { isNfcapdHeader, NfdumpFailedError, NfdumpMissingError, openFlowFile } from "./index";
import { outputModeForVersion, watchedPortsFilter } from "./nfcapd";
import { fixture, readAll } from "./test-support";

const BASE = Date.UTC(2027, 0, 9, 2, 0, 0);
const PROBE = TcpFlag.SYN;
const SESSION = TcpFlag.SYN | TcpFlag.ACK | TcpFlag.PSH | TcpFlag.FIN;

function flow(i: number, overrides: Partial<NetflowV5Flow>): NetflowV5Flow {
  return {
    start: BASE + i * 1_237,
    durationMs: (i % 7) * 311,
    protocol: "TCP",
    ipv6: false,
    srcIpv4: parseIpv4("192.0.2.45"),
    dstIpv4: parseIpv4(`198.51.${100 + (i >> 8)}.${i & 255}`),
    srcPort: 40_000 + i,
    dstPort: 22,
    tcpFlags: PROBE,
    packets: 1 + (i % 3),
    bytes: 60 + i,
    ...overrides,
  };
}

/** 330 flows: 180 TCP to 22, 60 web, 30 UDP to 22, 30 replies from 22, 30 TCP to 2222, interleaved. */
function mixedTraffic(): NetflowV5Flow[] {
  return Array.from({ length: 330 }, (_, i) => {
    const kind = i % 11;
    if (kind === 1 || kind === 2) return flow(i, { dstPort: 443, tcpFlags: SESSION });
    if (kind === 3) return flow(i, { protocol: "UDP", tcpFlags: 0 });
    if (kind === 4) return flow(i, { srcPort: 22, dstPort: 50_000 + i, tcpFlags: SESSION });
    if (kind === 5) return flow(i, { dstPort: 2222 });
    return flow(i, {
      tcpFlags: i % 5 === 0 ? SESSION : PROBE,
      srcIpv4: parseIpv4(i % 2 ? "192.0.2.45" : "203.0.113.9"),
    });
  });
}

/** What our reader must make of an exported flow. */
function asRecord(exported: NetflowV5Flow, line: number): FlowRecord {
  const ipv4 = (value: number) => `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
  return {
    start: exported.start,
    end: exported.start + exported.durationMs,
    protocol: exported.protocol,
    srcAddr: ipv4(exported.srcIpv4),
    srcPort: exported.srcPort,
    dstAddr: ipv4(exported.dstIpv4),
    dstPort: exported.dstPort,
    tcpFlags: exported.protocol === "TCP" ? exported.tcpFlags : 0,
    packets: exported.packets,
    bytes: exported.bytes,
    line,
  };
}

/** nfdump processes whose parent is this test process, with their state (Z = zombie). */
function nfdumpChildren(): { pid: number; state: string }[] {
  const children: { pid: number; state: string }[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let text: string;
    try {
      text = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue;
    }
    const close = text.lastIndexOf(")");
    const command = text.slice(text.indexOf("(") + 1, close);
    const [state, parent] = text.slice(close + 2).split(" ");
    if (command === "nfdump" && Number(parent) === process.pid) children.push({ pid: Number(entry), state: state! });
  }
  return children;
}

describe("nfcapd recognition by header", () => {
  it("knows nfdump's magic 0xA50C with layout 1 (1.6.x) or 2 (1.7.x), in either byte order, and nothing else", () => {
    expect(isNfcapdHeader(Buffer.from([0x0c, 0xa5, 0x02, 0x00, 0x00, 0x01]))).toBe(true);
    expect(isNfcapdHeader(Buffer.from([0x0c, 0xa5, 0x01, 0x00]))).toBe(true);
    expect(isNfcapdHeader(Buffer.from([0xa5, 0x0c, 0x00, 0x02]))).toBe(true);
    expect(isNfcapdHeader(Buffer.from([0x0c, 0xa5, 0x03, 0x00]))).toBe(false);
    expect(isNfcapdHeader(Buffer.from([0x0c, 0xa5]))).toBe(false);
    expect(isNfcapdHeader(Buffer.from([0x1f, 0x8b, 0x08, 0x00]))).toBe(false);
    expect(isNfcapdHeader(readFileSync(fixture("nfdump-1.7.1-example.csv")).subarray(0, 4))).toBe(false);
  });

  it("builds nfdump's filter from validated watched ports only", () => {
    expect(watchedPortsFilter([2222, 22, 22])).toBe("proto tcp and dst port in [ 22 2222 ]");
    expect(() => watchedPortsFilter([])).toThrow(/at least one port/);
    expect(() => watchedPortsFilter([22, 0])).toThrow(/0 is not a TCP port/);
    expect(() => watchedPortsFilter([22.5])).toThrow(/22.5 is not a TCP port/);
  });

  it("asks 1.6.x to 1.7.4 for -o pipe and 1.7.5+ for -o csv-fast", () => {
    expect(outputModeForVersion("nfdump: Version: NSEL-NEL1.7.1")).toBe("pipe");
    expect(outputModeForVersion("nfdump: Version: 1.6.23 $Date: 2021-05-01 $")).toBe("pipe");
    expect(outputModeForVersion("nfdump: Version: 1.7.4-3a2b")).toBe("pipe");
    expect(outputModeForVersion("nfdump: Version: 1.7.5-release Options: ZSTD")).toBe("csv-fast");
    expect(outputModeForVersion("nfdump: Version: 1.8.0")).toBe("csv-fast");
  });
});

describe("nfcapd without nfdump", () => {
  it("fails an nfcapd file with how to install nfdump, and text formats keep working", async () => {
    const header = path.join(await mkdtemp(path.join(tmpdir(), "nfcapd-missing-")), "nfcapd.202701090200");
    await writeFile(header, Buffer.from([0x0c, 0xa5, 0x02, 0x00, 0, 0, 0, 0]));
    const missing = "/nonexistent/bin/nfdump";
    const error = await openFlowFile(header, { watchedPorts: [22], nfdumpPath: missing }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(NfdumpMissingError);
    expect((error as Error).message).toMatch(
      /nfdump was not found \(\/nonexistent\/bin\/nfdump\).*apt-get install nfdump/,
    );
    const text = await openFlowFile(fixture("nfdump-1.7.1-example.csv"), { watchedPorts: [22], nfdumpPath: missing });
    expect(await readAll(text)).toHaveLength(1092);
    await rm(path.dirname(header), { recursive: true });
  });
});

describeWithNfdump("nfcapd files read through nfdump (real nfcapd on loopback)", () => {
  let work: string;
  let file: string;
  const exported = mixedTraffic();

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), "nfcapd-test-"));
    file = await writeNfcapdFile(path.join(work, "plain"), exported);
  });

  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it("recognises the file nfcapd wrote by its header", async () => {
    expect(isNfcapdHeader((await readFile(file)).subarray(0, 4))).toBe(true);
  });

  it("reads exactly the exported TCP flows to the watched port, field by field, to the millisecond", async () => {
    const stream = await openFlowFile(file, { watchedPorts: [22] });
    const flows = await readAll(stream);
    const expected = exported.filter((f) => f.protocol === "TCP" && f.dstPort === 22).map((f, i) => asRecord(f, i + 1));
    expect(expected).toHaveLength(180);
    expect(stream.format).toBe("nfcapd");
    expect(flows).toEqual(expected);
    expect(stream.stats).toMatchObject({ format: "nfcapd", lines: 180, flows: 180, rejected: 0, sourceFlows: 330 });
    expect(stream.stats.bytes).toBe((await stat(file)).size);
  });

  it("pushes the filter down: other ports, UDP to 22 and replies from 22 never arrive; more ports widen it", async () => {
    const watched = await readAll(await openFlowFile(file, { watchedPorts: [22, 2222] }));
    expect(watched).toHaveLength(210);
    expect(watched.every((f) => f.protocol === "TCP" && (f.dstPort === 22 || f.dstPort === 2222))).toBe(true);
    const everything = await readAll(await openFlowFile(file));
    expect(everything).toEqual(exported.map((f, i) => asRecord(f, i + 1)));
  });

  it("reads LZ4- and LZO-compressed files the same (nfdump decompresses)", async () => {
    for (const compression of ["lz4", "lzo"] as const) {
      const compressed = await writeNfcapdFile(path.join(work, compression), exported, { compression });
      const flows = await readAll(await openFlowFile(compressed, { watchedPorts: [22] }));
      expect(flows).toEqual(
        exported.filter((f) => f.protocol === "TCP" && f.dstPort === 22).map((f, i) => asRecord(f, i + 1)),
      );
    }
  });

  it("kills nfdump when the reader stops early, aborts, or closes without reading; no zombie is left", async () => {
    const many = Array.from({ length: 30_000 }, (_, i) =>
      flow(i, { start: BASE + i * 10, srcPort: 1024 + (i % 50_000) }),
    );
    const big = await writeNfcapdFile(path.join(work, "big"), many);

    const stream = await openFlowFile(big, { watchedPorts: [22], batchSize: 100 });
    for await (const batch of stream.batches) {
      expect(batch).toHaveLength(100);
      expect(nfdumpChildren()).toHaveLength(1);
      break;
    }
    expect(nfdumpChildren()).toEqual([]);

    const controller = new AbortController();
    const aborted = await openFlowFile(big, { watchedPorts: [22], batchSize: 100, signal: controller.signal });
    const reading = (async () => {
      for await (const _ of aborted.batches) controller.abort(new Error("run cancelled"));
    })();
    await expect(reading).rejects.toThrow("run cancelled");
    expect(aborted.stats.flows).toBeLessThan(30_000);
    expect(nfdumpChildren()).toEqual([]);

    const unread = await openFlowFile(big, { watchedPorts: [22] });
    await unread.close();
    expect(nfdumpChildren()).toEqual([]);
  });

  it("fails a truncated file and a corrupt one with nfdump's reason", async () => {
    const truncated = path.join(work, "nfcapd.truncated");
    await copyFile(file, truncated);
    await truncate(truncated, Math.floor((await stat(file)).size / 2));
    const cut = await openFlowFile(truncated, { watchedPorts: [22] });
    await expect(readAll(cut)).rejects.toThrow(NfdumpFailedError);
    await expect(readAll(await openFlowFile(truncated, { watchedPorts: [22] }))).rejects.toThrow(
      /nfdump could not read the nfcapd file: .*appendix/,
    );
    expect(cut.stats.flows).toBe(0);

    // The first data block's size (bytes 44..47, after the 40-byte layout-2 header) made absurd.
    const corrupt = path.join(work, "nfcapd.corrupt");
    await copyFile(file, corrupt);
    const handle = await open(corrupt, "r+");
    await handle.write(Buffer.from([0x00, 0xff, 0xff, 0x7f]), 0, 4, 44);
    await handle.close();
    await expect(readAll(await openFlowFile(corrupt, { watchedPorts: [22] }))).rejects.toThrow(
      /nfdump could not read the nfcapd file: .*Corrupt data file/,
    );
    expect(nfdumpChildren()).toEqual([]);
  });
});
