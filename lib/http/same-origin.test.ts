import { describe, expect, it } from "vitest";
import { isForeignOrigin } from "./same-origin";

const headers = (entries: Record<string, string>) => new Headers(entries);

describe("isForeignOrigin", () => {
  it("accepts our own origin and clients that send none", () => {
    expect(
      isForeignOrigin(headers({ origin: "http://localhost:3000", host: "localhost:3000" }), "http://localhost:3000"),
    ).toBe(false);
    expect(isForeignOrigin(headers({ host: "localhost:3000" }), "http://localhost:3000")).toBe(false);
    expect(
      isForeignOrigin(
        headers({ origin: "https://csirt.example.org", host: "127.0.0.1:3000" }),
        "https://csirt.example.org",
      ),
    ).toBe(false);
  });

  it("refuses another site, a look-alike and the opaque origin", () => {
    const ours = { host: "localhost:3000" };
    expect(isForeignOrigin(headers({ ...ours, origin: "https://evil.example" }), "http://localhost:3000")).toBe(true);
    expect(
      isForeignOrigin(headers({ ...ours, origin: "http://localhost:3000.evil.example" }), "http://localhost:3000"),
    ).toBe(true);
    expect(isForeignOrigin(headers({ ...ours, origin: "null" }), "http://localhost:3000")).toBe(true);
  });
});
