import type { KeySet } from "./flow-key";

const EMPTY = -1;
const MAX_KEY = 2 ** 53;

/**
 * A set of flow or target keys (non-negative integers below 2^53, see flow-key.ts) held in one
 * linear-probing Float64Array: at most 32 bytes a key, usually 16-24, and nothing for the
 * garbage collector to trace, where a Set<number> costs 50-70 bytes a key in boxed numbers
 * and hash-table entries. Qualified sources keep one key per counted flow and target, so at
 * millions of flows this is most of the detector's memory.
 */
export class KeyTable implements KeySet {
  size = 0;
  private slots: Float64Array;
  private mask: number;

  constructor(expected = 16) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.slots = new Float64Array(capacity).fill(EMPTY);
    this.mask = capacity - 1;
  }

  static of(keys: Iterable<number>): KeyTable {
    const table = new KeyTable();
    for (const key of keys) table.add(key);
    return table;
  }

  has(key: number): boolean {
    const slots = this.slots;
    const mask = this.mask;
    for (let i = slotOf(key) & mask; ; i = (i + 1) & mask) {
      const held = slots[i]!;
      if (held === key) return true;
      if (held === EMPTY) return false;
    }
  }

  /** Adds a key; false when it was already there. */
  add(key: number): boolean {
    if (!(Number.isInteger(key) && key >= 0 && key < MAX_KEY)) throw new RangeError(`key table: ${key} is not a key`);
    if ((this.size + 1) * 2 > this.slots.length) this.grow();
    const slots = this.slots;
    const mask = this.mask;
    for (let i = slotOf(key) & mask; ; i = (i + 1) & mask) {
      const held = slots[i]!;
      if (held === key) return false;
      if (held === EMPTY) {
        slots[i] = key;
        this.size++;
        return true;
      }
    }
  }

  /** Removes a key (backward-shift deletion: no tombstones, so lookups stay short); false when absent. */
  delete(key: number): boolean {
    const slots = this.slots;
    const mask = this.mask;
    let hole = slotOf(key) & mask;
    for (; ; hole = (hole + 1) & mask) {
      const held = slots[hole]!;
      if (held === key) break;
      if (held === EMPTY) return false;
    }
    for (let next = (hole + 1) & mask; slots[next] !== EMPTY; next = (next + 1) & mask) {
      const home = slotOf(slots[next]!) & mask;
      // An entry stays unless the hole lies on its probe path (between its home slot and where it is).
      const stays = hole <= next ? hole < home && home <= next : hole < home || home <= next;
      if (stays) continue;
      slots[hole] = slots[next]!;
      hole = next;
    }
    slots[hole] = EMPTY;
    this.size--;
    return true;
  }

  *[Symbol.iterator](): IterableIterator<number> {
    for (const held of this.slots) if (held !== EMPTY) yield held;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Float64Array(old.length * 2).fill(EMPTY);
    this.mask = this.slots.length - 1;
    this.size = 0;
    for (const held of old) if (held !== EMPTY) this.add(held);
  }
}

/** Mixes both halves of a key into 32 bits (murmur3's finaliser). */
function slotOf(key: number): number {
  let h = (key >>> 0) ^ Math.imul((key / 4294967296) >>> 0, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
