/**
 * Runs before every page, action and small route (not the streaming uploads, see `config`):
 * refuses hostile return paths, foreign origins and oversized bodies before anything reads
 * them, and gives each page its Content-Security-Policy nonce.
 */
import { type NextRequest, NextResponse } from "next/server";
import { env } from "@/lib/env";
import { contentSecurityPolicy, createNonce } from "@/lib/http/content-security-policy";
import { REQUEST_BODY_LIMIT_BYTES } from "@/lib/http/request-limits";
import { returnPathProblem } from "@/lib/http/safe-redirect";
import { changesState, isForeignOrigin } from "@/lib/http/same-origin";

function refuse(request: NextRequest, status: number, code: string, message: string): NextResponse {
  if (request.nextUrl.pathname.startsWith("/api/")) return NextResponse.json({ error: code, message }, { status });
  return new NextResponse(`${message}\n`, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
}

function bodyProblem(request: NextRequest): NextResponse | null {
  if (!changesState(request.method)) return null;
  const length = request.headers.get("content-length");
  if (length === null) {
    if (request.headers.get("transfer-encoding") === null) return null;
    return refuse(request, 411, "LENGTH_REQUIRED", "Send the request with a Content-Length.");
  }
  if (Number(length) > REQUEST_BODY_LIMIT_BYTES) {
    const limit = `${REQUEST_BODY_LIMIT_BYTES / 1024 ** 2} MiB`;
    return refuse(request, 413, "PAYLOAD_TOO_LARGE", `The request is larger than ${limit}. Upload files on the ingest page or the flows API.`);
  }
  return null;
}

export function proxy(request: NextRequest): NextResponse {
  const returnProblem = returnPathProblem(request.nextUrl.searchParams);
  if (returnProblem) return refuse(request, 400, "BAD_REQUEST", returnProblem);
  const { APP_URL } = env();
  if (changesState(request.method) && isForeignOrigin(request.headers, APP_URL)) {
    return refuse(request, 403, "FOREIGN_ORIGIN", "This request came from another site and was refused.");
  }
  const tooLarge = bodyProblem(request);
  if (tooLarge) return tooLarge;

  const nonce = createNonce();
  const policy = contentSecurityPolicy({ nonce, dev: process.env.NODE_ENV === "development", https: APP_URL.startsWith("https://") });
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
