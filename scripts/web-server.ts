/**
 * The Next.js app behind a plain HTTP server: what every web process of `npm start` runs.
 */
import { createServer } from "node:http";

export interface WebServer {
  close(): Promise<void>;
}

export async function serveWeb({ port, host }: { port: number; host: string }): Promise<WebServer> {
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: process.cwd(), hostname: "localhost", port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const { env } = await import("@/lib/env");
  const trustProxy = env().TRUST_PROXY;
  const server = createServer((request, response) => {
    // The client address for audit and rate limits: from the socket unless a trusted proxy sets it.
    if (!trustProxy || !request.headers["x-forwarded-for"]) request.headers["x-forwarded-for"] = request.socket.remoteAddress ?? "";
    void handle(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return {
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // Requests in flight get a few seconds to finish.
      const timer = setTimeout(() => server.closeAllConnections(), 5_000);
      await closed;
      clearTimeout(timer);
      await app.close().catch(() => {});
    },
  };
}
