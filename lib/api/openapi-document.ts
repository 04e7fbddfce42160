/**
 * The OpenAPI 3.1 document of /api/v1, generated from the operations (lib/api/v1/operations.ts):
 * their paths, scopes and audiences, and the very zod schemas their input is validated with
 * (`z.toJSONSchema`, JSON Schema 2020-12, which OpenAPI 3.1 uses as is). Nothing here is written
 * by hand per operation, so the document cannot drift from what the handlers enforce.
 */
import { z } from "zod";
import { type ApiOperation, MAX_JSON_BODY_BYTES } from "./api-operation";
import { PROBLEM_CONTENT_TYPE, PROBLEM_TITLES, ZProblemSchema } from "./problem";
import { API_OPERATIONS } from "./v1/operations";

type JsonSchema = Record<string, unknown>;

/** A zod schema as JSON Schema 2020-12: `input` for what callers send, `output` for what they get back. */
export function jsonSchemaOf(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
  });
  return rest as JsonSchema;
}

const PROBLEM_STATUS_TEXT: Record<number, string> = {
  400: PROBLEM_TITLES["malformed-request"],
  401: PROBLEM_TITLES.unauthenticated,
  403: PROBLEM_TITLES.forbidden,
  404: PROBLEM_TITLES["not-found"],
  409: PROBLEM_TITLES.conflict,
  413: PROBLEM_TITLES["payload-too-large"],
  415: PROBLEM_TITLES["unsupported-media-type"],
  422: PROBLEM_TITLES["invalid-input"],
  429: PROBLEM_TITLES["rate-limited"],
};

/** The problem statuses an operation may answer, from what it checks. */
export function problemStatuses(operation: ApiOperation): number[] {
  const statuses = new Set<number>(operation.problems ?? []);
  const add = (...list: number[]) => {
    for (const status of list) statuses.add(status);
  };
  if (operation.scope !== null) add(401, 403, 429);
  if (operation.params) statuses.add(404);
  if (operation.query) statuses.add(422);
  if (operation.body?.kind === "json") add(400, 413, 415, 422);
  if (operation.scope !== null && operation.method === "POST") statuses.add(404);
  return [...statuses].sort((a, b) => a - b);
}

function objectShape(schema: z.ZodType | undefined): Record<string, z.ZodType> {
  return schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodType>) : {};
}

const RATE_LIMIT_HEADERS = {
  "RateLimit-Limit": { description: "Requests this token may make per window.", schema: { type: "integer" } },
  "RateLimit-Remaining": { description: "Requests left in this window.", schema: { type: "integer" } },
  "RateLimit-Reset": { description: "Seconds until the window starts again.", schema: { type: "integer" } },
};

function operationObject(operation: ApiOperation) {
  const parameters = [
    ...Object.entries(objectShape(operation.params)).map(([name, schema]) => ({
      name,
      in: "path",
      required: true,
      description: schema.description,
      schema: jsonSchemaOf(schema, "input"),
    })),
    ...Object.entries(objectShape(operation.query)).map(([name, schema]) => ({
      name,
      in: "query",
      required: !schema.safeParse(undefined).success,
      description: schema.description,
      schema: jsonSchemaOf(schema, "input"),
    })),
  ];
  const body = operation.body;
  const requestBody =
    body?.kind === "json"
      ? {
          required: true,
          description: `JSON, at most ${MAX_JSON_BODY_BYTES / 1024} KiB; unknown fields are refused.`,
          content: { "application/json": { schema: jsonSchemaOf(body.schema, "input") } },
        }
      : body?.kind === "raw"
        ? {
            required: true,
            description: body.description,
            content: { [body.contentType]: { schema: { type: "string", contentMediaType: body.contentType } } },
          }
        : undefined;
  const responses: Record<string, unknown> = {};
  for (const [status, spec] of Object.entries(operation.responses)) {
    responses[status] = {
      description: spec.description,
      ...(operation.scope !== null ? { headers: RATE_LIMIT_HEADERS } : {}),
      content: spec.schema
        ? Object.fromEntries(
            (spec.mediaTypes ?? ["application/json"]).map((type) => [
              type,
              { schema: jsonSchemaOf(spec.schema!, "output") },
            ]),
          )
        : {
            [spec.contentType ?? "application/octet-stream"]: {
              schema: { type: "string", contentMediaType: spec.contentType },
            },
          },
    };
  }
  for (const status of problemStatuses(operation)) {
    responses[String(status)] = {
      description: PROBLEM_STATUS_TEXT[status],
      content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: "#/components/schemas/Problem" } } },
    };
  }
  return {
    operationId: operation.id,
    tags: [operation.tag],
    summary: operation.summary,
    description: [
      operation.description,
      operation.scope
        ? `Scope: \`${operation.scope}\`. Tokens: ${operation.audiences.map((audience) => (audience === "staff" ? "the CSIRT's" : "an organisation's")).join(", ")}.`
        : "No token needed.",
    ]
      .filter(Boolean)
      .join("\n\n"),
    "x-scope": operation.scope,
    "x-audiences": operation.audiences,
    security: operation.scope ? [{ bearerToken: [] }] : [],
    ...(parameters.length ? { parameters } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses,
  };
}

export function buildOpenApiDocument({ appUrl }: { appUrl: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of API_OPERATIONS) {
    paths[operation.path] ??= {};
    paths[operation.path]![operation.method.toLowerCase()] = operationObject(operation);
  }
  return {
    openapi: "3.1.1",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "CSIRT incidents API",
      version: "1",
      description:
        "Incidents, organisations, contact change requests, ingest and notices, for the CSIRT's own tokens and for " +
        "organisations' tokens (made in the portal, limited to that organisation). Send `Authorization: Bearer csirt_...`. " +
        "Each token may make a number of requests a minute (the `api.requestsPerMinute` setting, 600 unless changed), stated in " +
        "the RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset headers (draft-ietf-httpapi-ratelimit-headers). Refusals are RFC 9457 problem documents (application/problem+json).",
    },
    servers: [{ url: `${appUrl.replace(/\/$/, "")}/api/v1` }],
    tags: [...new Set(API_OPERATIONS.map((operation) => operation.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: { Problem: jsonSchemaOf(ZProblemSchema, "output") },
      securitySchemes: {
        bearerToken: {
          type: "http",
          scheme: "bearer",
          description:
            "A token from the portal (Organisation → API tokens) or, for the CSIRT, `npm run csirt -- tokens create`.",
        },
      },
    },
  };
}

export type TOpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
