import { Histogram, register } from "prom-client";

/** Per web process; with several processes the metrics listener adds them up (prom-client's cluster aggregation). */
export const httpRequestDuration = new Histogram({
  name: "csirt_http_request_duration_seconds",
  help: "Time to answer a request, by method, route (ids and tokens replaced) and status",
  labelNames: ["method", "route", "status"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [register],
});
