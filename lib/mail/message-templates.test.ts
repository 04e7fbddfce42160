import { describe, expect, it } from "vitest";
import { renderMessageTemplates } from "./message-templates";

describe("renderMessageTemplates", () => {
  it("fills in the incident's values as plain text, nothing escaped as HTML", () => {
    const rendered = renderMessageTemplates({
      reference: 42,
      sourceIp: "192.0.2.7",
      lastSeen: new Date("2027-01-09T02:10:30Z"),
    });
    expect(rendered.map((template) => template.key)).toEqual(["ask-logs", "ask-progress", "still-active", "thanks"]);
    expect(rendered[0]!.body).toContain("what 192.0.2.7 was doing around 2027-01-09 02:10 (UTC)");
    expect(rendered[1]!.body).toContain("incident #42 (192.0.2.7)");
    expect(rendered.every((template) => !template.body.includes("{{"))).toBe(true);
  });
});
