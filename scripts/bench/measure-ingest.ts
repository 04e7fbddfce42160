/**
 * One measurement, run in a fresh process by ingest.ts so peak RSS belongs to one file:
 * build the AddressBlockIndex from the member blocks (as the worker does from the database
 * rows), then openFlowFile → detector.push(batch) → finish() → the stream's saved state, timed, with the watched ports
 * passed as the run passes them (pushed down to nfdump for nfcapd files). Several files (an
 * nfcapd capture nfcapd rotated) go through one detector in order. Prints one JSON line
 * (MeasuredIngest) on stdout.
 *
 *   tsx scripts/bench/measure-ingest.ts <blocks.json> <flow file>...
 */
import { readFile } from "node:fs/promises";
import { DEFAULT_DETECTION_SETTINGS, SshScanDetector } from "../../lib/ingest/detect";
import { encodeStreamState } from "../../lib/ingest/streams/stream-state";
import type { ParseStats } from "../../lib/ingest/flow";
import { openFlowFile, type FlowStream } from "../../lib/ingest/parsers";
import { AddressBlockIndex, type AddressBlock } from "../../lib/net";
import { MEASUREMENT_PREFIX, type MeasuredIngest } from "./measured-ingest";

/** blocks.json holds what loadDetectionContext reads from the database: { cidr, organisationId, blockId }[]. */
async function loadMemberIndex(blocksJson: string): Promise<{ index: AddressBlockIndex; organisations: number }> {
  const blocks = JSON.parse(await readFile(blocksJson, "utf8")) as AddressBlock[];
  return {
    index: new AddressBlockIndex(blocks),
    organisations: new Set(blocks.map((block) => block.organisationId)).size,
  };
}

async function measure(flowFiles: string[], blocksJson: string): Promise<MeasuredIngest> {
  const setupStarted = performance.now();
  const { index, organisations } = await loadMemberIndex(blocksJson);
  const setupSeconds = (performance.now() - setupStarted) / 1000;

  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const detector = new SshScanDetector({ index, settings: {} });
  const streams: FlowStream[] = [];
  for (const flowFile of flowFiles) {
    const stream = await openFlowFile(flowFile, { watchedPorts: DEFAULT_DETECTION_SETTINGS.ports });
    for await (const batch of stream.batches) detector.push(batch);
    streams.push(stream);
  }
  const found = detector.finish();
  // What the worker saves for the stream's next file is part of the work.
  const savedState = encodeStreamState(detector.exportState(flowFiles.at(-1)!));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  const sum = (figure: (stats: ParseStats) => number) =>
    streams.reduce((total, stream) => total + figure(stream.stats), 0);

  return {
    format: streams[0]!.format,
    bytes: sum((stats) => stats.bytes),
    lines: sum((stats) => stats.lines),
    flows: sum((stats) => stats.flows),
    sourceFlows: streams.every((stream) => stream.stats.sourceFlows !== undefined)
      ? sum((stats) => stats.sourceFlows!)
      : null,
    rejected: sum((stats) => stats.rejected),
    rejectedSamples: streams.flatMap((stream) => stream.stats.rejectedSamples).slice(0, 5),
    organisations,
    blocks: index.size,
    setupSeconds,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    detector: detector.stats(),
    savedStateBytes: savedState.byteLength,
    activities: found.map((activity) => ({
      sourceIp: activity.sourceIp,
      kind: activity.kind,
      organisationId: activity.organisationId,
    })),
  };
}

const [blocksJson, ...flowFiles] = process.argv.slice(2);
if (blocksJson === undefined || flowFiles.length === 0) {
  console.error("usage: tsx scripts/bench/measure-ingest.ts <blocks.json> <flow file>...");
  process.exit(2);
}
const measured = await measure(flowFiles, blocksJson);
process.stdout.write(`${MEASUREMENT_PREFIX}${JSON.stringify(measured)}\n`);
