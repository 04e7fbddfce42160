/**
 * The client's address for the audit log and rate limits. Behind `trustedHops` reverse proxies,
 * each proxy appends the address it received the request from to X-Forwarded-For, so the
 * right-most entries are written by proxies we trust and everything to their left by the client,
 * who can put anything there. The client is therefore the right-most address that no trusted
 * proxy vouches for: counting the socket's peer as the last hop, skip `trustedHops` from the right.
 */
export function clientAddress({
  forwardedFor,
  socketAddress,
  trustedHops,
}: {
  forwardedFor: string | string[] | undefined;
  socketAddress: string | undefined;
  trustedHops: number;
}): string {
  const socket = socketAddress ?? "";
  if (trustedHops <= 0) return socket;
  const listed = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  const chain = [...listed, socket];
  // Fewer hops than trusted proxies: the request did not come through them all; the left-most is the best we know.
  return chain[Math.max(0, chain.length - 1 - trustedHops)] ?? socket;
}

/** `TRUST_PROXY`: unset or 0 = no proxy; 1 (or `true`) = one reverse proxy in front; N = a chain of N. */
export function trustedProxyHops(value: string | undefined): number {
  const text = value?.trim().toLowerCase() ?? "";
  if (text === "" || text === "0" || text === "false") return 0;
  if (text === "true") return 1;
  const hops = Number(text);
  if (!Number.isInteger(hops) || hops < 0 || hops > 10)
    throw new Error("TRUST_PROXY must be 0-10 (the number of reverse proxies in front)");
  return hops;
}
