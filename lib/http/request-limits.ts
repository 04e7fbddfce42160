/**
 * Bodies every request may send: Next.js's own default for server actions (1 MiB). Only the two
 * streaming upload routes take more, with per-caller limits and quotas (lib/ingest/upload-quota.ts).
 * This is decided in our HTTP server from the headers alone, before a byte of the body is read:
 * Next.js's proxy step waits for the whole body even when it answers without looking at it.
 */
export const REQUEST_BODY_LIMIT_BYTES = 1024 * 1024;

export const STREAMING_UPLOAD_PATHS = ["/api/ingest/uploads", "/api/v1/flows"] as const;

export interface BodyRefusal {
  status: 411 | 413;
  code: string;
  message: string;
}

/** Whether a request's declared body is refused outright (null: let it through). */
export function bodyLimitRefusal({
  method,
  path,
  contentLength,
  transferEncoding,
}: {
  method: string;
  path: string;
  contentLength: string | undefined;
  transferEncoding: string | undefined;
}): BodyRefusal | null {
  if (["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase())) return null;
  const pathname = path.split("?")[0] ?? "";
  if ((STREAMING_UPLOAD_PATHS as readonly string[]).includes(pathname)) return null;
  if (contentLength === undefined) {
    if (transferEncoding === undefined) return null;
    return { status: 411, code: "LENGTH_REQUIRED", message: "Send the request with a Content-Length." };
  }
  if (!/^\d+$/.test(contentLength.trim()) || Number(contentLength) > REQUEST_BODY_LIMIT_BYTES) {
    const limit = `${REQUEST_BODY_LIMIT_BYTES / 1024 ** 2} MiB`;
    return {
      status: 413,
      code: "PAYLOAD_TOO_LARGE",
      message: `The request is larger than ${limit}. Files go to the ingest page or the flows API.`,
    };
  }
  return null;
}
