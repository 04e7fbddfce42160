import { pageStaff } from "@/lib/http/page-guards";

/**
 * The page guards itself too; this runs the same guard outside the page's loading boundary, so
 * a refused visitor gets a real 403 or redirect to sign-in (back to this incident), not a 200.
 */
export default async function IncidentLayout({ children, params }: { children: React.ReactNode; params: Promise<{ reference: string }> }) {
  await pageStaff(`/incidents/${encodeURIComponent((await params).reference)}`);
  return children;
}
