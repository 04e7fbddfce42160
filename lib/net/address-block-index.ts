import { parseIpv4 } from "./ipv4";
import { isIpv4Mapped, parseIpv6 } from "./ipv6";
import { BitTrie } from "./bit-trie";
import { type Cidr, parseCidr } from "./cidr";

export interface AddressBlock {
  cidr: string;
  organisationId: string;
  blockId?: string;
}

export interface AddressBlockMatch {
  readonly organisationId: string;
  /** The block's canonical CIDR (host bits cleared). */
  readonly cidr: string;
  readonly blockId: string | null;
}

/** The same network listed twice; the first listing wins. */
export interface AddressBlockConflict {
  cidr: string;
  kept: AddressBlockMatch;
  ignored: AddressBlockMatch;
}

const TOP_BITS = 16;
const TOP_SLOTS = 1 << TOP_BITS;

/**
 * Longest-prefix match from an address to the member block that holds it.
 *
 * IPv4: a 65,536-entry table resolves the first 16 bits in one read (holding the best
 * match of length <= 16 and the trie node to continue from), then at most 16 trie steps.
 * IPv6: a plain binary trie walk. The index is immutable and allocates nothing per lookup.
 */
export class AddressBlockIndex {
  readonly size: number;
  readonly conflicts: readonly AddressBlockConflict[];

  private readonly matches: AddressBlockMatch[] = [];
  private readonly v4 = new BitTrie();
  private readonly v6 = new BitTrie();
  private readonly topBest = new Int32Array(TOP_SLOTS);
  private readonly topNode = new Int32Array(TOP_SLOTS);
  private readonly v4Zero: Int32Array;
  private readonly v4One: Int32Array;
  private readonly v4Value: Int32Array;

  /** Throws CidrError (with the block's position and organisation) for an invalid block. */
  constructor(blocks: Iterable<AddressBlock>) {
    const conflicts: AddressBlockConflict[] = [];
    let position = 0;
    for (const block of blocks) {
      position++;
      let parsed: Cidr;
      try {
        parsed = parseCidr(block.cidr);
      } catch (error) {
        if (error instanceof Error) {
          error.message = `Address block #${position} of organisation ${block.organisationId}: ${error.message}`;
        }
        throw error;
      }
      const match: AddressBlockMatch = Object.freeze({
        organisationId: block.organisationId,
        cidr: parsed.cidr,
        blockId: block.blockId ?? null,
      });
      const trie = parsed.version === 4 ? this.v4 : this.v6;
      const existing = trie.insert(parsed.words, parsed.prefixLength, this.matches.length);
      if (existing === -1) {
        this.matches.push(match);
      } else {
        const kept = this.matches[existing]!;
        const sameListing = kept.organisationId === match.organisationId && kept.blockId === match.blockId;
        if (!sameListing) conflicts.push({ cidr: parsed.cidr, kept, ignored: match });
      }
    }
    this.size = this.matches.length;
    this.conflicts = conflicts;
    this.v4Zero = this.v4.zero;
    this.v4One = this.v4.one;
    this.v4Value = this.v4.value;
    this.buildTopTable();
  }

  /** Accepts canonical or non-canonical IPv4/IPv6 text; ::ffff:a.b.c.d is looked up as IPv4. */
  lookup(address: string): AddressBlockMatch | null {
    const v4 = parseIpv4(address);
    if (v4 !== -1) return this.lookupIpv4(v4);
    const v6 = parseIpv6(address);
    if (v6 === null) return null;
    if (isIpv4Mapped(v6)) return this.lookupIpv4(v6[3]);
    return this.lookupIpv6(v6);
  }

  /** address: unsigned 32-bit value, as returned by parseIpv4. */
  lookupIpv4(address: number): AddressBlockMatch | null {
    const top = address >>> TOP_BITS;
    let best = this.topBest[top]!;
    let node = this.topNode[top]!;
    const zero = this.v4Zero;
    const one = this.v4One;
    const value = this.v4Value;
    for (let shift = TOP_BITS - 1; node !== -1 && shift >= 0; shift--) {
      node = ((address >>> shift) & 1) === 0 ? zero[node]! : one[node]!;
      if (node !== -1 && value[node]! !== -1) best = value[node]!;
    }
    return best === -1 ? null : this.matches[best]!;
  }

  lookupIpv6(words: readonly number[]): AddressBlockMatch | null {
    const best = this.v6.longestMatch(words, 128);
    return best === -1 ? null : this.matches[best]!;
  }

  private buildTopTable(): void {
    const { zero, one, value } = this.v4;
    for (let top = 0; top < TOP_SLOTS; top++) {
      let node = 0;
      let best = value[0]!;
      for (let shift = TOP_BITS - 1; shift >= 0; shift--) {
        node = ((top >>> shift) & 1) === 0 ? zero[node]! : one[node]!;
        if (node === -1) break;
        if (value[node]! !== -1) best = value[node]!;
      }
      this.topBest[top] = best;
      this.topNode[top] = node;
    }
  }
}
