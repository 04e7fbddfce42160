/**
 * The Next.js app behind a plain HTTP server: what every web process of `npm start` runs.
 */
import { createServer } from "node:http";
import { clientAddress } from "../lib/http/client-address";
import { env } from "../lib/env";
import { strictTransportSecurity } from "../lib/http/content-security-policy";
import { PROBLEM_TITLES, problemTypeUri } from "../lib/api/problem";
import { bodyLimitRefusal } from "../lib/http/request-limits";
import { collectDefaultMetrics } from "prom-client";
import { httpRequestDuration } from "../lib/observability/http-metrics";
import { logger } from "../lib/observability/logger";
import { requestId } from "../lib/observability/request-id";
import { routeLabel } from "../lib/observability/route-label";

export interface WebServer {
  close(): Promise<void>;
}

export async function serveWeb({ port, host }: { port: number; host: string }): Promise<WebServer> {
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: process.cwd(), hostname: "localhost", port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const trustedHops = env().TRUST_PROXY;
  const hsts = strictTransportSecurity(env().APP_URL);
  if (env().METRICS_PORT) collectDefaultMetrics();
  const server = createServer((request, response) => {
    const started = process.hrtime.bigint();
    const id = requestId(request.headers["x-request-id"]);
    request.headers["x-request-id"] = id;
    response.setHeader("X-Request-Id", id);
    response.once("finish", () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const method = request.method ?? "GET";
      const route = routeLabel(request.url ?? "/");
      const status = response.statusCode;
      httpRequestDuration.observe({ method, route, status: String(status) }, seconds);
      logger[status >= 500 ? "error" : "debug"](
        { reqId: id, method, route, status, ms: Math.round(seconds * 1000) },
        "request",
      );
    });
    if (hsts) response.setHeader("Strict-Transport-Security", hsts);
    const refusal = bodyLimitRefusal({
      method: request.method ?? "GET",
      path: request.url ?? "/",
      contentLength: request.headers["content-length"],
      transferEncoding: request.headers["transfer-encoding"],
    });
    if (refusal) {
      // Answered from the headers; the connection closes so the body is never read.
      const path = (request.url ?? "/").split("?")[0]!;
      // The REST API's refusals are RFC 9457 problem documents, this one too.
      const api = path.startsWith("/api/v1/");
      const slug = refusal.status === 413 ? "payload-too-large" : "malformed-request";
      const body = api
        ? {
            type: problemTypeUri(env().APP_URL, slug),
            title: PROBLEM_TITLES[slug],
            status: refusal.status,
            detail: refusal.message,
            instance: path,
          }
        : { error: refusal.code, message: refusal.message };
      response.writeHead(refusal.status, {
        "content-type": api ? "application/problem+json" : "application/json",
        connection: "close",
      });
      response.end(JSON.stringify(body), () => request.socket.destroy());
      return;
    }
    // One address reaches the app: the client's, as far as the trusted proxies vouch (never what the client wrote).
    const forwardedFor = request.headers["x-forwarded-for"];
    request.headers["x-forwarded-for"] = clientAddress({
      forwardedFor,
      socketAddress: request.socket.remoteAddress,
      trustedHops,
    });
    delete request.headers["x-real-ip"];
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
