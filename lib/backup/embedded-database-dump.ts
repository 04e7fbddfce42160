import { once } from "node:events";
import { createWriteStream, rmSync } from "node:fs";
import { request, createServer, type Server } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { PGlite } from "@electric-sql/pglite";

/**
 * Only the process that holds the embedded database may read it, so a backup taken while
 * `npm start` runs asks that process for the dump over a Unix socket beside the data directory.
 * The socket is as private as the data directory itself (mode 0600): whoever can use it could
 * read the files anyway.
 */
export function controlSocketPath(pgliteDataDir: string): string {
  return `${pgliteDataDir}.control.sock`;
}

/**
 * A crash-consistent image of the data directory: PGlite runs one statement at a time and
 * takes the image between two of them, after a checkpoint so that little WAL needs replaying.
 */
export async function dumpEmbeddedDatabase(pglite: PGlite, file: string): Promise<void> {
  await pglite.exec("CHECKPOINT");
  const image = await pglite.dumpDataDir("gzip");
  await pipeline(Readable.fromWeb(image.stream() as never), createWriteStream(file, { mode: 0o600 }));
}

export async function serveDatabaseDumps(pglite: PGlite, pgliteDataDir: string): Promise<() => Promise<void>> {
  const socketPath = controlSocketPath(pgliteDataDir);
  rmSync(socketPath, { force: true });
  const server: Server = createServer((req, res) => {
    if (req.method !== "GET" || req.url !== "/database.tar.gz") {
      res.writeHead(404).end();
      return;
    }
    pglite
      .exec("CHECKPOINT")
      .then(() => pglite.dumpDataDir("gzip"))
      .then(async (image) => {
        res.writeHead(200, { "content-type": "application/gzip", "content-length": String(image.size) });
        await pipeline(Readable.fromWeb(image.stream() as never), res);
      })
      .catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
        res.end(error instanceof Error ? error.message : String(error));
      });
  });
  const previous = process.umask(0o177);
  try {
    server.listen(socketPath);
    await once(server, "listening");
  } finally {
    process.umask(previous);
  }
  return async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(socketPath, { force: true });
  };
}

/** Asks the running process for a dump; fails with its reason. */
export async function fetchDatabaseDump(pgliteDataDir: string, file: string): Promise<void> {
  const response = await new Promise<import("node:http").IncomingMessage>((resolve, reject) => {
    request({ socketPath: controlSocketPath(pgliteDataDir), path: "/database.tar.gz", method: "GET" }, resolve)
      .on("error", (error) =>
        reject(
          new Error(
            `The embedded database is in use, but the running app did not answer on ${controlSocketPath(pgliteDataDir)} (${error.message}). Restart it with npm start, or stop it and back up again.`,
          ),
        ),
      )
      .end();
  });
  if (response.statusCode !== 200) {
    const chunks: Buffer[] = [];
    for await (const chunk of response) chunks.push(chunk as Buffer);
    throw new Error(`The running app could not dump the database: ${Buffer.concat(chunks).toString("utf8")}`);
  }
  await pipeline(response, createWriteStream(file, { mode: 0o600 }));
}
