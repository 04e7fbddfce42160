import { describe, expect, it } from "vitest";
import { describeResolution } from "./describe-resolution";

describe("describeResolution", () => {
  it("names the institution user and the root cause in words", () => {
    expect(describeResolution({ rootCause: "weak-password", resolvedBy: "institution: it@college.example" })).toEqual({
      byInstitution: true,
      by: "it@college.example",
      rootCause: "Weak or reused password",
    });
  });

  it("keeps an analyst's resolution apart and says nothing of an unresolved incident", () => {
    expect(describeResolution({ rootCause: null, resolvedBy: "analyst@csirt.example" })).toEqual({
      byInstitution: false,
      by: "analyst@csirt.example",
      rootCause: null,
    });
    expect(describeResolution({ rootCause: null, resolvedBy: null })).toBeNull();
  });
});
