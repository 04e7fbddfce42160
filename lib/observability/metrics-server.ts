import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { AggregatorRegistry, register } from "prom-client";
import type { Db } from "@/lib/db/client";
import { readSystemState } from "./read-system-state";
import { renderSystemMetrics } from "./system-metrics";

/**
 * GET /metrics on a loopback listener of its own: the web processes' request metrics (added up
 * across cluster workers when there are several) and the system's state read from the database.
 */
export async function startMetricsServer({
  db,
  port,
  host,
  clustered,
}: {
  db: Db;
  port: number;
  host: string;
  clustered: boolean;
}): Promise<{ url: string; close: () => Promise<void> }> {
  const aggregator = clustered ? new AggregatorRegistry() : null;
  const server = createServer((request, response) => {
    if (request.method !== "GET" || request.url?.split("?")[0] !== "/metrics") {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
      return;
    }
    Promise.all([
      aggregator ? aggregator.clusterMetrics() : register.metrics(),
      readSystemState(db).then(renderSystemMetrics),
    ])
      .then(([web, system]) => {
        response.writeHead(200, { "content-type": register.contentType }).end(`${web}\n${system}`);
      })
      .catch((error: unknown) => {
        response
          .writeHead(500, { "content-type": "text/plain" })
          .end(`metrics unavailable: ${(error as Error).message}\n`);
      });
  });
  server.listen(port, host);
  await once(server, "listening");
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}/metrics`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
