const NONE = -1;

/**
 * A binary trie over address bits with nodes in typed arrays (no per-node objects), so
 * that a walk is a few array reads per bit. Each node may carry a value: the index of
 * the block whose prefix ends there.
 */
export class BitTrie {
  zero: Int32Array;
  one: Int32Array;
  value: Int32Array;
  size = 1;

  constructor(initialCapacity = 1024) {
    this.zero = new Int32Array(initialCapacity).fill(NONE);
    this.one = new Int32Array(initialCapacity).fill(NONE);
    this.value = new Int32Array(initialCapacity).fill(NONE);
  }

  /** Stores value at the node for the prefix; returns the value already there, or -1. */
  insert(words: readonly number[], prefixLength: number, value: number): number {
    let node = 0;
    for (let bit = 0; bit < prefixLength; bit++) {
      const goesOne = bitAt(words, bit) === 1;
      let next = goesOne ? this.one[node]! : this.zero[node]!;
      if (next === NONE) {
        next = this.allocate();
        if (goesOne) this.one[node] = next;
        else this.zero[node] = next;
      }
      node = next;
    }
    const existing = this.value[node]!;
    if (existing === NONE) this.value[node] = value;
    return existing;
  }

  /** The value of the longest stored prefix of the address, or -1. */
  longestMatch(words: readonly number[], bitLength: number): number {
    let node = 0;
    let best = this.value[0]!;
    for (let bit = 0; bit < bitLength; bit++) {
      node = bitAt(words, bit) === 1 ? this.one[node]! : this.zero[node]!;
      if (node === NONE) break;
      const found = this.value[node]!;
      if (found !== NONE) best = found;
    }
    return best;
  }

  private allocate(): number {
    if (this.size === this.zero.length) {
      const capacity = this.size * 2;
      this.zero = grow(this.zero, capacity);
      this.one = grow(this.one, capacity);
      this.value = grow(this.value, capacity);
    }
    return this.size++;
  }
}

function bitAt(words: readonly number[], bit: number): number {
  return (words[bit >>> 5]! >>> (31 - (bit & 31))) & 1;
}

function grow(array: Int32Array, capacity: number): Int32Array {
  const larger = new Int32Array(capacity).fill(NONE);
  larger.set(array);
  return larger;
}
