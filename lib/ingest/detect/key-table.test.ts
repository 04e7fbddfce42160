import { describe, expect, it } from "vitest";
import { targetKey } from "./flow-key";
import { KeyTable } from "./key-table";

describe("KeyTable", () => {
  it("holds each key once and answers has() like a Set, through many growths", () => {
    const table = new KeyTable();
    const reference = new Set<number>();
    let seed = 12345;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    for (let i = 0; i < 50_000; i++) {
      // 52-bit keys, with repeats: both lanes drawn from a small range every third key
      const key = (i % 3 === 0 ? next() % 1000 : next()) * 2 ** 20 + (next() % 2 ** 20);
      expect(table.add(key)).toBe(!reference.has(key));
      reference.add(key);
    }
    expect(table.size).toBe(reference.size);
    for (const key of reference) expect(table.has(key)).toBe(true);
    expect(table.has(2 ** 52 + 1)).toBe(false);
    expect(new Set(table)).toEqual(reference);
  });

  it("deletes keys and still finds every other one, as a Set would", () => {
    const table = new KeyTable();
    const reference = new Set<number>();
    let seed = 99;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const wrong: string[] = [];
    for (let i = 0; i < 40_000; i++) {
      // A small key space, so tables crowd, probe runs wrap around the end, and deletes shift entries back.
      const key = (next() % 3000) * 2 ** 32 + (next() % 7);
      if (next() % 3 === 0) {
        if (table.delete(key) !== reference.delete(key)) wrong.push(`delete ${key}`);
      } else if (table.add(key) !== !reference.has(key) || !reference.add(key)) {
        wrong.push(`add ${key}`);
      }
      if (i % 1000 === 0) for (const known of reference) if (!table.has(known)) wrong.push(`lost ${known}`);
    }
    expect(wrong).toEqual([]);
    expect(table.size).toBe(reference.size);
    expect(new Set(table)).toEqual(reference);
  });

  it("keeps keys that collide in their low 32 bits apart", () => {
    const table = KeyTable.of([0, 2 ** 32, 2 * 2 ** 32, 2 ** 51 + 7]);
    expect(table.size).toBe(4);
    expect(table.has(3 * 2 ** 32)).toBe(false);
    expect(table.has(2 * 2 ** 32)).toBe(true);
    expect(table.has(7)).toBe(false);
  });

  it("takes target keys of real addresses", () => {
    const table = KeyTable.of(["192.0.2.1", "2001:db8::1", "192.0.2.1"].map(targetKey));
    expect(table.size).toBe(2);
    expect(table.has(targetKey("2001:db8::1"))).toBe(true);
  });

  it("refuses what is not a key", () => {
    const table = new KeyTable();
    for (const bad of [-1, 0.5, Number.NaN, Infinity, 2 ** 53]) expect(() => table.add(bad)).toThrow(RangeError);
    expect(table.size).toBe(0);
  });
});
