/** Writes one traffic sample to disk in several formats at once (and to nfcapd), streaming. */
import path from "node:path";
import { BufferedFileWriter } from "./buffered-file-writer";
import { createFlowFileFormat, type BenchFormatId } from "./flow-file-formats";
import { NfcapdCapture, type CaptureResult } from "../../test/support/nfcapd";
import { SeededRandom } from "./random";
import type { SyntheticMembers } from "./synthetic-members";
import { SyntheticTraffic, type PlantedScanners } from "./synthetic-traffic";

export interface GeneratedFlowFiles {
  files: Map<BenchFormatId, string>;
  records: number;
  planted: PlantedScanners;
  capture: CaptureResult | null;
  seconds: number;
}

export interface GenerateOptions {
  directory: string;
  name: string;
  members: SyntheticMembers;
  seed: number;
  lines: number;
  formats: readonly BenchFormatId[];
  /** Also export the IPv4 flows to a local nfcapd writing here. */
  captureDirectory: string | null;
}

const YIELD_EVERY = 4096;

export async function generateFlowFiles(options: GenerateOptions): Promise<GeneratedFlowFiles> {
  const started = performance.now();
  const traffic = new SyntheticTraffic(options.members, new SeededRandom(options.seed), options.lines);
  const outputs = options.formats.map((id) => {
    const format = createFlowFileFormat(id);
    const writer = new BufferedFileWriter(path.join(options.directory, `${options.name}.${id}.${format.extension}`));
    writer.write(format.header());
    return { id, format, writer };
  });
  const capture = options.captureDirectory === null ? null : await NfcapdCapture.start(options.captureDirectory);

  let records = 0;
  for (const flow of traffic.flows()) {
    for (const { format, writer } of outputs) writer.write(format.line(flow));
    capture?.add(flow);
    if (++records % YIELD_EVERY === 0) {
      await Promise.all([...outputs.map(({ writer }) => writer.flushIfFull()), capture?.drain()]);
    }
  }
  for (const { format, writer } of outputs) {
    writer.write(format.footer());
    await writer.close();
  }
  return {
    files: new Map(outputs.map(({ id, writer }) => [id, writer.path])),
    records,
    planted: traffic.planted,
    capture: capture === null ? null : await capture.finish(),
    seconds: (performance.now() - started) / 1000,
  };
}
