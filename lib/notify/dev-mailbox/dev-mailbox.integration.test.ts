import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { mailTransport } from "../transport";
import { startDevMailbox } from "./server";

describe("dev mailbox", () => {
  it("receives real SMTP mail on loopback and keeps it byte for byte, attachments included", async () => {
    const mailbox = await startDevMailbox(db);
    try {
      expect(mailbox.url).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
      const attachment = Buffer.from("2010-08-13\n21:11:03Z TCP 192.0.2.45:35556 -> 203.0.113.9:22 ----S- 1 60\n");
      const info = await mailTransport(mailbox.url).sendMail({
        from: "CSIRT <csirt@localhost>",
        to: "security@example-college.example",
        subject: "[CSIRT #7] test",
        text: "body text",
        attachments: [{ filename: "sample.txt", content: attachment, contentType: "text/plain" }],
      });
      expect(info.accepted).toEqual(["security@example-college.example"]);

      const stored = await db.devMail.findFirstOrThrow({ where: { subject: "[CSIRT #7] test" } });
      expect(stored.envelopeTo).toEqual(["security@example-college.example"]);
      const parsed = await simpleParser(Buffer.from(stored.raw));
      expect(parsed.text?.trim()).toBe("body text");
      expect(parsed.attachments).toHaveLength(1);
      expect(Buffer.compare(parsed.attachments[0]!.content, attachment)).toBe(0);
    } finally {
      await mailbox.close();
    }
  });
});
