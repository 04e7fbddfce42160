const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NUMBER = /^\d+$/;
/** Signed links, tokens, file hashes: long opaque segments never become labels (or log lines). */
const OPAQUE = /^[A-Za-z0-9_.~-]{20,}$/;
const MAX_SEGMENTS = 4;

/**
 * A request path as a metric label and a log field: ids, numbers and tokens replaced, the query
 * dropped, at most four segments, so the label set stays small and no secret reaches a log.
 */
export function routeLabel(url: string): string {
  const pathname = url.split(/[?#]/, 1)[0] ?? "/";
  if (pathname.startsWith("/_next/")) return "/_next";
  const segments = pathname
    .split("/")
    .filter(Boolean)
    .slice(0, MAX_SEGMENTS + 1);
  const labelled = segments.slice(0, MAX_SEGMENTS).map((segment) => {
    if (UUID.test(segment)) return ":id";
    if (NUMBER.test(segment)) return ":n";
    if (OPAQUE.test(segment)) return ":token";
    return /^[a-z0-9-]{1,40}$/i.test(segment) ? segment : ":other";
  });
  return `/${labelled.join("/")}${segments.length > MAX_SEGMENTS ? "/…" : ""}`;
}
