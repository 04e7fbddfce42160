import { createVerify, generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SmtpSink, startSmtpSink } from "@/test/support/smtp-sink";
import { mailTransport } from "./transport";

const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
// Read by lib/env.ts on first use; the key as one line with "\n" escapes, as an .env file holds it.
process.env.DKIM_DOMAIN = "csirt.example.org";
process.env.DKIM_SELECTOR = "mail2027";
process.env.DKIM_PRIVATE_KEY = privateKey.export({ type: "pkcs8", format: "pem" }).toString().replace(/\n/g, "\\n");

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(() => sink.close());

describe("DKIM", () => {
  it("signs outgoing mail with the configured domain, selector and key", async () => {
    await mailTransport(sink.url).sendMail({
      from: "CSIRT <csirt@csirt.example.org>",
      to: "sam@example.org",
      subject: "DKIM check",
      text: "Hello",
    });
    const raw = sink.messages[0]!.raw.toString("utf8");
    const header = /^DKIM-Signature: ([\s\S]*?)\r\n(?![ \t])/m.exec(raw)?.[1]?.replace(/\r\n[ \t]+/g, " ") ?? "";
    expect(header).toMatch(/\bd=csirt\.example\.org;/);
    expect(header).toMatch(/\bs=mail2027;/);
    // The signature verifies with the public key over the canonical signed headers (relaxed) and its own header without b=.
    const tags = Object.fromEntries(
      header
        .split(/;\s*/)
        .map((tag) => [tag.slice(0, tag.indexOf("=")).trim(), tag.slice(tag.indexOf("=") + 1).replace(/\s+/g, "")]),
    );
    const signed = String(tags.h).split(":");
    const relaxed = (line: string) =>
      `${line.slice(0, line.indexOf(":")).toLowerCase().trim()}:${line
        .slice(line.indexOf(":") + 1)
        .replace(/\r\n[ \t]+/g, " ")
        .replace(/[ \t]+/g, " ")
        .trim()}`;
    const headers = raw.slice(0, raw.indexOf("\r\n\r\n")).split(/\r\n(?![ \t])/);
    const find = (name: string) => headers.find((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`));
    const data = `${signed
      .map(find)
      .filter((line): line is string => Boolean(line))
      .map((line) => `${relaxed(line)}\r\n`)
      .join("")}${relaxed(`DKIM-Signature: ${header.replace(/\bb=[^;]*$/, "b=")}`)}`;
    expect(createVerify("RSA-SHA256").update(data).verify(publicKey, tags.b!, "base64")).toBe(true);
  });
});
