import type { TOpenApiDocument } from "@/lib/api/openapi-document";
import { PROBLEM_TITLES, type ProblemSlug } from "@/lib/api/problem";

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  format?: string;
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  $ref?: string;
};

type Operation = {
  operationId: string;
  summary: string;
  description?: string;
  parameters?: Array<{ name: string; in: string; required: boolean; description?: string; schema: Schema }>;
  requestBody?: { description?: string; content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema?: Schema }> }>;
};

const PROBLEM_HELP: Record<ProblemSlug, string> = {
  "malformed-request": "400: the body is not well-formed JSON.",
  unauthenticated: "401: no token, or one that is unknown, expired or revoked (the same answer for each).",
  forbidden: "403: the token lacks the operation's scope, or the operation is for the other kind of token.",
  "not-found": "404: nothing at this address — or it belongs to another organisation.",
  conflict: "409: the incident's lifecycle does not allow this change now.",
  "payload-too-large": "413: the body is larger than the operation takes.",
  "unsupported-media-type": "415: send JSON with Content-Type: application/json.",
  "invalid-input": "422: a field is missing, wrong or unknown; `errors` lists each with a JSON Pointer.",
  "rate-limited": "429: the token used this minute's requests; Retry-After says when to try again.",
  "tlp-restricted":
    "403: the incident's TLP 2.0 marking keeps it here: TLP:RED is never exported or downloaded through the API, TLP:AMBER+STRICT only by its own organisation.",
  internal: "500: our fault; the call changed nothing it could not finish.",
};

