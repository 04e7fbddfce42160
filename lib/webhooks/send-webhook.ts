import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { isIpAddress } from "@/lib/net/address";
import { refusedAddressReason, resolveDeliverableAddresses, WebhookAddressError } from "./webhook-url";

export interface WebhookResponse {
  statusCode: number | null;
  /** The first bytes of the answer, as text. */
  snippet: string | null;
  error: string | null;
  durationMs: number;
}

const SNIPPET_BYTES = 1024;

/**
 * One POST, as Standard Webhooks describes it. The connection goes only to an address checked at
 * connect time (the lookup below: a name that changed to a refused address since it was saved, DNS
 * rebinding, is refused here); redirects are not followed (a 3xx is a failure); the whole exchange
 * has `timeoutMs`; only the first KiB of the answer is read.
 */
export function sendWebhook({
  url,
  headers,
  body,
  timeoutMs,
  allowLoopback,
}: {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  allowLoopback: boolean;
}): Promise<WebhookResponse> {
  const started = performance.now();
  const target = new URL(url);
  const elapsed = () => Math.round(performance.now() - started);
  const lookup: LookupFunction = (hostname, options, callback) => {
    resolveDeliverableAddresses(hostname, { allowLoopback }).then(
      (addresses) => {
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: unknown) => callback(error as NodeJS.ErrnoException, "", 4),
    );
  };
  return new Promise((resolve) => {
    const done = (result: Omit<WebhookResponse, "durationMs">) => resolve({ ...result, durationMs: elapsed() });
    // An IP literal never reaches `lookup`: check it here.
    const literal = target.hostname.replace(/^\[(.*)\]$/, "$1");
    if (isIpAddress(literal)) {
      const reason = refusedAddressReason(literal, { allowLoopback });
      if (reason) return done({ statusCode: null, snippet: null, error: `refused: ${reason}` });
    }
    const client = target.protocol === "https:" ? https : http;
    const request = client.request(target, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) },
      lookup,
      agent: false,
      signal: AbortSignal.timeout(timeoutMs),
    });
    request.on("response", (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = () => {
        const snippet = Buffer.concat(chunks).subarray(0, SNIPPET_BYTES).toString("utf8");
        const status = response.statusCode ?? 0;
        done({
          statusCode: status,
          snippet: snippet || null,
          error:
            status >= 200 && status < 300
              ? null
              : status >= 300 && status < 400
                ? `redirect to ${response.headers.location ?? "?"} not followed`
                : `HTTP ${status}`,
        });
        response.destroy();
      };
      response.on("data", (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= SNIPPET_BYTES) finish();
      });
      response.on("end", finish);
      response.on("error", finish);
    });
    request.on("error", (error: NodeJS.ErrnoException) => {
      const reason =
        error instanceof WebhookAddressError
          ? `refused: ${error.message}`
          : error.name === "TimeoutError" || error.name === "AbortError"
            ? `no answer within ${timeoutMs / 1000} s`
            : `${error.code ?? error.name}: ${error.message}`;
      done({ statusCode: null, snippet: null, error: reason });
    });
    request.end(body);
  });
}
