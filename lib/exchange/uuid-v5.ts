import { createHash } from "node:crypto";

/**
 * Name-based UUIDs (version 5, SHA-1; RFC 9562 section 5.5): the same namespace and name give
 * the same UUID, so an incident exported twice keeps its ids and a receiver updates instead of
 * duplicating.
 */
export function uuidV5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ""), "hex");
  if (ns.length !== 16) throw new Error(`not a UUID: ${namespace}`);
  const hash = createHash("sha1").update(ns).update(name, "utf8").digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** This product's namespace for the ids of its exported objects (a fixed random UUID). */
export const EXPORT_NAMESPACE = "7c1f5a52-3d0e-4f43-9a57-2b8e6f1d0c84";
