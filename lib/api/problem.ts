/**
 * RFC 9457 problem details: every refusal of the REST API is an `application/problem+json`
 * document with a `type` that names the kind of problem (a fragment of the API reference page),
 * a `title` that stays the same for that type, the HTTP `status`, a `detail` for this occurrence
 * and, for invalid input, `errors` (one per field, with a JSON Pointer to it).
 */
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { TlpRefusal } from "@/lib/exchange/load-export-incidents";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** The kinds of problem, by slug: the `type` is `<APP_URL>/api-reference#problem-<slug>`. */
export const PROBLEM_TITLES = {
  "malformed-request": "The request could not be read",
  unauthenticated: "No valid API token",
  forbidden: "Not allowed for this token",
  "not-found": "Not found",
  conflict: "The change conflicts with the incident's current state",
  "payload-too-large": "The request body is too large",
  "unsupported-media-type": "The request body has the wrong content type",
  "invalid-input": "The input is not valid",
  "rate-limited": "Too many requests",
  "tlp-restricted": "The incident's TLP marking does not allow this",
  internal: "Something went wrong on our side",
} as const;
export type ProblemSlug = keyof typeof PROBLEM_TITLES;

export const ZProblemSchema = z.object({
  type: z.string().describe("A URI naming the kind of problem."),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  instance: z.string().optional().describe("The request path."),
  errors: z
    .array(
      z.object({
        pointer: z.string().describe("JSON Pointer into the request (query: #/query/<name>)."),
        detail: z.string(),
      }),
    )
    .optional(),
});
export type TProblem = z.infer<typeof ZProblemSchema>;

export class ApiProblem extends Error {
  constructor(
    readonly slug: ProblemSlug,
    readonly status: number,
    detail: string,
    readonly errors?: TProblem["errors"],
  ) {
    super(detail);
  }
}

const SLUG_BY_CODE: Record<AppError["code"], ProblemSlug> = {
  BAD_REQUEST: "malformed-request",
  UNAUTHENTICATED: "unauthenticated",
  FORBIDDEN: "forbidden",
  NOT_FOUND: "not-found",
  CONFLICT: "conflict",
  ILLEGAL_TRANSITION: "conflict",
  INVALID_INPUT: "invalid-input",
  PAYLOAD_TOO_LARGE: "payload-too-large",
  RATE_LIMITED: "rate-limited",
};

export function problemTypeUri(baseUrl: string, slug: ProblemSlug): string {
  return `${baseUrl.replace(/\/$/, "")}/api-reference#problem-${slug}`;
}

/** Any thrown error as a problem document; nothing internal leaks from an unexpected error. */
export function toProblem(error: unknown, { baseUrl, instance }: { baseUrl: string; instance: string }): TProblem {
  let slug: ProblemSlug = "internal";
  let status = 500;
  let detail = "Something went wrong on our side.";
  let errors: TProblem["errors"];
  if (error instanceof ApiProblem) {
    ({ slug, status, errors } = error);
    detail = error.message;
  } else if (error instanceof AppError) {
    slug = error instanceof TlpRefusal ? "tlp-restricted" : SLUG_BY_CODE[error.code];
    status = error.status;
    detail = error.message;
  } else if (error instanceof z.ZodError) {
    slug = "invalid-input";
    status = 422;
    detail = "The request is not valid.";
    errors = zodErrors(error, "#/body");
  } else {
    console.error(error);
  }
  return {
    type: problemTypeUri(baseUrl, slug),
    title: PROBLEM_TITLES[slug],
    status,
    detail,
    instance,
    ...(errors ? { errors } : {}),
  };
}

/** Zod's issues as problem `errors`, each pointing at its field under `root` (#/body, #/query). */
export function zodErrors(error: z.ZodError, root: string): NonNullable<TProblem["errors"]> {
  return error.issues.flatMap((issue) => {
    const base = [root, ...issue.path.map((part) => String(part).replaceAll("~", "~0").replaceAll("/", "~1"))].join(
      "/",
    );
    if (issue.code === "unrecognized_keys")
      return issue.keys.map((key) => ({ pointer: `${base}/${key}`, detail: `Unknown field "${key}".` }));
    return [{ pointer: base, detail: issue.message }];
  });
}

export function problemResponse(problem: TProblem, headers: HeadersInit = {}): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: {
      ...Object.fromEntries(new Headers(headers)),
      "Content-Type": PROBLEM_CONTENT_TYPE,
      "Cache-Control": "no-store",
    },
  });
}
