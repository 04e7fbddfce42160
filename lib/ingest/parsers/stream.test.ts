import { createReadStream, readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { FlowRecord } from "../flow";
import { openFlowFile, openFlowStream, UnknownFormatError } from "./index";
import { MAX_LINE_LENGTH } from "./stream";
import { chunked, fixture, readAll } from "./test-support";

const SEED = readFileSync(fixture("seed-format-example.txt"));
const LEGACY_CSV = readFileSync(fixture("nfdump-1.7.1-example.csv"));

function summary(flows: FlowRecord[]): string[] {
  return flows.map(
    (flow) => `${flow.line} ${flow.start} ${flow.srcAddr}:${flow.srcPort} ${flow.dstAddr}:${flow.dstPort}`,
  );
}

async function unknownFormat(input: Parameters<typeof openFlowStream>[0]): Promise<UnknownFormatError> {
  const error = await openFlowStream(input).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(UnknownFormatError);
  return error as UnknownFormatError;
}

describe("line splitting", () => {
  it("gives the same records whatever the chunk size, including lines split across chunks", async () => {
    const whole = await readAll(await openFlowStream(chunked(SEED, SEED.length)));
    for (const size of [1, 7, 64, 4096]) {
      const stream = await openFlowStream(chunked(SEED, size));
      expect(summary(await readAll(stream)), `chunk size ${size}`).toEqual(summary(whole));
      expect(stream.stats.bytes).toBe(SEED.length);
    }
  });

  it("handles CRLF line ends", async () => {
    const crlf = Buffer.from(LEGACY_CSV.toString("latin1").replaceAll("\n", "\r\n"), "latin1");
    const stream = await openFlowStream(chunked(crlf, 1000));
    const flows = await readAll(stream);
    expect(flows).toHaveLength(1092);
    expect(stream.stats).toMatchObject({ lines: 1096, rejected: 0 });
    expect(flows[0]?.srcAddr).toBe("172.30.238.116");
  });

  it("skips a UTF-8 byte order mark", async () => {
    const stream = await openFlowStream(chunked(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), SEED]), 2));
    expect(stream.format).toBe("seed-flow-lines");
    expect(await readAll(stream)).toHaveLength(1092);
    expect(stream.stats.rejected).toBe(0);
  });

  it("accepts a complete last line without a newline", async () => {
    const text = SEED.toString("latin1").trimEnd();
    const stream = await openFlowStream(chunked(text, 100));
    const flows = await readAll(stream);
    expect(flows).toHaveLength(1092);
    expect(stream.stats).toMatchObject({ lines: 1093, rejected: 0 });
  });

  it("rejects a truncated last line with the reason", async () => {
    // last line "02:12:46Z UDP 198.51.100.13:34948 -> 203.0.113.53:53 ------ 1 68\n" cut to "...34948 -> 203"
    const cutSeed = SEED.subarray(0, SEED.length - 25);
    const seed = await openFlowStream(chunked(cutSeed));
    expect(await readAll(seed)).toHaveLength(1091);
    expect(seed.stats.rejectedSamples).toEqual([
      { line: 1093, reason: 'truncated last line (no newline at end of file): destination: missing port in "203"' },
    ]);

    // A CSV line cut after the columns the parser needs is still caught: too few columns.
    const csvText = LEGACY_CSV.toString("latin1");
    const lastFlow = csvText.lastIndexOf("\n2027-") + 1;
    const cutCsv = csvText.slice(0, lastFlow + 200);
    const csv = await openFlowStream(chunked(cutCsv));
    expect(await readAll(csv)).toHaveLength(1091);
    expect(csv.stats.rejected).toBe(1);
    expect(csv.stats.rejectedSamples[0]?.line).toBe(1093);
    expect(csv.stats.rejectedSamples[0]?.reason).toMatch(
      /^truncated last line \(no newline at end of file\): only \d+ of 48 columns$/,
    );
  });

  it("rejects an over-long line and resynchronises at the next newline", async () => {
    const lines = SEED.toString("latin1").split("\n");
    lines.splice(5, 0, "x".repeat(MAX_LINE_LENGTH + 10));
    const stream = await openFlowStream(chunked(lines.join("\n"), 64 * 1024));
    const flows = await readAll(stream);
    expect(flows).toHaveLength(1092);
    expect(stream.stats.rejectedSamples).toEqual([{ line: 6, reason: `line longer than ${MAX_LINE_LENGTH} bytes` }]);
    expect(flows[4]?.line).toBe(7);
  });

  it("counts blank lines as skipped", async () => {
    const text = `2027-01-09\n\n   \n02:02:47Z TCP 192.0.2.45:49408 -> 172.30.238.116:22 ----S- 1 40\n\n`;
    const stream = await openFlowStream(chunked(text));
    expect(await readAll(stream)).toHaveLength(1);
    expect(stream.stats).toMatchObject({ lines: 5, flows: 1, skipped: 4, rejected: 0 });
  });
});

