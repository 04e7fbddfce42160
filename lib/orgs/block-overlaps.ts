import { cidrContainsCidr, type Cidr } from "../net";

export interface OwnedBlock {
  cidr: Cidr;
  owner: unknown;
}

function compareBlocks(a: Cidr, b: Cidr): number {
  if (a.version !== b.version) return a.version - b.version;
  for (let i = 0; i < a.words.length; i++) {
    const difference = a.words[i]! - b.words[i]!;
    if (difference !== 0) return difference;
  }
  return a.prefixLength - b.prefixLength;
}

/**
 * Every pair of blocks of different owners where one lies inside the other (CIDR blocks
 * either nest or are disjoint). Sorted by network then prefix length, a block's enclosing
 * blocks are exactly those left on a stack, so this is O(n log n) for 20,000 blocks rather
 * than comparing every pair. Identical blocks are the caller's business and not reported.
 */
export function findNestedBlocksOfDifferentOwners<B extends OwnedBlock>(
  blocks: readonly B[],
): { outer: B; inner: B }[] {
  const sorted = [...blocks].sort((a, b) => compareBlocks(a.cidr, b.cidr));
  const enclosing: B[] = [];
  const nestings: { outer: B; inner: B }[] = [];
  for (const block of sorted) {
    while (enclosing.length > 0 && !cidrContainsCidr(enclosing[enclosing.length - 1]!.cidr, block.cidr))
      enclosing.pop();
    for (const outer of enclosing) {
      if (outer.owner !== block.owner && outer.cidr.cidr !== block.cidr.cidr) nestings.push({ outer, inner: block });
    }
    enclosing.push(block);
  }
  return nestings;
}
