import { describe, expect, it } from "vitest";
import { describeRunOutcome } from "./describe-run-outcome";

const run = {
  file: "flows.csv",
  status: "succeeded",
  progress: 1,
  flows: 1200,
  rejected: 0,
  incidentsCreated: 1,
  incidentsUpdated: 0,
  incidentsReopened: 0,
  error: null,
};

describe("describeRunOutcome", () => {
  it("follows the run from waiting to finished", () => {
    expect(describeRunOutcome({ ...run, status: "queued", progress: 0 })).toMatchObject({ tone: "info", done: false });
    expect(describeRunOutcome({ ...run, status: "running", progress: 0.456 })).toEqual({
      tone: "info",
      done: false,
      message: "Reading flows.csv: 45 % done.",
    });
    expect(describeRunOutcome(run)).toEqual({
      tone: "success",
      done: true,
      message: "flows.csv finished: 1,200 flows read; 1 new, 0 updated and 0 reopened incident.",
    });
  });

  it("is amber, not green, when lines were rejected, and says how many", () => {
    expect(describeRunOutcome({ ...run, rejected: 3 })).toMatchObject({
      tone: "warning",
      done: true,
      message: expect.stringMatching(/^flows\.csv finished with 3 rejected lines: 1,200 flows read/),
    });
    expect(describeRunOutcome({ ...run, rejected: 1 }).message).toContain("1 rejected line:");
  });

  it("gives a failure's reason and a duplicate's plain answer", () => {
    expect(describeRunOutcome({ ...run, status: "failed", error: "Unrecognised flow file: empty file." })).toEqual({
      tone: "error",
      done: true,
      message: "flows.csv could not be ingested. Unrecognised flow file: empty file.",
    });
    expect(describeRunOutcome({ ...run, status: "duplicate" })).toMatchObject({
      tone: "info",
      done: true,
      message: "flows.csv was ingested before: nothing to do.",
    });
  });
});
