import type { Metadata } from "next";
import { ApiReference } from "@/components/api-reference/api-reference";
import { buildOpenApiDocument } from "@/lib/api/openapi-document";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "API reference" };

/** Public, like the OpenAPI document it is rendered from: what the API offers is not a secret. */
export default function ApiReferencePage() {
  const document = buildOpenApiDocument({ appUrl: env().APP_URL });
  return (
    <main className="mx-auto max-w-5xl space-y-6 px-4 py-8 sm:px-6">
      <h1 className="text-3xl font-semibold tracking-tight">{document.info.title}</h1>
      <ApiReference document={document} />
    </main>
  );
}
