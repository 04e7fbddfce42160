import { pino } from "pino";

/**
 * One JSON line per event on stdout. Request lines carry the route with ids and tokens replaced
 * (lib/observability/route-label.ts), never the query string, a cookie or an address.
 * LOG_LEVEL=debug adds a line for every request; by default only server errors are logged.
 */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { pid: process.pid },
  redact: { paths: ["*.authorization", "*.cookie", "*.password", "*.token"], censor: "[redacted]" },
});
