import { describe, expect, it } from "vitest";
import { describeActivity } from "./describe-activity";

const base = { actorName: "Ada Admin", statusTo: null, resolution: false } as const;

describe("describeActivity", () => {
  it("names the institution, our monitoring or the analyst, and what they did", () => {
    expect(
      describeActivity({
        ...base,
        type: "INSTITUTION_RESPONSE",
        actorKind: "INSTITUTION",
        actorName: "sec@uni.example",
      }),
    ).toBe("Institution responded");
    expect(
      describeActivity({ ...base, type: "INSTITUTION_RESPONSE", actorKind: "INSTITUTION", resolution: true }),
    ).toBe("Institution resolved it");
    expect(
      describeActivity({ ...base, type: "STATUS_CHANGED", actorKind: "INSTITUTION", statusTo: "ACKNOWLEDGED" }),
    ).toBe("Institution acknowledged it");
    expect(describeActivity({ ...base, type: "STATUS_CHANGED", actorKind: "STAFF", statusTo: "CLOSED" })).toBe(
      "Ada Admin closed it",
    );
    expect(describeActivity({ ...base, type: "STATUS_CHANGED", actorKind: "SYSTEM", statusTo: "NOTIFIED" })).toBe(
      "Monitoring set it to notified",
    );
    expect(describeActivity({ ...base, type: "UPDATED_BY_INGEST", actorKind: "SYSTEM", actorName: "worker" })).toBe(
      "Monitoring saw more flows",
    );
    expect(describeActivity({ ...base, type: "CREATED", actorKind: "SYSTEM", actorName: "worker" })).toBe(
      "Monitoring raised it",
    );
    expect(describeActivity({ ...base, type: "CREATED", actorKind: "STAFF" })).toBe("Ada Admin raised it");
    expect(describeActivity({ ...base, type: "NOTE", actorKind: "STAFF" })).toBe("Ada Admin added a note");
    expect(describeActivity({ ...base, type: "NOTIFICATION_SENT", actorKind: "SYSTEM", actorName: "worker" })).toBe(
      "Notice sent",
    );
  });
});
