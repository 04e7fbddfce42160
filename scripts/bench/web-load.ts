/**
 * A small closed-loop HTTP load generator: N clients on keep-alive sockets, each sending its
 * next request as soon as the previous answer has been read, for a fixed time.
 */
import http from "node:http";

export interface Target {
  name: string;
  /** The next path to ask for (lets a target rotate over several URLs). */
  path: () => string;
  /** Whether a 200 answer is the real page (not, say, the sign-in page). */
  check: (body: string) => boolean;
}

export interface LoadResult {
  name: string;
  latenciesMs: number[];
  seconds: number;
  errors: number;
  non200: number;
}

function get(agent: http.Agent, base: URL, path: string, cookie: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      { agent, host: base.hostname, port: base.port, path, headers: { cookie, accept: "text/html,application/json" } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
        );
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.setTimeout(30_000, () => request.destroy(new Error("timeout")));
  });
}

export async function runLoad(options: {
  base: URL;
  cookie: string;
  target: Target;
  clients: number;
  seconds: number;
}): Promise<LoadResult> {
  const { base, cookie, target, clients, seconds } = options;
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const result: LoadResult = { name: target.name, latenciesMs: [], seconds, errors: 0, non200: 0 };
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const client = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      try {
        const { status, body } = await get(agent, base, target.path(), cookie);
        result.latenciesMs.push(performance.now() - t0);
        if (status !== 200) result.non200++;
        else if (!target.check(body)) result.errors++;
      } catch {
        result.latenciesMs.push(performance.now() - t0);
        result.errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  result.seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return result;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

/** A positive whole-number option `--name N` from the command line, or the fallback. */
export function numberOption(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} needs a positive whole number`);
  return value;
}
