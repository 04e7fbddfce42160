/**
 * Return paths (`callbackUrl` and the like) are parsed as URLs against our own origin, the way a
 * browser would resolve them, and kept only when they land on that origin: string prefix checks
 * miss `/\t/evil.example`, which browsers read as `//evil.example`.
 */
import { AppError } from "@/lib/errors";

/** Query parameters that carry a return path, wherever they appear. */
export const RETURN_PATH_PARAMS = ["callbackUrl", "next", "redirect", "redirectTo", "returnTo"] as const;

const INTERNAL_ORIGIN = "http://return-path.invalid";
const MAX_RETURN_PATH = 2048;

/** Control characters and non-ASCII: a return path we issue has them percent-encoded, never raw. */
export function hasUnsafeCharacters(text: string): boolean {
  return /[^\x20-\x7e]/.test(text);
}

/**
 * A same-origin path (`/incidents?x=1#y`) or `fallback`. Text that could never be one of our links
 * (raw control characters or non-ASCII, too long) is refused with a 400 rather than quietly replaced.
 */
export function safeReturnPath(candidate: unknown, fallback = "/"): string {
  if (typeof candidate !== "string" || candidate === "") return fallback;
  if (candidate.length > MAX_RETURN_PATH || hasUnsafeCharacters(candidate)) {
    throw new AppError("BAD_REQUEST", "The return address is not a valid link to this site.");
  }
  if (!candidate.startsWith("/")) return fallback;
  let url: URL;
  try {
    url = new URL(candidate, INTERNAL_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== INTERNAL_ORIGIN) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** Like `safeReturnPath`, but a hostile value becomes the fallback instead of an error. */
export function returnPathOrFallback(candidate: unknown, fallback = "/"): string {
  try {
    return safeReturnPath(candidate, fallback);
  } catch {
    return fallback;
  }
}

/** Whether a request's return-path parameters are all acceptable (the proxy answers 400 otherwise). */
export function returnPathProblem(params: URLSearchParams): string | null {
  for (const name of RETURN_PATH_PARAMS) {
    for (const value of params.getAll(name)) {
      try {
        safeReturnPath(value);
      } catch (error) {
        return error instanceof Error ? `${name}: ${error.message}` : name;
      }
    }
  }
  return null;
}
