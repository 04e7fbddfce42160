import { parseIpAddress, unmapIpv4 } from "../../net/address";
import { cidrContainsAddress, parseCidrOrAddress, type Cidr } from "../../net/cidr";

export interface AllowListEntry {
  /** The stored entry's id, so the detector can say which entry suppressed what. */
  id?: string;
  organisationId: string;
  /** A CIDR block or a single address. */
  cidr: string;
  /** Epoch ms or Date; null never expires. */
  expiresAt: number | Date | null;
}

interface ParsedEntry {
  id: string | null;
  block: Cidr;
  expiresAt: number;
}

/** The entry that covers a source longest: flows starting before `until` are allowed. */
export interface AllowCover {
  until: number;
  entryId: string | null;
}

const NOT_COVERED: AllowCover = { until: -Infinity, entryId: null };

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
      list.push({ id: entry.id ?? null, block, expiresAt });
      this.byOrganisation.set(entry.organisationId, list);
    }
  }

  /**
   * Flows from the source that start before the returned time are allowed:
   * -Infinity when no entry covers it, Infinity when a covering entry never expires.
   */
  allowedUntil(organisationId: string, sourceAddress: string): number {
    return this.cover(organisationId, sourceAddress).until;
  }

  /** The covering entry that lasts longest (and its id), or until -Infinity when none covers the source. */
  cover(organisationId: string, sourceAddress: string): AllowCover {
    const entries = this.byOrganisation.get(organisationId);
    if (entries === undefined) return NOT_COVERED;
    const parsed = parseIpAddress(sourceAddress);
    if (parsed === null) return NOT_COVERED;
    const address = unmapIpv4(parsed);
    let best = NOT_COVERED;
    for (const entry of entries) {
      if (entry.expiresAt > best.until && cidrContainsAddress(entry.block, address))
        best = { until: entry.expiresAt, entryId: entry.id };
    }
    return best;
  }
}
