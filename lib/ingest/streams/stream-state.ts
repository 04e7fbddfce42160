import { gunzipSync, gzipSync } from "node:zlib";
import { DETECTOR_STATE_VERSION, type DetectorState } from "../detect";

export function encodeStreamState(state: DetectorState): Uint8Array<ArrayBuffer> {
  // Level 1: the state is rewritten after every file; speed matters more than the last few per cent.
  return new Uint8Array(gzipSync(JSON.stringify(state), { level: 1 }));
}

export type DecodedStreamState = { state: DetectorState | undefined; problem: string | null };

/**
 * A saved state, or none with the reason: a stream whose state is damaged or of another
 * version starts fresh and says so, rather than failing every file after it.
 */
export function decodeStreamState(bytes: Uint8Array | null): DecodedStreamState {
  if (bytes === null) return { state: undefined, problem: null };
  try {
    const parsed = JSON.parse(gunzipSync(bytes).toString("utf8")) as Partial<DetectorState>;
    if (parsed.version !== DETECTOR_STATE_VERSION)
      return {
        state: undefined,
        problem: `The stream's saved detection state is of another version (${String(parsed.version)}); detection started fresh.`,
      };
    if (typeof parsed.clock !== "number" || !Array.isArray(parsed.sources)) throw new Error("missing fields");
    return { state: parsed as DetectorState, problem: null };
  } catch {
    return {
      state: undefined,
      problem: "The stream's saved detection state could not be read; detection started fresh.",
    };
  }
}
