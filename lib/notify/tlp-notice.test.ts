import { describe, expect, it } from "vitest";
import { markNotice } from "./tlp-notice";

const message = (subject: string) => ({ subject, text: "Dear colleagues,", html: null });

describe("the TLP label on a notice", () => {
  it("stands right after the reference tag, wherever the tag is, and heads the text in the notice's language", () => {
    expect(markNotice(message("[CSIRT #12] SSH scanning"), "GREEN", "en").subject).toBe(
      "[CSIRT #12] [TLP:GREEN] SSH scanning",
    );
    expect(markNotice(message("Re: [CSIRT #12] SSH scanning"), "AMBER", "en").subject).toBe(
      "Re: [CSIRT #12] [TLP:AMBER] SSH scanning",
    );
    expect(markNotice(message("Hello"), "CLEAR", "en").subject).toBe("[TLP:CLEAR] Hello");
    expect(markNotice(message("[CSIRT] 3 incidents"), "RED", "de").text).toMatch(
      /^TLP:RED: Nur für die genannten Empfänger/,
    );
  });

  it("replaces a label an answered subject already carries instead of adding a second", () => {
    expect(markNotice(message("Re: [CSIRT #12] [TLP:AMBER] SSH scanning"), "AMBER_STRICT", "en").subject).toBe(
      "Re: [CSIRT #12] [TLP:AMBER+STRICT] SSH scanning",
    );
  });

  it("escapes nothing into HTML it should not", () => {
    const marked = markNotice({ subject: "[CSIRT #1] x", text: "t", html: "<p>t</p>" }, "AMBER_STRICT", "en");
    expect(marked.html).toMatch(/^<p><strong>TLP:AMBER\+STRICT<\/strong>: Limited disclosure/);
  });
});
