/**
 * Runs before every page, action and small route (not the streaming uploads, see `config`):
 * refuses hostile return paths and foreign origins, and gives each page its Content-Security-Policy
 * nonce. Oversized bodies never get here: scripts/web-server.ts refuses them from their headers.
 */
import { type NextRequest, NextResponse } from "next/server";
import { type ProblemSlug, problemResponse, PROBLEM_TITLES, problemTypeUri } from "@/lib/api/problem";
import { env } from "@/lib/env";
import { contentSecurityPolicy, createNonce } from "@/lib/http/content-security-policy";
import { returnPathProblem } from "@/lib/http/safe-redirect";
import { changesState, isForeignOrigin } from "@/lib/http/same-origin";

function refuse(request: NextRequest, status: number, code: string, message: string): NextResponse | Response {
  const path = request.nextUrl.pathname;
  if (path.startsWith("/api/v1/")) {
    // The REST API answers every refusal as an RFC 9457 problem document (lib/api/problem.ts).
    const slug: ProblemSlug = status === 403 ? "forbidden" : "malformed-request";
    return problemResponse({
      type: problemTypeUri(env().APP_URL, slug),
      title: PROBLEM_TITLES[slug],
      status,
      detail: message,
      instance: path,
    });
  }
  if (path.startsWith("/api/")) return NextResponse.json({ error: code, message }, { status });
  return new NextResponse(`${message}\n`, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
}

export function proxy(request: NextRequest): NextResponse | Response {
  const returnProblem = returnPathProblem(request.nextUrl.searchParams);
  if (returnProblem) return refuse(request, 400, "BAD_REQUEST", returnProblem);
  const { APP_URL } = env();
  if (changesState(request.method) && isForeignOrigin(request.headers, APP_URL)) {
    return refuse(request, 403, "FOREIGN_ORIGIN", "This request came from another site and was refused.");
  }

  const nonce = createNonce();
  const policy = contentSecurityPolicy({
    nonce,
    dev: process.env.NODE_ENV === "development",
    https: APP_URL.startsWith("https://"),
  });
  const requestHeaders = new Headers(request.headers);
  // Next.js reads the nonce from the request's CSP header and puts it on the scripts it renders.
  requestHeaders.set("content-security-policy", policy);
  requestHeaders.set("x-nonce", nonce);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Streaming uploads stay out: the proxy would buffer their bodies. Their handlers check the caller and origin first.
      source: "/((?!_next/static|_next/image|favicon.ico|api/ingest/uploads|api/v1/flows).*)",
    },
  ],
};
