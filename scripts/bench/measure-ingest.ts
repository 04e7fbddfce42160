/**
 * One measurement, run in a fresh process by ingest.ts so peak RSS belongs to one file:
 * build the AddressBlockIndex from the member blocks (as the worker does from the database
 * rows), then openFlowFile → detector.push(batch) → finish() → the stream's saved state, timed. Prints one JSON line
 * (MeasuredIngest) on stdout.
 *
 *   tsx scripts/bench/measure-ingest.ts <flow file> <blocks.json>
 */
import { readFile } from "node:fs/promises";
import { SshScanDetector } from "../../lib/ingest/detect";
import { encodeStreamState } from "../../lib/ingest/streams/stream-state";
import { openFlowFile } from "../../lib/ingest/parsers";
import { AddressBlockIndex, type AddressBlock } from "../../lib/net";
import { MEASUREMENT_PREFIX, type MeasuredIngest } from "./measured-ingest";

/** blocks.json holds what loadDetectionContext reads from the database: { cidr, organisationId, blockId }[]. */
async function loadMemberIndex(blocksJson: string): Promise<{ index: AddressBlockIndex; organisations: number }> {
  const blocks = JSON.parse(await readFile(blocksJson, "utf8")) as AddressBlock[];
  return { index: new AddressBlockIndex(blocks), organisations: new Set(blocks.map((block) => block.organisationId)).size };
}

async function measure(flowFile: string, blocksJson: string): Promise<MeasuredIngest> {
  const setupStarted = performance.now();
  const { index, organisations } = await loadMemberIndex(blocksJson);
  const setupSeconds = (performance.now() - setupStarted) / 1000;

  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const stream = await openFlowFile(flowFile);
  const detector = new SshScanDetector({ index, settings: {} });
  for await (const batch of stream.batches) detector.push(batch);
  const found = detector.finish();
  // What the worker saves for the stream's next file is part of the work.
  const savedState = encodeStreamState(detector.exportState(flowFile));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);

  return {
    format: stream.format,
    bytes: stream.stats.bytes,
    lines: stream.stats.lines,
    flows: stream.stats.flows,
    rejected: stream.stats.rejected,
    rejectedSamples: stream.stats.rejectedSamples.slice(0, 5),
    organisations,
    blocks: index.size,
    setupSeconds,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    detector: detector.stats(),
    savedStateBytes: savedState.byteLength,
    activities: found.map((activity) => ({ sourceIp: activity.sourceIp, kind: activity.kind, organisationId: activity.organisationId })),
  };
}

const [flowFile, blocksJson] = process.argv.slice(2);
if (flowFile === undefined || blocksJson === undefined) {
  console.error("usage: tsx scripts/bench/measure-ingest.ts <flow file> <blocks.json>");
  process.exit(2);
}
const measured = await measure(flowFile, blocksJson);
process.stdout.write(`${MEASUREMENT_PREFIX}${JSON.stringify(measured)}\n`);
