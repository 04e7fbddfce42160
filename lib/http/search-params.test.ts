import { describe, expect, it } from "vitest";
import { firstParam, pageParam } from "./search-params";

describe("page numbers from the query string", () => {
  it("take the first value, and make anything that is not a page number page 1, capped", () => {
    expect(pageParam(["3", "9"])).toBe(3);
    expect([undefined, "", "-2", "0", "abc", "1e9x"].map((value) => pageParam(value))).toEqual([1, 1, 1, 1, 1, 1]);
    expect(pageParam("999999999")).toBe(100_000);
    expect(firstParam(["a", "b"])).toBe("a");
  });
});
