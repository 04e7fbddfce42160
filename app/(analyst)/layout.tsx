import { AppShell } from "@/components/layout/app-shell";
import { currentUser, isStaff } from "@/lib/auth/guards";
import { countWaitingWork } from "@/lib/dashboard/count-waiting-work";
import { db } from "@/lib/db/client";

const STAFF_NAV = [
  { href: "/", label: "Dashboard" },
  { href: "/incidents", label: "Incidents" },
  { href: "/organisations", label: "Organisations" },
  { href: "/ingest", label: "Ingest" },
  { href: "/settings", label: "Settings" },
  { href: "/outbox", label: "Outbox" },
  { href: "/templates", label: "Templates" },
  { href: "/requests", label: "Requests" },
  { href: "/dev/mailbox", label: "Dev mailbox" },
];

// Each page checks access itself (layouts do not guard their pages); this only frames them.
export default async function AnalystLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  if (!user || !isStaff(user)) return <>{children}</>;
  // What waits for someone, counted beside the page it waits on.
  const waiting = await countWaitingWork(db);
  const counts: Record<string, { count: number; countLabel: string }> = {
    "/incidents": { count: waiting.needsAttention, countLabel: "need attention" },
    "/requests": { count: waiting.pendingRequests, countLabel: "pending" },
    "/outbox": { count: waiting.heldNotices, countLabel: "held for approval" },
  };
  return <AppShell user={user} nav={STAFF_NAV.map((item) => ({ ...item, ...counts[item.href] }))}>{children}</AppShell>;
}
