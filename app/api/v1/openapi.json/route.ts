import { openApiDocument } from "@/lib/api/v1/openapi";
import { apiTokenRoute } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

export const GET = apiTokenRoute(openApiDocument);
