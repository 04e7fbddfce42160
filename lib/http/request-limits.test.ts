import { describe, expect, it } from "vitest";
import { bodyLimitRefusal } from "./request-limits";

const post = (path: string, contentLength?: string, transferEncoding?: string) =>
  bodyLimitRefusal({ method: "POST", path, contentLength, transferEncoding });

describe("bodyLimitRefusal", () => {
  it("refuses bodies over 1 MiB on pages and actions from the declared length alone", () => {
    expect(post("/signin", String(200 * 1024 ** 2))?.status).toBe(413);
    expect(post("/portal/incidents/1", String(1024 ** 2 + 1))?.status).toBe(413);
    expect(post("/signin", "12abc")?.status).toBe(413);
    expect(post("/signin", String(1024 ** 2))).toBeNull();
  });

  it("asks chunked bodies for a length, and leaves GET and the streaming upload routes alone", () => {
    expect(post("/signin", undefined, "chunked")?.status).toBe(411);
    expect(post("/api/v1/flows?name=x.csv", String(2 * 1024 ** 3))).toBeNull();
    expect(post("/api/ingest/uploads", undefined, "chunked")).toBeNull();
    expect(post("/api/v1/flows/other", String(2 * 1024 ** 2))?.status).toBe(413);
    expect(
      bodyLimitRefusal({ method: "GET", path: "/", contentLength: String(2 * 1024 ** 2), transferEncoding: undefined }),
    ).toBeNull();
  });
});
