import { describe, expect, it } from "vitest";
import { routeLabel } from "./route-label";

describe("routeLabel", () => {
  it("keeps the shape of a path and drops what identifies one thing", () => {
    expect(routeLabel("/incidents/6f1c2a0e-6b1e-4c55-9a53-3f7f1d1e2a10?tab=timeline")).toBe("/incidents/:id");
    expect(routeLabel("/respond/eyJhbGciOiJIUzI1NiJ9abcdefghijk")).toBe("/respond/:token");
    expect(routeLabel("/api/v1/flows/42")).toBe("/api/v1/flows/:n");
    expect(routeLabel("/_next/static/chunks/app-1234.js")).toBe("/_next");
    expect(routeLabel("/")).toBe("/");
    expect(routeLabel("/a/b/c/d/e/f")).toBe("/a/b/c/d/…");
    expect(routeLabel("/search/%3Cscript%3E")).toBe("/search/:other");
  });
});
