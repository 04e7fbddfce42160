import { describe, expect, it } from "vitest";
import { foldQuotedText } from "./fold-quoted-text";

describe("foldQuotedText", () => {
  it("keeps the answer and folds a Gmail-style attribution with its quote and the signature", () => {
    const folded = foldQuotedText(
      "Blocked the host.\r\n\r\nThanks,\r\nSam\r\n-- \r\nSam Security | Example College\r\n\r\nOn Sat, 9 Jan 2027 at 03:00, CSIRT <csirt@x> wrote:\r\n> An IP at Example College\r\n> was scanning",
    );
    expect(folded.text).toBe("Blocked the host.\n\nThanks,\nSam");
    expect(folded.folded).toContain("Sam Security | Example College");
    expect(folded.folded).toContain("> was scanning");
  });

  it("folds an attribution wrapped over two lines", () => {
    expect(foldQuotedText("Done.\n\nOn Sat, 9 Jan 2027 at 03:00, CSIRT team\n<csirt@x> wrote:\n> text").text).toBe(
      "Done.",
    );
  });

  it("folds Outlook's header block and the German attribution", () => {
    expect(
      foldQuotedText(
        "Erledigt.\n\nFrom: CSIRT <csirt@x>\nSent: Saturday, 9 January 2027 03:00\nTo: abuse@college\nSubject: [CSIRT #4]\n\nAn IP ...",
      ).text,
    ).toBe("Erledigt.");
    expect(foldQuotedText("Erledigt.\n\nAm 09.01.2027 um 03:00 schrieb CSIRT <csirt@x>:\n> An IP").text).toBe(
      "Erledigt.",
    );
    expect(foldQuotedText("Ok\n-----Original Message-----\nFrom: x").text).toBe("Ok");
  });

  it("folds quoted lines between answers (bottom-posting) one by one and keeps the answers", () => {
    const folded = foldQuotedText("> Did you block it?\nYes, at 03:10.\n> Which host?\nThe lab's build server.");
    expect(folded.text).toBe("Yes, at 03:10.\nThe lab's build server.");
    expect(folded.folded).toBe("> Did you block it?\n> Which host?");
  });

  it("leaves a message with nothing to fold as it is", () => {
    expect(foldQuotedText("  Just this.  ")).toEqual({ text: "Just this.", folded: "" });
  });

  it("does not take a line that merely starts with 'From:' inside the answer for a header block", () => {
    expect(foldQuotedText("From: our side, the host is clean.\nWe checked it twice.").text).toBe(
      "From: our side, the host is clean.\nWe checked it twice.",
    );
  });
});
