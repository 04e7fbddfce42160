import { describe, expect, it } from "vitest";
import { referencedMessageIds, subjectReference } from "./thread-keys";
import { bounceAddress, notificationIdFromBounceAddress } from "./verp";
import { summariseAuthenticationResults } from "./authentication-results";

describe("thread keys", () => {
  it("lists In-Reply-To first, then References newest first, without repeats", () => {
    expect(referencedMessageIds({ inReplyTo: "<c@x>", references: "<a@x> <b@x>\r\n <c@x>" })).toEqual([
      "<c@x>",
      "<b@x>",
      "<a@x>",
    ]);
    expect(referencedMessageIds({ inReplyTo: null, references: ["<a@x>", "<b@x>"] })).toEqual(["<b@x>", "<a@x>"]);
    expect(referencedMessageIds({ inReplyTo: "not an id", references: null })).toEqual([]);
  });

  it("finds the [CSIRT #ref] tag in any case and spacing, and nothing else", () => {
    expect(subjectReference("Re: AW: [CSIRT #1234] SSH scanning")).toBe(1234);
    expect(subjectReference("re: [csirt # 7]")).toBe(7);
    expect(subjectReference("CSIRT #7 without brackets")).toBeNull();
    expect(subjectReference(undefined)).toBeNull();
  });
});

describe("VERP return paths", () => {
  const id = "0b4e3c1a-1111-4222-8333-944455556666";
  it("puts the notification id on our domain and reads it back from any recipient", () => {
    expect(bounceAddress(id, "CSIRT <csirt@csirt.example.org>")).toBe(`bounces+${id}@csirt.example.org`);
    expect(
      notificationIdFromBounceAddress(["someone@x", `Bounces <bounces+${id.toUpperCase()}@csirt.example.org>`]),
    ).toBe(id);
    expect(notificationIdFromBounceAddress(["bounces+not-a-uuid@x"])).toBeNull();
  });
});

describe("Authentication-Results", () => {
  it("names the server and each method's result, comments removed", () => {
    expect(
      summariseAuthenticationResults(
        "mx.csirt.example;\r\n spf=pass (sender ok) smtp.mailfrom=a.example;\r\n dkim=fail header.d=a.example; dmarc=none",
      ),
    ).toEqual({
      server: "mx.csirt.example",
      results: { spf: "pass", dkim: "fail", dmarc: "none" },
    });
    expect(summariseAuthenticationResults(null)).toBeNull();
  });
});
