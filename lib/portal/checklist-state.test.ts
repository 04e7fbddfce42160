import { describe, expect, it } from "vitest";
import { checklistNotes, checklistState } from "./checklist-state";

describe("checklistState", () => {
  it("remembers each step ticked in any response, with who ticked it first", () => {
    const first = new Date("2027-01-09T10:00:00Z");
    const later = new Date("2027-01-09T12:00:00Z");
    const state = checklistState([
      {
        actorLabel: "noc@uni.example",
        createdAt: later,
        data: { steps: ["outboundBlocked", "hostLocated"], text: "" },
      },
      { actorLabel: "sec@uni.example", createdAt: first, data: { steps: ["outboundBlocked"], text: "blocked" } },
      { actorLabel: "sec@uni.example", createdAt: later, data: { resolution: true } },
      { actorLabel: "x", createdAt: first, data: { steps: ["notAStep", 3] } },
      { actorLabel: "x", createdAt: first, data: null },
    ]);
    expect(state).toEqual({
      outboundBlocked: { by: "sec@uni.example", at: first },
      hostLocated: { by: "noc@uni.example", at: later },
    });
    expect(checklistNotes(state)).toEqual({
      outboundBlocked: "Ticked by sec@uni.example, 9 January 2027, 10:00 UTC",
      hostLocated: "Ticked by noc@uni.example, 9 January 2027, 12:00 UTC",
    });
  });
});
