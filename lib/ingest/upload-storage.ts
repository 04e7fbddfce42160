import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { env, type TEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

export const MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

export function uploadsDir({ DATA_DIR }: Pick<TEnv, "DATA_DIR"> = env()): string {
  return path.resolve(DATA_DIR.trim() || ".data", "uploads");
}

/** A file name safe to show and to keep: no directories, no control characters. */
export function cleanFileName(name: string | null | undefined): string {
  const base = path
    .basename((name ?? "").replace(/\\/g, "/"))
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .trim();
  return base.slice(0, 200) || "upload";
}

/** Streams a body to disk (never into memory), refusing it past the size limit. */
export async function storeUpload(
  body: ReadableStream<Uint8Array> | NodeJS.ReadableStream,
  fileName: string,
  maxBytes = MAX_UPLOAD_BYTES,
): Promise<string> {
  const dir = uploadsDir();
  await mkdir(dir, { recursive: true });
  const target = path.join(dir, `${randomUUID()}-${cleanFileName(fileName)}`);
  let received = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      if (received > maxBytes) {
        const limit = `${Math.floor(maxBytes / 1024 ** 2).toLocaleString("en")} MiB`;
        callback(
          new AppError(
            "PAYLOAD_TOO_LARGE",
            `The file is larger than this upload may be (${limit}: size limit or what is left of the quota).`,
          ),
        );
      } else callback(null, chunk);
    },
  });
  const source =
    "getReader" in body
      ? Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>)
      : Readable.from(body as AsyncIterable<Buffer>);
  try {
    await pipeline(source, limit, createWriteStream(target, { flags: "wx" }));
  } catch (error) {
    await rm(target, { force: true });
    throw error;
  }
  if (received === 0) {
    await rm(target, { force: true });
    throw new AppError("INVALID_INPUT", "The file is empty.");
  }
  return target;
}
