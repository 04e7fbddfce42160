import type { Metadata } from "next";
import { firstParam } from "@/lib/http/search-params";
import Link from "next/link";
import { LiveRefresh } from "@/components/ingest/live-refresh";
import { OutboxTable } from "@/components/notify/outbox-table";
import { EmptyState } from "@/components/ui/empty-state";
import { db } from "@/lib/db/client";
import { NotificationState } from "@/lib/generated/prisma/enums";
import { pageStaff } from "@/lib/http/page-guards";
import { NOTIFICATION_STATE_LABEL } from "@/lib/labels";
import { countOutboxByState, listOutbox } from "@/lib/notify/list-outbox";

export const metadata: Metadata = { title: "Outbox" };

const STATES = Object.values(NotificationState);

export default async function OutboxPage({ searchParams }: { searchParams: Promise<{ state?: string | string[] }> }) {
  await pageStaff("/outbox");
  const requested = firstParam((await searchParams).state)?.toUpperCase();
  const state = STATES.find((value) => value === requested);
  const [rows, count] = await Promise.all([listOutbox(db, { state }), countOutboxByState(db)]);
  return (
    <div className="space-y-6">
      <LiveRefresh active={(count.get("QUEUED") ?? 0) + (count.get("SENDING") ?? 0) > 0} intervalMs={2000} />
      <h1 className="text-2xl font-semibold">Outbox</h1>
      <nav aria-label="Filter by state" className="flex flex-wrap gap-3 text-sm">
        <Link
          href="/outbox"
          aria-current={!state ? "page" : undefined}
          className={!state ? "font-semibold" : "text-sky-800 underline"}
        >
          All
        </Link>
        {STATES.map((value) => (
          <Link
            key={value}
            href={`/outbox?state=${value.toLowerCase()}`}
            aria-current={state === value ? "page" : undefined}
            className={state === value ? "font-semibold" : "text-sky-800 underline"}
          >
            {NOTIFICATION_STATE_LABEL[value]} ({count.get(value) ?? 0})
          </Link>
        ))}
      </nav>
      {rows.length === 0 ? (
        <EmptyState title="No messages here" />
      ) : (
        <OutboxTable rows={rows} caption="Notification messages, newest first" />
      )}
    </div>
  );
}
