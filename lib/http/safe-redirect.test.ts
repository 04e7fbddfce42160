import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors";
import { returnPathOrFallback, returnPathProblem, safeReturnPath } from "./safe-redirect";

describe("safeReturnPath", () => {
  it.each([
    ["/incidents?status=NEW", "/incidents?status=NEW"],
    ["/incidents/12#timeline", "/incidents/12#timeline"],
    ["/portal/incidents/7?x=%C3%A9", "/portal/incidents/7?x=%C3%A9"],
    ["/%09/evil.example", "/%09/evil.example"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["/a/../b", "/b"],
    ["/with space", "/with%20space"],
  ])("keeps the same-origin path %s as %s", (input, expected) => {
    expect(safeReturnPath(input)).toBe(expected);
  });

  it.each([
    "https://evil.example/",
    "http://evil.example",
    "//evil.example/",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,hi",
    "incidents",
    "",
    "?q=1",
  ])("falls back for %s", (input) => {
    expect(safeReturnPath(input, "/portal")).toBe("/portal");
  });

  it.each(["/\t/evil.example", "/\n/evil.example", "/\r\n//evil.example", "/\u0000x", "/é", "/\u202e/x", "/\u007f"])(
    "refuses %j with a 400",
    (input) => {
      let caught: unknown;
      try {
        safeReturnPath(input);
      } catch (error) {
        caught = error;
      }
      expect(isAppError(caught, "BAD_REQUEST")).toBe(true);
    },
  );

  it("refuses an absurdly long return path", () => {
    expect(() => safeReturnPath(`/${"a".repeat(5000)}`)).toThrow(/not a valid link/);
  });

  it("falls back for anything that is not a string", () => {
    expect(safeReturnPath(undefined)).toBe("/");
    expect(safeReturnPath(["/x"])).toBe("/");
    expect(returnPathOrFallback("/\t/evil.example", "/portal")).toBe("/portal");
  });
});

describe("returnPathProblem", () => {
  it("names the first hostile return-path parameter of a query", () => {
    expect(returnPathProblem(new URLSearchParams("callbackUrl=%2F%09%2Fhost"))).toMatch(/^callbackUrl:/);
    expect(returnPathProblem(new URLSearchParams("next=%2F%C3%A9"))).toMatch(/^next:/);
    expect(returnPathProblem(new URLSearchParams("callbackUrl=%2Fincidents&q=%09"))).toBeNull();
    expect(returnPathProblem(new URLSearchParams("callbackUrl=https%3A%2F%2Fevil.example"))).toBeNull();
  });
});
