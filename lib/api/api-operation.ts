/**
 * One REST API operation, defined once: its path, the token scope and audiences it needs, the
 * zod schemas its path, query and body are validated with and its answers are described by, and
 * the handler (a parse already done, then one domain call). The route files under app/api/v1
 * export `apiTokenRoute(operation)`; the OpenAPI document (lib/api/openapi-document.ts) is
 * generated from the same objects, so the reference cannot drift from what is enforced.
 */
import type { z } from "zod";
import type { ApiScope, ApiTokenIdentity } from "@/lib/api-tokens/api-tokens";
import type { AuditContext } from "@/lib/audit/record-audit";
import type { TimelineActor } from "@/lib/incidents/timeline-actor";
import type { PortalCaller } from "@/lib/portal/portal-caller";

export type ApiAudience = ApiTokenIdentity["audience"];
export type HttpMethod = "GET" | "POST";

/** Who is calling, once the token is recognised and allowed. */
export interface ApiCaller {
  token: ApiTokenIdentity;
  /** For timelines and the audit log: `token:<name>` (staff), or the institution user who made the token. */
  actor: TimelineActor;
  /** An institution token's portal caller, limited to the token's organisation; null for staff. */
  portal: (PortalCaller & { kind: "user" }) | null;
  context: AuditContext;
}

export interface ApiResponseSpec {
  description: string;
  /** JSON answers: the schema the body follows (validated against in test/api). */
  schema?: z.ZodType;
  /** JSON answers in media types of their own (the STIX 2.1 one) besides application/json. */
  mediaTypes?: string[];
  /** Other answers (a file download): the content type, described as binary. */
  contentType?: string;
}

/** A JSON body (validated by `schema`, `.strict()` objects), or a raw body the handler streams itself. */
export type ApiBody = { kind: "json"; schema: z.ZodType } | { kind: "raw"; contentType: string; description: string };

export interface ApiOperation<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
> {
  id: string;
  method: HttpMethod;
  /** OpenAPI path under /api/v1, with {segments} named as the route folders' [segments]. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** null: no token needed (the OpenAPI document itself). */
  scope: ApiScope | null;
  audiences: readonly ApiAudience[];
  params?: P;
  query?: Q;
  body?: ApiBody & ({ kind: "raw" } | { kind: "json"; schema: B });
  /** Successful answers by status; the problem answers are added from what the operation checks. */
  responses: Record<number, ApiResponseSpec>;
  /** Problem statuses the handler itself may answer besides the ones every operation may (404, 409, 422...). */
  problems?: number[];
  handler: (
    input: { params: z.output<P>; query: z.output<Q>; body: z.output<B>; request: Request },
    caller: ApiCaller,
  ) => Promise<ApiResult | Response>;
}

export interface ApiResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Keeps the schema types of an operation's definition for its handler. */
export function defineOperation<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  operation: ApiOperation<P, Q, B>,
): ApiOperation {
  return operation as unknown as ApiOperation;
}

/** The largest JSON body the API reads (a note is at most 10,000 characters). */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

/** The rate limit's window; the requests allowed in it are the `api.requestsPerMinute` setting. */
export const API_RATE_WINDOW_SECONDS = 60;
