import { parseIpAddress, unmapIpv4 } from "../../net/address";
import { cidrContainsAddress, parseCidrOrAddress, type Cidr } from "../../net/cidr";

export interface AllowListEntry {
  organisationId: string;
  /** A CIDR block or a single address. */
  cidr: string;
  /** Epoch ms or Date; null never expires. */
  expiresAt: number | Date | null;
}

interface ParsedEntry {
  block: Cidr;
  expiresAt: number;
}

/**
 * An organisation's allow-list only covers sources the address index attributes to that
 * organisation: one member cannot silence detections in another member's space.
 */
export class AllowList {
  private readonly byOrganisation = new Map<string, ParsedEntry[]>();

  /** Throws CidrError (naming the entry) for an invalid address or block. */
  constructor(entries: Iterable<AllowListEntry> = []) {
    let position = 0;
    for (const entry of entries) {
      position++;
      let block: Cidr;
      try {
        block = parseCidrOrAddress(entry.cidr);
      } catch (error) {
        if (error instanceof Error) {
          error.message = `Allow-list entry #${position} of organisation ${entry.organisationId}: ${error.message}`;
        }
        throw error;
      }
      const expiresAt = entry.expiresAt === null ? Infinity : Number(entry.expiresAt);
      if (Number.isNaN(expiresAt)) {
        throw new RangeError(
          `Allow-list entry #${position} of organisation ${entry.organisationId}: invalid expiresAt.`,
        );
      }
      const list = this.byOrganisation.get(entry.organisationId) ?? [];
      list.push({ block, expiresAt });
      this.byOrganisation.set(entry.organisationId, list);
    }
  }

  /**
   * Flows from the source that start before the returned time are allowed:
   * -Infinity when no entry covers it, Infinity when a covering entry never expires.
   */
  allowedUntil(organisationId: string, sourceAddress: string): number {
    const entries = this.byOrganisation.get(organisationId);
    if (entries === undefined) return -Infinity;
    const parsed = parseIpAddress(sourceAddress);
    if (parsed === null) return -Infinity;
    const address = unmapIpv4(parsed);
    let until = -Infinity;
    for (const entry of entries) {
      if (entry.expiresAt > until && cidrContainsAddress(entry.block, address)) until = entry.expiresAt;
    }
    return until;
  }
}
