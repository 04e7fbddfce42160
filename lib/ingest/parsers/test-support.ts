/** Shared helpers for the parser tests (not used by the application). */
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FlowRecord } from "../flow";
import type { FlowStream } from "./index";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export { describeWithShared, sharedPath, sharedSample } from "@/test/support/samples";

export function fixture(name: string): string {
  return path.resolve(repoRoot, "test/fixtures/flows", name);
}

/** The text as a stream of chunks of `chunkSize` bytes, to exercise lines split across chunks. */
export async function* chunked(content: string | Buffer, chunkSize = 64 * 1024): AsyncGenerator<Buffer> {
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  for (let offset = 0; offset < bytes.length; offset += chunkSize) {
    yield bytes.subarray(offset, offset + chunkSize);
  }
}

export async function readAll(stream: FlowStream): Promise<FlowRecord[]> {
  const records: FlowRecord[] = [];
  for await (const batch of stream.batches) records.push(...batch);
  return records;
}

export function utc(text: string): number {
  const ms = Date.parse(text.endsWith("Z") ? text : `${text}Z`);
  if (Number.isNaN(ms)) throw new Error(`bad test time ${text}`);
  return ms;
}
