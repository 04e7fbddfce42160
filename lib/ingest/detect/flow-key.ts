import type { FlowRecord } from "../flow";

/**
 * Keys that recognise the same flow when it is delivered again: another export format, an
 * overlapping file, a second exporter that saw the same connection. Detection keeps flows per
 * source and watched port, so a key only needs the rest of the tuple: destination address,
 * source port and the start time in buckets of the repeat tolerance. A flow repeats an
 * earlier one when the key of its own bucket or of either neighbouring bucket is known, so
 * start times that differ by less than one tolerance always match (formats that print whole
 * seconds next to ones that print microseconds), and never more than two tolerances apart.
 *
 * Keys are 52-bit integers held in plain numbers (two 32-bit FNV-1a lanes): exact enough
 * for millions of flows per source (collision odds ~1e-4 at a million), and cheap to store
 * as Float64Array bytes in the database.
 */
const FNV_OFFSET_A = 0x811c9dc5;
const FNV_OFFSET_B = 0x9747b28c;
const FNV_PRIME = 0x01000193;
const HIGH_BITS = 2 ** 20;

function hashString(text: string, seed: number): number {
  let hash = seed;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash >>> 0;
}

function mix(hash: number, value: number): number {
  let h = hash;
  h ^= value & 0xffff;
  h = Math.imul(h, FNV_PRIME);
  h ^= value >>> 16;
  h = Math.imul(h, FNV_PRIME);
  return h >>> 0;
}

function combine(low: number, high: number): number {
  return (high % HIGH_BITS) * 2 ** 32 + low;
}

/** A 52-bit key of a destination address: distinct targets are counted by these. */
export function targetKey(address: string): number {
  return combine(hashString(address, FNV_OFFSET_A), hashString(address, FNV_OFFSET_B));
}

/**
 * Everything keyed about one flow, from one pass over its destination address (the hot path:
 * one per flow of a watched source): the two lanes, its time bucket and its target key.
 */
export class FlowParts {
  a = 0;
  b = 0;
  bucket = 0;
  target = 0;

  read(flow: FlowRecord, toleranceMs: number): this {
    // Both lanes in one pass over the address (hashString twice, fused).
    const text = flow.dstAddr;
    let hashA = FNV_OFFSET_A;
    let hashB = FNV_OFFSET_B;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      hashA = Math.imul(hashA ^ code, FNV_PRIME);
      hashB = Math.imul(hashB ^ code, FNV_PRIME);
    }
    hashA >>>= 0;
    hashB >>>= 0;
    this.a = mix(hashA, flow.srcPort);
    this.b = mix(hashB, flow.srcPort);
    this.bucket = Math.floor(flow.start / toleranceMs);
    this.target = combine(hashA, hashB);
    return this;
  }

  get key(): number {
    return keyFromParts(this.a, this.b, this.bucket);
  }

  isIn(known: KeySet): boolean {
    return isKnownParts(this.a, this.b, this.bucket, known);
  }
}

export class FlowKeyer {
  private readonly toleranceMs: number;

  constructor(toleranceMs: number) {
    if (!(Number.isFinite(toleranceMs) && toleranceMs > 0))
      throw new RangeError("repeat tolerance must be a positive number of milliseconds");
    this.toleranceMs = toleranceMs;
  }

  /** Reads a flow into `parts` (reused: no allocation per flow). */
  partsOf(flow: FlowRecord, parts: FlowParts): FlowParts {
    return parts.read(flow, this.toleranceMs);
  }

  bucketOf(start: number): number {
    return Math.floor(start / this.toleranceMs);
  }

  /** The key of a flow in its own start-time bucket. */
  keyOf(flow: FlowRecord): number {
    return this.keyIn(flow, this.bucketOf(flow.start));
  }

  keyIn(flow: FlowRecord, bucket: number): number {
    return keyFromParts(laneA(flow), laneB(flow), bucket);
  }

  /** Whether `known` holds this flow (in its own bucket or a neighbouring one). */
  isKnown(flow: FlowRecord, known: KeySet): boolean {
    return isKnownParts(laneA(flow), laneB(flow), this.bucketOf(flow.start), known);
  }
}

export interface KeySet {
  has(key: number): boolean;
}

/** A flow's key before its time bucket is mixed in, as two 32-bit lanes (what FlowLedger keeps). */
export function laneA(flow: FlowRecord): number {
  return mix(hashString(flow.dstAddr, FNV_OFFSET_A), flow.srcPort);
}

export function laneB(flow: FlowRecord): number {
  return mix(hashString(flow.dstAddr, FNV_OFFSET_B), flow.srcPort);
}

export function keyFromParts(a: number, b: number, bucket: number): number {
  const low = mix(a, bucket | 0);
  return combine(low, mix(mix(b, Math.floor(bucket / 2 ** 32)), bucket | 0));
}

export function isKnownParts(a: number, b: number, bucket: number, known: KeySet): boolean {
  return (
    known.has(keyFromParts(a, b, bucket)) ||
    known.has(keyFromParts(a, b, bucket - 1)) ||
    known.has(keyFromParts(a, b, bucket + 1))
  );
}

/** Keys as bytes for the database (little-endian float64, exact for 52-bit integers). */
export function keysToBytes(keys: Iterable<number>): Uint8Array<ArrayBuffer> {
  const array = Float64Array.from(keys);
  return new Uint8Array(array.buffer);
}

export function keysFromBytes(bytes: Uint8Array): Float64Array {
  if (bytes.byteLength % 8 !== 0) throw new RangeError("flow keys: byte length is not a multiple of 8");
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float64Array(copy.buffer);
}