/** Text with `code` spans, as the document's descriptions write them. */
function Prose({ text }: { text: string }) {
  return (
    <>
      {text.split("`").map((part, index) =>
        index % 2 ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one sentence, in order
          <code key={index} className="font-mono text-xs">
            {part}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}

/** A schema's type in a few words: "string (date-time)", "array of object", "one of NEW, NOTIFIED". */
function typeOf(schema: Schema): string {
  if (schema.$ref) return schema.$ref.split("/").at(-1)!;
  if (schema.enum) return `one of ${schema.enum.map(String).join(", ")}`;
  if (schema.const !== undefined) return `"${String(schema.const)}"`;
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) {
    const kinds = variants.map(typeOf);
    return kinds.length === 2 && kinds.includes("null")
      ? `${kinds.find((kind) => kind !== "null")} or null`
      : kinds.join(" | ");
  }
  if (schema.type === "array") return `array of ${schema.items ? typeOf(schema.items) : "anything"}`;
  const type = Array.isArray(schema.type) ? schema.type.join(" or ") : (schema.type ?? "any");
  return schema.format ? `${type} (${schema.format})` : type;
}

function limits(schema: Schema): string {
  const parts: string[] = [];
  if (schema.default !== undefined) parts.push(`default ${JSON.stringify(schema.default)}`);
  if (schema.minimum !== undefined && schema.maximum !== undefined && schema.maximum < 1e15)
    parts.push(`${schema.minimum}–${schema.maximum}`);
  if (schema.maxLength !== undefined) parts.push(`at most ${schema.maxLength} characters`);
  return parts.join(", ");
}

/** The object a schema describes (directly, in an array, or beside null). */
function objectOf(schema: Schema): Schema | null {
  if (schema.properties) return schema;
  if (schema.items) return objectOf(schema.items);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants?.length === 2) return variants.map(objectOf).find(Boolean) ?? null;
  return null;
}

function Properties({ schema, depth = 0 }: { schema: Schema; depth?: number }) {
  const variants = schema.oneOf ?? schema.anyOf;
  if (!schema.properties && variants && variants.every((variant) => variant.properties)) {
    return (
      <div className="space-y-2">
        {variants.map((variant, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: variants have no identity but their place
          <div key={index}>
            <p className="text-xs font-medium text-slate-600">One of: variant {index + 1}</p>
            <Properties schema={variant} depth={depth} />
          </div>
        ))}
      </div>
    );
  }
  const object = objectOf(schema);
  if (!object?.properties) return <p className="font-mono text-xs text-slate-700">{typeOf(schema)}</p>;
  return (
    <ul className={`space-y-1 text-sm ${depth ? "mt-1 border-l border-slate-200 pl-3" : ""}`}>
      {schema !== object ? <li className="font-mono text-xs text-slate-600">{typeOf(schema)}</li> : null}
      {Object.entries(object.properties).map(([name, property]) => {
        const nested = depth < 2 ? objectOf(property) : null;
        return (
          <li key={name} className="break-words">
            <code className="font-mono text-xs font-semibold">{name}</code>{" "}
            <span className="font-mono text-xs text-slate-600">{typeOf(property)}</span>
            {object.required?.includes(name) ? null : <span className="text-xs text-slate-500"> · optional</span>}
            {limits(property) ? <span className="text-xs text-slate-500"> · {limits(property)}</span> : null}
            {property.description ? (
              <span className="block text-xs text-slate-700">
                <Prose text={property.description} />
              </span>
            ) : null}
            {nested && nested !== object ? <Properties schema={nested} depth={depth + 1} /> : null}
          </li>
        );
      })}
    </ul>
  );
}

const METHOD_TONE: Record<string, string> = {
  get: "bg-sky-100 text-sky-900",
  post: "bg-emerald-100 text-emerald-900",
};

function OperationCard({ method, path, operation }: { method: string; path: string; operation: Operation }) {
  const body = operation.requestBody ? Object.entries(operation.requestBody.content)[0] : null;
  return (
    <section
      id={operation.operationId}
      aria-labelledby={`${operation.operationId}-title`}
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className={`rounded px-2 py-0.5 font-mono text-xs font-semibold uppercase ${METHOD_TONE[method] ?? ""}`}>
          {method}
        </span>
        <code className="font-mono text-sm break-all">/api/v1{path}</code>
      </div>
      <h3 id={`${operation.operationId}-title`} className="text-base font-semibold">
        {operation.summary}
      </h3>
      {operation.description?.split("\n\n").map((paragraph) => (
        <p key={paragraph} className="text-sm text-slate-700">
          <Prose text={paragraph} />
        </p>
      ))}
      {operation.parameters?.length ? (
        <div>
          <h4 className="text-sm font-semibold">Parameters</h4>
          <ul className="mt-1 space-y-1 text-sm">
            {operation.parameters.map((parameter) => (
              <li key={`${parameter.in}-${parameter.name}`} className="break-words">
                <code className="font-mono text-xs font-semibold">{parameter.name}</code>{" "}
                <span className="text-xs text-slate-500">
                  {parameter.in}
                  {parameter.required ? ", required" : ""}
                </span>{" "}
                <span className="font-mono text-xs text-slate-600">{typeOf(parameter.schema)}</span>
                {limits(parameter.schema) ? (
                  <span className="text-xs text-slate-500"> · {limits(parameter.schema)}</span>
                ) : null}
                {parameter.description ? (
                  <span className="block text-xs text-slate-700">{parameter.description}</span>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {body ? (
        <div>
          <h4 className="text-sm font-semibold">
            Body <span className="font-mono text-xs font-normal text-slate-600">{body[0]}</span>
          </h4>
          {operation.requestBody?.description ? (
            <p className="text-xs text-slate-700">{operation.requestBody.description}</p>
          ) : null}
          <Properties schema={body[1].schema} />
        </div>
      ) : null}
      <div>
        <h4 className="text-sm font-semibold">Answers</h4>
        <ul className="mt-1 space-y-2 text-sm">
          {Object.entries(operation.responses).map(([status, response]) => {
            const [type, media] = Object.entries(response.content ?? {})[0] ?? [];
            const problem = media?.schema?.$ref !== undefined;
            return (
              <li key={status}>
                <span className="font-mono text-xs font-semibold">{status}</span> {response.description}
                {type ? <span className="font-mono text-xs text-slate-500"> · {type}</span> : null}
                {media?.schema && !problem && status.startsWith("2") ? (
                  <details className="mt-1">
                    <summary className="cursor-pointer text-xs text-sky-800">Fields</summary>
                    <Properties schema={media.schema} />
                  </details>
                ) : null}
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}

/** The API reference, rendered from the OpenAPI document itself (no copy that could drift). */
export function ApiReference({ document }: { document: TOpenApiDocument }) {
  const byTag = new Map<string, Array<{ method: string; path: string; operation: Operation }>>();
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods as Record<string, Operation & { tags: string[] }>)) {
      const tag = operation.tags[0] ?? "Other";
      byTag.set(tag, [...(byTag.get(tag) ?? []), { method, path, operation }]);
    }
  }
  return (
    <div className="space-y-8">
      <section className="space-y-2">
        <p className="max-w-prose text-sm text-slate-700">
          <Prose text={document.info.description} />
        </p>
        <p className="text-sm">
          Base address: <code className="font-mono text-xs break-all">{document.servers[0]?.url}</code> ·{" "}
          <a href="/api/v1/openapi.json" className="text-sky-800 underline">
            OpenAPI document (JSON)
          </a>
        </p>
      </section>
      <nav aria-label="Operations" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <ul className="grid grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-2">
          {[...byTag].flatMap(([tag, operations]) =>
            operations.map(({ operation }) => (
              <li key={operation.operationId}>
                <a href={`#${operation.operationId}`} className="text-sky-800 underline">
                  {operation.summary}
                </a>{" "}
                <span className="text-xs text-slate-500">{tag}</span>
              </li>
            )),
          )}
        </ul>
      </nav>
      {[...byTag].map(([tag, operations]) => (
        <section key={tag} aria-labelledby={`tag-${tag}`} className="space-y-3">
          <h2 id={`tag-${tag}`} className="text-xl font-semibold">
            {tag}
          </h2>
          {operations.map((entry) => (
            <OperationCard key={entry.operation.operationId} {...entry} />
          ))}
        </section>
      ))}
      <section aria-labelledby="problems" className="space-y-3">
        <h2 id="problems" className="text-xl font-semibold">
          Problems
        </h2>
        <p className="max-w-prose text-sm text-slate-700">
          Every refusal is an RFC 9457 problem document (
          <code className="font-mono text-xs">application/problem+json</code>) with{" "}
          <code className="font-mono text-xs">type</code>, <code className="font-mono text-xs">title</code>,{" "}
          <code className="font-mono text-xs">status</code>, <code className="font-mono text-xs">detail</code> and, for
          invalid input, <code className="font-mono text-xs">errors</code>. Nothing changes when a call is refused.
        </p>
        <dl className="space-y-2 text-sm">
          {(Object.keys(PROBLEM_TITLES) as ProblemSlug[]).map((slug) => (
            <div key={slug} id={`problem-${slug}`}>
              <dt className="font-medium">{PROBLEM_TITLES[slug]}</dt>
              <dd className="text-slate-700">
                <code className="font-mono text-xs">#problem-{slug}</code> · {PROBLEM_HELP[slug]}
              </dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}
