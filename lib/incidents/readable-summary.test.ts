import { describe, expect, it } from "vitest";
import { summarySentence } from "@/lib/ingest/detect/sample";
import { readableSummary, readableTimesIn } from "./readable-summary";

describe("readableSummary", () => {
  it("keeps the seed sentence's facts and order, with the period written for people", () => {
    const seed = summarySentence({
      organisationName: "Example College",
      sourceIp: "192.0.2.45",
      port: 22,
      protocol: "tcp",
      flows: 1234,
      firstSeen: Date.parse("2027-01-09T02:02:08Z"),
      lastSeen: Date.parse("2027-01-09T02:12:41Z"),
    });
    expect(readableSummary(seed)).toBe(
      "An IP at Example College, 192.0.2.45 was scanning for port 22/tcp sending at least 1234 flows between 02:02 and 02:12 UTC on 9 January 2027.",
    );
  });

  it("reads third-party report summaries the same way and leaves other text alone", () => {
    expect(
      readableSummary(
        "An IP at X, 192.0.2.1 was reported by Hosting CERT for 40 failed SSH login attempts between 2027-01-08T23:50:00+00:00 and 2027-01-09T00:10:00+00:00.",
      ),
    ).toBe(
      "An IP at X, 192.0.2.1 was reported by Hosting CERT for 40 failed SSH login attempts between 23:50 UTC on 8 January 2027 and 00:10 UTC on 9 January 2027.",
    );
    expect(readableSummary("Reported by phone.")).toBe("Reported by phone.");
  });
});

describe("readableTimesIn", () => {
  it("writes out every ISO moment in a timeline entry", () => {
    expect(readableTimesIn("Seen again: 40 more flows, 3 more destinations, last at 2027-01-09T02:12:41.000Z.")).toBe(
      "Seen again: 40 more flows, 3 more destinations, last at 9 January 2027, 02:12 UTC.",
    );
  });
});
