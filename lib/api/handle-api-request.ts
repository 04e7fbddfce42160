/**
 * The REST API's request path, in order: token (401), rate limit (429), audience and scope (403),
 * path (404), query and body (415, 413, 400, 422), then the operation's handler. Every call,
 * answered or refused, leaves one `api.request` audit entry with the token's name and the status.
 * Reached only through `apiTokenRoute` (lib/http/route-handler.ts).
 */
import type { z } from "zod";
import { assertTokenScope, authenticateApiToken, type ApiTokenIdentity } from "@/lib/api-tokens/api-tokens";
import { recordAudit, requestContext } from "@/lib/audit/record-audit";
import { consumeRateLimit, type RateLimitResult } from "@/lib/auth/rate-limit";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { getSettings } from "@/lib/settings/get-settings";
import { API_RATE_WINDOW_SECONDS, type ApiCaller, type ApiOperation, MAX_JSON_BODY_BYTES } from "./api-operation";
import { ApiProblem, problemResponse, toProblem, zodErrors } from "./problem";

export async function handleApiRequest(
  operation: ApiOperation,
  request: Request,
  rawParams: Record<string, unknown>,
): Promise<Response> {
  const url = new URL(request.url);
  const instance = url.pathname;
  const context = requestContext(request.headers);
  let token: ApiTokenIdentity | null = null;
  let rate: RateLimitResult | null = null;
  let limit = 0;
  let response: Response;
  try {
    assertSameOrigin(request, env().APP_URL);
    let caller: ApiCaller | null = null;
    if (operation.scope !== null) {
      token = await authenticateApiToken(db, request.headers.get("authorization"));
      // Counted in the database, so every web process shares the count.
      limit = (await getSettings(db))["api.requestsPerMinute"];
      rate = await consumeRateLimit(db, `api-token:${token.id}`, { limit, windowSeconds: API_RATE_WINDOW_SECONDS });
      if (!rate.allowed) throw new ApiProblem("rate-limited", 429, `This token may make ${limit} requests a minute.`);
      if (!operation.audiences.includes(token.audience))
        throw new ApiProblem(
          "forbidden",
          403,
          token.audience === "institution"
            ? "This operation is for the CSIRT's own tokens, not an organisation's."
            : "This operation is for an organisation's tokens.",
        );
      assertTokenScope(token, operation.scope);
      caller = {
        token,
        actor: token.user
          ? { id: token.user.id, label: token.user.email, kind: "INSTITUTION" }
          : { id: null, label: `token:${token.name}`, kind: "STAFF" },
        portal: token.user ? { kind: "user", user: token.user } : null,
        context,
      };
    }
    const input = await readInput(operation, request, url, rawParams);
    const result = await operation.handler({ ...input, request }, caller as ApiCaller);
    response =
      result instanceof Response
        ? result
        : new Response(result.status === 204 ? null : JSON.stringify(result.body), {
            status: result.status,
            headers: { "Content-Type": "application/json", "Cache-Control": "no-store", ...result.headers },
          });
  } catch (error) {
    const problem = toProblem(error, { baseUrl: env().APP_URL, instance });
    response = problemResponse(
      problem,
      problem.status === 429 && rate ? { "Retry-After": String(rate.retryAfterSeconds) } : {},
    );
  }
  if (rate) {
    // draft-ietf-httpapi-ratelimit-headers (the three-header form): the window's limit, what is
    // left of it, and the seconds until it starts again.
    response.headers.set("RateLimit-Limit", String(limit));
    response.headers.set("RateLimit-Remaining", String(rate.remaining));
    response.headers.set("RateLimit-Reset", String(rate.retryAfterSeconds));
  }
  if (operation.scope !== null) {
    await recordAudit(db, {
      actor: token ? { id: token.user?.id ?? null, label: `token:${token.name}` } : { label: "api (no valid token)" },
      action: "api.request",
      target: token ? { type: "ApiToken", id: token.id } : undefined,
      organisationId: token?.organisationId ?? null,
      context,
      data: { operation: operation.id, method: request.method, path: instance, status: response.status },
    });
  }
  return response;
}

async function readInput(operation: ApiOperation, request: Request, url: URL, rawParams: Record<string, unknown>) {
  let params: unknown = rawParams;
  if (operation.params) {
    const parsed = operation.params.safeParse(rawParams);
    // A path that names nothing we could have (a malformed reference) is "not found", like an unknown one.
    if (!parsed.success) throw new ApiProblem("not-found", 404, "Nothing is at this address.");
    params = parsed.data;
  }
  let query: unknown = {};
  const entries = [...url.searchParams.keys()];
  const repeated = entries.find((key, index) => entries.indexOf(key) !== index);
  if (repeated)
    throw new ApiProblem("invalid-input", 422, "The request is not valid.", [
      { pointer: `#/query/${repeated}`, detail: `Give "${repeated}" once (lists are comma-separated).` },
    ]);
  if (operation.query) {
    const parsed = operation.query.safeParse(Object.fromEntries(url.searchParams));
    if (!parsed.success)
      throw new ApiProblem("invalid-input", 422, "The request is not valid.", zodErrors(parsed.error, "#/query"));
    query = parsed.data;
  } else if (entries.length) {
    throw new ApiProblem("invalid-input", 422, "The request is not valid.", [
      { pointer: `#/query/${entries[0]}`, detail: `Unknown parameter "${entries[0]}".` },
    ]);
  }
  let body: unknown;
  if (operation.body?.kind === "json") body = await readJsonBody(request, operation.body.schema);
  return { params, query, body };
}

/** A JSON body: declared as JSON (415), not over the limit however it is sent (413), well-formed (400), valid (422). */
async function readJsonBody(request: Request, schema: z.ZodType): Promise<unknown> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json" && !/^application\/[\w.+-]+\+json$/.test(type))
    throw new ApiProblem("unsupported-media-type", 415, "Send the body as JSON: Content-Type: application/json.");
  const declared = Number(request.headers.get("content-length") ?? "0");
  const tooLarge = `A request body can be at most ${MAX_JSON_BODY_BYTES / 1024} KiB.`;
  if (declared > MAX_JSON_BODY_BYTES) throw new ApiProblem("payload-too-large", 413, tooLarge);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > MAX_JSON_BODY_BYTES) throw new ApiProblem("payload-too-large", 413, tooLarge);
      chunks.push(chunk);
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new ApiProblem("malformed-request", 400, "The body is not well-formed JSON.");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new ApiProblem("invalid-input", 422, "The request is not valid.", zodErrors(parsed.error, "#/body"));
  return parsed.data;
}
