import type { Db } from "@/lib/db/client";
import type { WebhookDeliveryState, WebhookEventType } from "@/lib/generated/prisma/enums";

export interface WebhookEndpointRow {
  id: string;
  url: string;
  description: string;
  events: WebhookEventType[];
  enabled: boolean;
  createdAt: Date;
  counts: Partial<Record<WebhookDeliveryState, number>>;
}

/** Every endpoint (never its secret) with its deliveries counted by state. */
export async function listWebhookEndpoints(db: Db): Promise<WebhookEndpointRow[]> {
  const [endpoints, counts] = await Promise.all([
    db.webhookEndpoint.findMany({
      orderBy: { createdAt: "asc" },
      select: { id: true, url: true, description: true, events: true, enabled: true, createdAt: true },
    }),
    db.webhookDelivery.groupBy({ by: ["endpointId", "state"], _count: { _all: true } }),
  ]);
  return endpoints.map((endpoint) => ({
    ...endpoint,
    counts: Object.fromEntries(
      counts.filter((row) => row.endpointId === endpoint.id).map((row) => [row.state, row._count._all]),
    ),
  }));
}

export async function getWebhookEndpoint(db: Db, { id }: { id: string }) {
  return db.webhookEndpoint.findUnique({
    where: { id },
    select: { id: true, url: true, description: true, events: true, enabled: true, createdAt: true, updatedAt: true },
  });
}

export interface WebhookDeliveryRow {
  id: string;
  eventType: WebhookEventType;
  incidentReference: number | null;
  state: WebhookDeliveryState;
  attempts: number;
  replays: number;
  nextAttemptAt: Date;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
  log: Array<{
    id: string;
    startedAt: Date;
    durationMs: number;
    statusCode: number | null;
    error: string | null;
    responseSnippet: string | null;
    replay: boolean;
  }>;
}

/** An endpoint's newest deliveries with every attempt, newest first. */
export async function listWebhookDeliveries(
  db: Db,
  { endpointId, limit = 50 }: { endpointId: string; limit?: number },
): Promise<WebhookDeliveryRow[]> {
  const rows = await db.webhookDelivery.findMany({
    where: { endpointId },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: limit,
    select: {
      id: true,
      eventType: true,
      incidentId: true,
      state: true,
      attempts: true,
      replays: true,
      nextAttemptAt: true,
      lastError: true,
      deliveredAt: true,
      createdAt: true,
      payload: true,
      log: { orderBy: { startedAt: "desc" }, take: 20 },
    },
  });
  return rows.map(({ payload, incidentId: _incidentId, log, ...row }) => ({
    ...row,
    incidentReference: referenceOf(payload),
    log: log.map(({ deliveryId: _deliveryId, ...attempt }) => attempt),
  }));
}

function referenceOf(payload: unknown): number | null {
  const reference = (payload as { data?: { incident?: { reference?: unknown } } } | null)?.data?.incident?.reference;
  return typeof reference === "number" ? reference : null;
}
