import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";

const CHUNK_BYTES = 1 << 20;

/**
 * Copies ASCII text straight into 1 MB buffers and hands each full one to the file stream:
 * no string concatenation, so generating 10 million lines stays cheap for the GC.
 */
export class BufferedFileWriter {
  private readonly stream: WriteStream;
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path);
  }

  write(text: string): void {
    if (this.used + text.length > CHUNK_BYTES) this.pushChunk();
    if (text.length > CHUNK_BYTES) this.stream.write(text, "latin1");
    else this.used += this.chunk.write(text, this.used, "latin1");
  }

  /** Waits while the disk is behind. */
  async flushIfFull(): Promise<void> {
    if (this.stream.writableNeedDrain) await once(this.stream, "drain");
  }

  async close(): Promise<void> {
    this.pushChunk();
    this.stream.end();
    await once(this.stream, "finish");
  }

  private pushChunk(): void {
    if (this.used === 0) return;
    this.stream.write(this.chunk.subarray(0, this.used));
    this.chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
  }
}
