/**
 * Route handlers: one wrapper per audience (lib/auth/audiences.ts), each refusing a foreign
 * Origin on state-changing requests and recognising the caller before the handler reads
 * parameters, query or body; errors are answered as JSON with the right
 * status and nothing internal leaks. Every exported HTTP method of every app/ route.ts is the
 * result of one of these calls (test/authorisation-coverage.test.ts fails otherwise).
 */
import { NextResponse } from "next/server";
import { ZodError } from "zod";
import type { ApiOperation } from "@/lib/api/api-operation";
import { handleApiRequest } from "@/lib/api/handle-api-request";
import {
  authoriseInstitution,
  authoriseLinkHolder,
  authoriseStaff,
  type InstitutionCaller,
  type LinkHolderCaller,
  type PublicCaller,
  type StaffCaller,
} from "@/lib/auth/audiences";
import { requestContext } from "@/lib/audit/record-audit";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { assertSameOrigin } from "./same-origin";

export function errorResponse(error: unknown): NextResponse {
  if (error instanceof AppError) {
    return NextResponse.json(
      { error: error.code, message: error.message, details: error.details },
      { status: error.status },
    );
  }
  if (error instanceof ZodError) {
    return NextResponse.json(
      { error: "INVALID_INPUT", message: "The request is not valid.", details: error.issues },
      { status: 422 },
    );
  }
  console.error(error);
  return NextResponse.json({ error: "INTERNAL", message: "Something went wrong on our side." }, { status: 500 });
}

/** What Next.js passes a route handler besides the request: the dynamic segments. */
type Segments<P> = { params: Promise<P> };
type Handler<C, P> = (request: Request, caller: C, params: () => Promise<P>) => Promise<Response>;

function route<C, P>(authorise: (request: Request, segments: Segments<P>) => Promise<C>, handler: Handler<C, P>) {
  // Routes without dynamic segments may be called with the request alone (tests do).
  return async (request: Request, segments: Segments<P> = { params: Promise.resolve({} as P) }): Promise<Response> => {
    try {
      // A foreign Origin is refused first, for the upload routes the proxy leaves out too.
      assertSameOrigin(request, env().APP_URL);
      const caller = await authorise(request, segments);
      return await handler(request, caller, () => segments.params);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** Analysts and admins. */
export function staffRoute<P = Record<string, unknown>>(handler: Handler<StaffCaller, P>) {
  return route((request) => authoriseStaff(request.headers), handler);
}

/** Institution users (their organisations only, through `caller`). */
export function institutionRoute<P = Record<string, unknown>>(handler: Handler<InstitutionCaller, P>) {
  return route((request) => authoriseInstitution(request.headers), handler);
}

/** Whoever holds a response link; the link is the `token` segment of the path, checked first. */
export function linkHolderRoute<P extends { token: string }>(handler: Handler<LinkHolderCaller, P>) {
  return route(
    async (request, segments) => authoriseLinkHolder((await segments.params).token, request.headers),
    handler,
  );
}

/**
 * The REST API (/api/v1): a bearer token with the operation's scope and audience, rate limited,
 * its input validated by the operation's schemas, every call audited, refusals as RFC 9457
 * problem documents (lib/api/handle-api-request.ts). The OpenAPI document is the one operation
 * without a token (`scope: null`).
 */
export function apiTokenRoute<P = Record<string, unknown>>(operation: ApiOperation) {
  return async (request: Request, segments: Segments<P> = { params: Promise.resolve({} as P) }): Promise<Response> =>
    handleApiRequest(operation, request, ((await segments.params) ?? {}) as Record<string, unknown>);
}

/** Anyone: liveness and Auth.js's own endpoints. */
export function publicRoute<P = Record<string, unknown>>(handler: Handler<PublicCaller, P>) {
  return route(async (request) => ({ context: requestContext(request.headers) }), handler);
}