describe("gzip", () => {
  it("decompresses gzip input found by its magic bytes; stats.bytes counts the compressed bytes", async () => {
    const compressed = gzipSync(LEGACY_CSV);
    const stream = await openFlowStream(chunked(compressed, 1000));
    expect(stream.format).toBe("nfdump-csv-legacy");
    expect(await readAll(stream)).toHaveLength(1092);
    expect(stream.stats).toMatchObject({ bytes: compressed.length, lines: 1096, rejected: 0 });
  });

  it("reads concatenated gzip members (cat a.gz b.gz)", async () => {
    const half = SEED.indexOf("\n", SEED.length / 2) + 1;
    const members = Buffer.concat([gzipSync(SEED.subarray(0, half)), gzipSync(SEED.subarray(half))]);
    expect(await readAll(await openFlowStream(chunked(members, 512)))).toHaveLength(1092);
  });

  it("keeps what a truncated gzip file holds and reports the truncation", async () => {
    const compressed = gzipSync(SEED);
    const stream = await openFlowStream(chunked(compressed.subarray(0, Math.floor(compressed.length * 0.6)), 4096));
    const flows = await readAll(stream);
    expect(flows.length).toBeGreaterThan(100);
    expect(flows.length).toBeLessThan(1092);
    const reasons = stream.stats.rejectedSamples.map((sample) => sample.reason);
    expect(reasons.at(-1)).toMatch(/gzip data ends early/);
  });
});

describe("input that is not a flow file", () => {
  it("refuses an empty file", async () => {
    expect((await unknownFormat(chunked(""))).detail).toBe("empty file");
    expect((await unknownFormat(chunked("\n\n  \r\n"))).detail).toBe("empty file");
    expect((await unknownFormat(chunked(gzipSync(Buffer.alloc(0))))).detail).toBe("empty file");
  });

  it("refuses binary garbage", async () => {
    const random = Buffer.alloc(64 * 1024);
    let seed = 12345;
    for (let i = 0; i < random.length; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      random[i] = seed >> 16;
    }
    expect((await unknownFormat(chunked(random))).message).toMatch(/binary data/);
    expect((await unknownFormat(chunked(Buffer.from([0x0c, 0xa5, 0x01, 0x00, 0x00])))).message).toMatch(/nfcapd/);
    expect((await unknownFormat(chunked(Buffer.from("BZh91AY&SY")))).message).toMatch(/bzip2/);
    expect((await unknownFormat(chunked(gzipSync(random)))).message).toMatch(/binary data/);
  });

  it("refuses text in no supported format", async () => {
    const error = await unknownFormat(chunked("Dear CSIRT,\nplease find the logs attached.\n"));
    expect(error.message).toMatch(
      /^Unrecognised flow file: no supported format matches the first lines\. Supported formats:/,
    );
  });

  it("says so in plain words (no Markdown) and points an sshd log to the sshd-report box", async () => {
    const plain = await unknownFormat(chunked("Dear CSIRT,\nplease find the logs attached.\n"));
    expect(plain.message).not.toContain("`");
    expect(plain.message).not.toContain("sshd");
    const sshd = await unknownFormat(chunked(readFileSync("test/fixtures/sshd/auth-example.log")));
    expect(sshd.message).toContain(
      'This looks like an sshd log, not flow records: paste it into the "Third-party sshd log" box',
    );
  });

  it("closes the input when the format is refused", async () => {
    const text = Readable.from([Buffer.from("not a flow file\n")]);
    await expect(openFlowStream(text)).rejects.toBeInstanceOf(UnknownFormatError);
    expect(text.destroyed).toBe(true);
  });
});

describe("batches and stats", () => {
  it("yields batches of the requested size and keeps stats current as batches are consumed", async () => {
    const stream = await openFlowFile(fixture("nfdump-1.7.1-example.csv"), { batchSize: 100 });
    const sizes: number[] = [];
    const flowsSeen: number[] = [];
    for await (const batch of stream.batches) {
      sizes.push(batch.length);
      flowsSeen.push(stream.stats.flows);
    }
    expect(sizes).toEqual([...Array(10).fill(100), 92]);
    expect(flowsSeen.slice(0, 3)).toEqual([100, 200, 300]);
    expect(stream.stats.flows).toBe(1092);
  });

  it("keeps only the first 100 rejected samples but counts them all", async () => {
    const bad = Array.from(
      { length: 150 },
      (_, i) => `02:02:${String(i % 60).padStart(2, "0")}Z TCP 192.0.2.999:1 -> 192.0.2.1:22 ----S- 1 40`,
    );
    const text = ["2027-01-09", "02:02:47Z TCP 192.0.2.45:49408 -> 172.30.238.116:22 ----S- 1 40", ...bad].join("\n");
    const stream = await openFlowStream(chunked(text));
    await readAll(stream);
    expect(stream.stats.rejected).toBe(150);
    expect(stream.stats.rejectedSamples).toHaveLength(100);
    expect(stream.stats.rejectedSamples[99]?.line).toBe(102);
  });

  it("stops reading and closes the file when the consumer stops early", async () => {
    const file = createReadStream(fixture("nfdump-1.7.1-example.csv"), { highWaterMark: 1024 });
    const stream = await openFlowStream(file, { batchSize: 10 });
    for await (const batch of stream.batches) {
      expect(batch).toHaveLength(10);
      break;
    }
    expect(stream.stats.flows).toBeLessThan(1092);
    await new Promise((resolve) => setImmediate(resolve));
    expect(file.destroyed).toBe(true);
  });

  it("closes the file on close() when the batches are never read", async () => {
    const file = createReadStream(fixture("nfdump-1.7.1-example.csv"), { highWaterMark: 1024 });
    const stream = await openFlowStream(file);
    await stream.close();
    await new Promise((resolve) => setImmediate(resolve));
    expect(file.destroyed).toBe(true);
  });

  it("parses as the given format without detection", async () => {
    const stream = await openFlowStream(chunked(SEED), { format: "nfdump-text" });
    expect(stream.format).toBe("nfdump-text");
    await readAll(stream);
    expect(stream.stats.flows).toBe(0);
    expect(stream.stats.rejected).toBe(1093); // the date line too: nfdump text wants a time after it
    expect(stream.stats.rejectedSamples[0]).toEqual({ line: 1, reason: "missing time" });
  });
});
