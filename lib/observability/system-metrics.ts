import { Gauge, Registry } from "prom-client";
import type { SystemState } from "./read-system-state";

/** A fresh registry per scrape: a stream or queue that is gone leaves no stale series behind. */
export async function renderSystemMetrics(state: SystemState): Promise<string> {
  const registry = new Registry();
  const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[] = []) =>
    new Gauge<L>({ name, help, labelNames, registers: [registry] });

  const lag = gauge(
    "csirt_ingest_stream_lag_seconds",
    "Now minus the newest flow time detection has seen, per stream",
    ["stream"],
  );
  const idle = gauge("csirt_ingest_stream_last_run_finished_seconds", "Seconds since the stream's last run finished", [
    "stream",
  ]);
  for (const stream of state.streams) {
    if (stream.lagSeconds !== null) lag.set({ stream: stream.name }, stream.lagSeconds);
    if (stream.lastRunFinishedAgoSeconds !== null) idle.set({ stream: stream.name }, stream.lastRunFinishedAgoSeconds);
  }
  const runs = gauge("csirt_ingest_runs_last_hour", "Ingest runs registered in the last hour, by status", ["status"]);
  for (const row of state.runsLastHour) runs.set({ status: row.status.toLowerCase() }, row.count);
  gauge("csirt_ingest_flows_per_second", "Flows read per second over the last five minutes").set(
    state.flowsPerSecondLast5Min,
  );

  const depth = gauge("csirt_job_queue_jobs", "Jobs waiting, retrying, running or failed, by queue and state", [
    "queue",
    "state",
  ]);
  const age = gauge("csirt_job_queue_oldest_seconds", "Age of the oldest job, by queue and state", ["queue", "state"]);
  for (const row of state.jobs) {
    depth.set({ queue: row.queue, state: row.state }, row.count);
    age.set({ queue: row.queue, state: row.state }, row.oldestAgeSeconds);
  }

  const backlog = gauge(
    "csirt_outbox_notifications",
    "Notices not yet sent (held, queued, sending) or failed, by state",
    ["state"],
  );
  const backlogAge = gauge("csirt_outbox_oldest_seconds", "Age of the oldest notice in each unsent state", ["state"]);
  for (const row of state.outbox) {
    backlog.set({ state: row.state.toLowerCase() }, row.count);
    backlogAge.set({ state: row.state.toLowerCase() }, row.oldestAgeSeconds);
  }
  const inbound = gauge(
    "csirt_inbound_mail",
    "Incoming mail by what became of it (failed: could not be read or filed)",
    ["state"],
  );
  for (const row of state.inboundMail) inbound.set({ state: row.state.toLowerCase() }, row.count);

  gauge("csirt_mail_sent_7d", "Notices sent in the last seven days").set(state.sentLast7Days);
  gauge("csirt_mail_bounced_7d", "Notices bounced in the last seven days").set(state.bouncedLast7Days);
  gauge("csirt_mail_bounce_ratio_7d", "Bounced over sent, last seven days (0 when nothing was sent)").set(
    state.sentLast7Days === 0 ? 0 : state.bouncedLast7Days / state.sentLast7Days,
  );

  const webhooks = gauge(
    "csirt_webhook_deliveries",
    "Webhook deliveries not yet made (queued, sending) or given up (failed), by state",
    ["state"],
  );
  const webhooksAge = gauge("csirt_webhook_oldest_seconds", "Age of the oldest webhook delivery in each state", [
    "state",
  ]);
  for (const row of state.webhooks) {
    webhooks.set({ state: row.state.toLowerCase() }, row.count);
    webhooksAge.set({ state: row.state.toLowerCase() }, row.oldestAgeSeconds);
  }
  if (state.retention) {
    gauge("csirt_retention_last_run_seconds", "Seconds since the latest retention run started").set(
      state.retention.startedAgoSeconds,
    );
    gauge(
      "csirt_retention_last_run_ok",
      "1 when the latest retention run succeeded (or is running), 0 when it failed or left batches undone",
    ).set(["SUCCEEDED", "RUNNING"].includes(state.retention.status) ? 1 : 0);
  }
  return registry.metrics();
}
