import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { parseImapUrl } from "./imap-url";

describe("IMAP_URL", () => {
  it("reads TLS, credentials, mailbox and folders", () => {
    expect(
      parseImapUrl("imaps://csirt%40example.org:p%40ss@mail.example.org/Abuse?processed=Done&failed=Broken"),
    ).toEqual({
      host: "mail.example.org",
      port: 993,
      secure: true,
      requireStartTls: false,
      user: "csirt@example.org",
      pass: "p@ss",
      mailbox: "Abuse",
      processedFolder: "Done",
      failedFolder: "Broken",
    });
  });

  it("requires STARTTLS for imap:// except on loopback", () => {
    expect(parseImapUrl("imap://u:p@mail.example.org").requireStartTls).toBe(true);
    expect(parseImapUrl("imap://u:p@127.0.0.1:1143").requireStartTls).toBe(false);
  });

  it("refuses what cannot work, by name, at start", () => {
    expect(() => parseImapUrl("pop3://u:p@x")).toThrow("imaps://");
    expect(() => parseImapUrl("imaps://mail.example.org")).toThrow("user and password");
    expect(() => parseImapUrl("imaps://u:p@x/INBOX?processed=INBOX")).toThrow("must differ");
    expect(() => parseEnv({ IMAP_URL: "imaps://nobody@x" })).toThrow(/IMAP_URL: must carry/);
    expect(parseEnv({ IMAP_URL: "imaps://u:p@x" }).IMAP_URL).toBe("imaps://u:p@x");
  });
});
