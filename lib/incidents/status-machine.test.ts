import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors";
import { allowedTransitions, assertTransition, canTransition, isOpenStatus } from "./status-machine";

describe("incident lifecycle", () => {
  it("follows new → notified → acknowledged → resolved → closed", () => {
    expect(canTransition("NEW", "NOTIFIED")).toBe(true);
    expect(canTransition("NOTIFIED", "ACKNOWLEDGED")).toBe(true);
    expect(canTransition("ACKNOWLEDGED", "RESOLVED")).toBe(true);
    expect(canTransition("RESOLVED", "CLOSED")).toBe(true);
  });

  it("reopens only what was resolved or closed", () => {
    expect(canTransition("RESOLVED", "REOPENED")).toBe(true);
    expect(canTransition("CLOSED", "REOPENED")).toBe(true);
    expect(canTransition("NEW", "REOPENED")).toBe(false);
    expect(canTransition("ACKNOWLEDGED", "REOPENED")).toBe(false);
  });

  it("never goes back to new, and a closed incident can only be reopened", () => {
    for (const from of ["NOTIFIED", "ACKNOWLEDGED", "RESOLVED", "CLOSED", "REOPENED"] as const)
      expect(canTransition(from, "NEW")).toBe(false);
    expect(allowedTransitions("CLOSED")).toEqual(["REOPENED"]);
  });

  it("refuses an illegal move with a message that says what is possible", () => {
    try {
      assertTransition("CLOSED", "ACKNOWLEDGED");
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error, "ILLEGAL_TRANSITION")).toBe(true);
      expect((error as Error).message).toBe(
        "An incident that is closed cannot become acknowledged (it can become: reopened).",
      );
    }
  });

  it("knows which statuses are open", () => {
    expect(["NEW", "NOTIFIED", "ACKNOWLEDGED", "REOPENED"].every((status) => isOpenStatus(status as never))).toBe(true);
    expect(isOpenStatus("RESOLVED") || isOpenStatus("CLOSED")).toBe(false);
  });
});
