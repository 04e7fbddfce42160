import { AppError } from "@/lib/errors";

/**
 * Requests that change something must come from our own pages (or from a client that sends no
 * Origin at all, such as a collector's HTTP client): a foreign Origin is refused before anything
 * runs. Next.js checks server actions too, but answers a mismatch with an error page, not a 403.
 */
export function isForeignOrigin(headers: Headers, appUrl: string | undefined): boolean {
  const origin = headers.get("origin");
  if (origin === null) return false;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return true; // "null" (sandboxed frames, some redirects) or garbage
  }
  const ours = [headers.get("x-forwarded-host"), headers.get("host")];
  if (appUrl) ours.push(new URL(appUrl).host);
  return !ours.some((candidate) => candidate?.split(",")[0]?.trim().toLowerCase() === host.toLowerCase());
}

export function changesState(method: string): boolean {
  return !["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase());
}

/** For route handlers the proxy does not see (the streaming uploads). */
export function assertSameOrigin(request: Request, appUrl: string | undefined): void {
  if (changesState(request.method) && isForeignOrigin(request.headers, appUrl)) {
    throw new AppError("FORBIDDEN", "This request came from another site and was refused.");
  }
}
