import { AppShell } from "@/components/layout/app-shell";
import { currentUser, isStaff } from "@/lib/auth/guards";

const STAFF_NAV = [
  { href: "/", label: "Dashboard" },
  { href: "/incidents", label: "Incidents" },
  { href: "/organisations", label: "Organisations" },
  { href: "/ingest", label: "Ingest" },
  { href: "/settings", label: "Settings" },
  { href: "/outbox", label: "Outbox" },
  { href: "/templates", label: "Templates" },
  { href: "/requests", label: "Requests" },
  { href: "/mail", label: "Unmatched mail" },
  { href: "/dev/mailbox", label: "Dev mailbox" },
];

// Each page checks access itself (layouts do not guard their pages); this only frames them.
export default async function AnalystLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  if (!user || !isStaff(user)) return <>{children}</>;
  return <AppShell user={user} nav={STAFF_NAV}>{children}</AppShell>;
}
