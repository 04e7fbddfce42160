type Column = Float64Array<ArrayBuffer> | Uint32Array<ArrayBuffer> | Uint16Array<ArrayBuffer> | Uint8Array<ArrayBuffer>;

/** `to` (a larger array of the same type) holding `from`'s values: how column stores grow. */
export function grownArray<T extends Column>(from: T, to: T): T {
  to.set(from as never);
  return to;
}
