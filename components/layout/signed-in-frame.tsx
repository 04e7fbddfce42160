import { currentUser, isStaff } from "@/lib/auth/guards";
import { countWaitingWork } from "@/lib/dashboard/count-waiting-work";
import { db } from "@/lib/db/client";
import type { FormAction } from "@/lib/http/action";
import { AppShell } from "./app-shell";
import { PORTAL_NAV, STAFF_NAV } from "./navigation";

/**
 * The signed-in frame (header and navigation) for whoever is signed in: staff get their
 * navigation with what is waiting counted beside it, institution users the portal's; anyone else
 * the bare page. Used by the layouts and by the not-found and forbidden pages, which sit outside
 * them. It frames pages; it never guards them.
 */
export async function SignedInFrame({
  children,
  signOut,
  audience,
  standalone = false,
}: {
  children: React.ReactNode;
  /** The sign-out action, passed down by the route that renders the frame (components never import actions from app/). */
  signOut: FormAction<unknown>;
  audience?: "staff" | "institution";
  standalone?: boolean;
}) {
  const user = await currentUser();
  // A standalone page (not found, forbidden) has no layout to give it its <main> when nobody is signed in.
  if (!user)
    return standalone ? (
      <main id="main" className="px-6 py-10">
        {children}
      </main>
    ) : (
      children
    );
  const staff = isStaff(user);
  if ((audience === "staff" && !staff) || (audience === "institution" && staff)) return children;
  if (!staff)
    return (
      <AppShell user={user} signOut={signOut} nav={PORTAL_NAV}>
        {children}
      </AppShell>
    );
  // What waits for someone, counted beside the page it waits on.
  const waiting = await countWaitingWork(db);
  const counts: Record<string, { count: number; countLabel: string }> = {
    "/incidents": { count: waiting.needsAttention, countLabel: "need attention" },
    "/requests": { count: waiting.pendingRequests, countLabel: "pending" },
    "/outbox": { count: waiting.heldNotices, countLabel: "held for approval" },
    "/mail": { count: waiting.unmatchedMail, countLabel: "waiting" },
  };
  return (
    <AppShell user={user} signOut={signOut} nav={STAFF_NAV.map((item) => ({ ...item, ...counts[item.href] }))}>
      {children}
    </AppShell>
  );
}
