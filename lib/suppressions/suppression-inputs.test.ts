import { describe, expect, it } from "vitest";
import { ZSuppressionDecisionSchema, ZSuppressionRequestSchema } from "./suppression-inputs";
import { suppressionState } from "./suppression-state";

const organisationId = "7d1e4c7a-5f8e-4b55-9a51-1c1f0f1b2c3d";
const entryId = "0b6f1f8e-2d7a-4c0e-8f55-2a9c3b4d5e6f";

describe("the portal's suppression form", () => {
  it("reads a calendar date as 00:00 UTC that day and trims the text", () => {
    expect(
      ZSuppressionRequestSchema.parse({
        organisationId,
        network: " 192.0.2.10 ",
        reason: " Nessus ",
        expiresOn: "2027-04-01",
      }),
    ).toEqual({ organisationId, network: "192.0.2.10", reason: "Nessus", expiresOn: new Date("2027-04-01T00:00:00Z") });
  });

  it("names each field that is wrong", () => {
    const result = ZSuppressionRequestSchema.safeParse({
      organisationId: "x",
      network: "",
      reason: " ",
      expiresOn: "2027-02-30",
    });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join("."));
    expect(paths).toEqual(["organisationId", "network", "reason", "expiresOn"]);
  });
});

describe("an analyst's decision", () => {
  it("needs a reason to refuse, not to approve", () => {
    expect(ZSuppressionDecisionSchema.safeParse({ organisationId, entryId, decision: "approve" }).success).toBe(true);
    const refused = ZSuppressionDecisionSchema.safeParse({ organisationId, entryId, decision: "refuse", reason: "" });
    expect(refused.error?.issues[0]).toMatchObject({
      path: ["reason"],
      message: "Tell the institution why the suppression is refused.",
    });
  });
});

describe("suppressionState", () => {
  const now = new Date("2027-03-01T00:00:00Z");
  const later = new Date("2027-04-01T00:00:00Z");
  it("is refused, ended, active or pending, in that order", () => {
    expect(suppressionState({ approvedAt: null, refusedAt: now, expiresAt: later }, now)).toBe("refused");
    expect(suppressionState({ approvedAt: now, refusedAt: null, expiresAt: now }, now)).toBe("expired");
    expect(suppressionState({ approvedAt: now, refusedAt: null, expiresAt: later }, now)).toBe("active");
    expect(suppressionState({ approvedAt: null, refusedAt: null, expiresAt: later }, now)).toBe("pending");
  });
});
