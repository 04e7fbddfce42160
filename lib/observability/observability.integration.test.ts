import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ensureStream } from "@/lib/ingest/streams/ensure-stream";
import { getQueue } from "@/lib/jobs/queue";
import { seedDefaults } from "@/prisma/seed";
import { createScanIncident } from "@/test/support/scan-incident";
import { startSmtpSink, type SmtpSink } from "@/test/support/smtp-sink";
import { checkReadiness } from "./check-readiness";
import { httpRequestDuration } from "./http-metrics";
import { startMetricsServer } from "./metrics-server";

/** The value of one series in Prometheus text, e.g. sample(text, 'csirt_outbox_notifications{state="queued"}'). */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("watching the system", () => {
  let sink: SmtpSink;

  beforeAll(async () => {
    await seedDefaults(db);
    sink = await startSmtpSink();
  });

  afterAll(async () => {
    await sink.close();
  });

  it("is ready only when the database, the job queue and the mail relay answer", async () => {
    const noQueue = await checkReadiness(db, { mailUrl: sink.url });
    expect(noQueue.checks.database.ok).toBe(true);
    expect(noQueue.checks.mail.ok).toBe(true);
    expect(noQueue.checks.queue).toMatchObject({ ok: false, detail: expect.stringMatching(/worker/) });
    expect(noQueue.ready).toBe(false);

    await getQueue();
    expect((await checkReadiness(db, { mailUrl: sink.url })).ready).toBe(true);

    const closed = await startSmtpSink();
    await closed.close();
    const noMail = await checkReadiness(db, { mailUrl: closed.url });
    expect(noMail.checks.mail.ok).toBe(false);
    expect(noMail.ready).toBe(false);
  });

  it("serves ingest lag, job queues, the outbox, bounce ratio and request latencies on /metrics", async () => {
    const organisation = await db.organisation.create({ data: { name: "Example College", slug: "example-college" } });
    const incident = await createScanIncident(db, {
      organisationId: organisation.id,
      organisationName: "Example College",
    });
    const streamId = await ensureStream(db, "border-1");
    await db.ingestStream.update({ where: { id: streamId }, data: { clock: new Date(Date.now() - 90_000) } });
    await db.ingestRun.create({
      data: {
        source: "DROP_FOLDER",
        fileName: "nfcapd.1",
        sha256: "b".repeat(64),
        streamId,
        status: "SUCCEEDED",
        flows: 3000,
        finishedAt: new Date(),
      },
    });
    const notice = (purpose: "FIRST_NOTICE" | "UPDATE" | "REMINDER", fields: object) =>
      db.notification.create({
        data: {
          incidentId: incident.id,
          toAddress: "soc@example.ac.uk",
          purpose,
          messageId: `<${purpose}@test>`,
          ...fields,
        },
      });
    await notice("FIRST_NOTICE", { state: "QUEUED", createdAt: new Date(Date.now() - 60_000) });
    await notice("UPDATE", { state: "SENT", sentAt: new Date() });
    await notice("REMINDER", { state: "BOUNCED", sentAt: new Date(), bouncedAt: new Date() });
    const endpoint = await db.webhookEndpoint.create({
      data: { url: "https://soar.example.ac.uk/hook", events: ["INCIDENT_CREATED"], secret: "whsec_dGVzdA==" },
    });
    await db.webhookDelivery.create({
      data: {
        endpointId: endpoint.id,
        eventType: "INCIDENT_CREATED",
        payload: {},
        state: "FAILED",
        createdAt: new Date(Date.now() - 120_000),
      },
    });
    await db.retentionRun.create({
      data: { trigger: "schedule", status: "PARTIAL", policy: {}, startedAt: new Date(Date.now() - 3_600_000) },
    });
    const boss = await getQueue();
    await boss.createQueue("test.waiting").catch(() => undefined);
    await boss.send("test.waiting", {});
    httpRequestDuration.observe({ method: "GET", route: "/incidents/:id", status: "200" }, 0.02);

    const metrics = await startMetricsServer({ db, port: 0, host: "127.0.0.1", clustered: false });
    try {
      const response = await fetch(metrics.url);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
      const text = await response.text();
      expect(sample(text, 'csirt_ingest_stream_lag_seconds{stream="border-1"}')).toBeGreaterThanOrEqual(89);
      expect(sample(text, 'csirt_ingest_runs_last_hour{status="succeeded"}')).toBe(1);
      expect(sample(text, "csirt_ingest_flows_per_second")).toBe(10);
      expect(sample(text, 'csirt_outbox_notifications{state="queued"}')).toBe(1);
      expect(sample(text, 'csirt_outbox_oldest_seconds{state="queued"}')).toBeGreaterThanOrEqual(59);
      expect(sample(text, "csirt_mail_sent_7d")).toBe(2);
      expect(sample(text, "csirt_mail_bounce_ratio_7d")).toBe(0.5);
      expect(sample(text, 'csirt_job_queue_jobs{queue="test.waiting",state="created"}')).toBe(1);
      expect(sample(text, 'csirt_webhook_deliveries{state="failed"}')).toBe(1);
      expect(sample(text, 'csirt_webhook_oldest_seconds{state="failed"}')).toBeGreaterThanOrEqual(119);
      expect(sample(text, "csirt_retention_last_run_seconds")).toBeGreaterThanOrEqual(3599);
      expect(sample(text, "csirt_retention_last_run_ok")).toBe(0);
      expect(
        sample(text, 'csirt_http_request_duration_seconds_count{method="GET",route="/incidents/:id",status="200"}'),
      ).toBe(1);
      expect((await fetch(metrics.url.replace("/metrics", "/other"))).status).toBe(404);
    } finally {
      await metrics.close();
    }
  });
});
