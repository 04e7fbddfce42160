import { describe, expect, it } from "vitest";
import { parseIncidentReference, ZIncidentReferenceSchema } from "./incident-reference";

describe("parseIncidentReference", () => {
  it.each([
    ["1", 1],
    ["#1234", 1234],
    ["2147483647", 2_147_483_647],
    [42, 42],
  ])("reads %j", (input, expected) => {
    expect(parseIncidentReference(input)).toBe(expected);
  });

  it.each(["2147483648", "9999999999", "99999999999", "0", "-1", "1.5", "1e3", "", "abc", " ", null, undefined, {}])(
    "refuses %j",
    (input) => {
      expect(parseIncidentReference(input)).toBeNull();
      expect(ZIncidentReferenceSchema.safeParse(input).success).toBe(false);
    },
  );
});
