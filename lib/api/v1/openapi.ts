import { z } from "zod";
import { env } from "@/lib/env";
import { defineOperation } from "../api-operation";

/** The OpenAPI document itself: no token needed (what the API offers is not a secret). */
export const openApiDocument = defineOperation({
  id: "getOpenApiDocument",
  method: "GET",
  path: "/openapi.json",
  tag: "Reference",
  summary: "This API's OpenAPI 3.1 document",
  description: "Generated from the schemas the operations validate with. Readable at /api-reference.",
  scope: null,
  audiences: ["staff", "institution"],
  responses: {
    200: {
      description: "The OpenAPI document.",
      schema: z.looseObject({ openapi: z.string(), info: z.looseObject({}), paths: z.record(z.string(), z.unknown()) }),
    },
  },
  handler: async () => {
    // Imported when asked for: the document lists every operation, this one included.
    const { buildOpenApiDocument } = await import("../openapi-document");
    return Response.json(buildOpenApiDocument({ appUrl: env().APP_URL }), {
      headers: { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" },
    });
  },
});
