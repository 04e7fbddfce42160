import { pageStaff } from "@/lib/http/page-guards";

/**
 * The page guards itself too; this runs the same guard outside the page's loading boundary.
 * Once the loading skeleton has streamed the status is 200 whatever the page decides, so
 * without it a refused visitor would get "Not allowed" (or a client-side redirect) with a 200.
 * A layout has no query string: signing in from here returns to the unfiltered queue.
 */
export default async function QueueLayout({ children }: { children: React.ReactNode }) {
  await pageStaff("/incidents");
  return children;
}
