import { randomUUID } from "node:crypto";

const ACCEPTABLE = /^[A-Za-z0-9._-]{8,64}$/;

/** A proxy's request id is kept when it looks like one; anything else gets a fresh one. */
export function requestId(incoming: string | string[] | undefined): string {
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return value && ACCEPTABLE.test(value) ? value : randomUUID();
}
