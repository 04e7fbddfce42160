import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { SIGN_IN_RULES } from "./rate-limit";
import { acceptSignInLinkRequest, type SendSignInMail } from "./sign-in-link-request";

const ELIGIBLE = "abuse@link-college.example";

beforeAll(async () => {
  await db.organisation.create({
    data: {
      name: "Link College",
      slug: "link-college",
      contacts: { create: [{ name: "Abuse desk", email: ELIGIBLE, role: "ABUSE" }] },
    },
  });
});

/** A mail transport that holds every message until the test opens the gate. */
function gatedTransport() {
  const sent: string[] = [];
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const send: SendSignInMail = async (mail) => {
    await gate;
    sent.push(mail.to);
  };
  return { send, sent, open };
}

function request(identifier: string, ip: string, send: SendSignInMail) {
  const expires = new Date(Date.now() + 30 * 60_000);
  return acceptSignInLinkRequest(db, { identifier, url: "http://localhost/x", expires, context: { ip }, send });
}

describe("asking for a sign-in link", () => {
  it("answers before the mail goes out, so an eligible address takes no longer than any other", async () => {
    const transport = gatedTransport();
    // With the mail held back, awaiting the request must still finish: nothing waits for the mail.
    const eligible = await request(ELIGIBLE, "198.51.100.1", transport.send);
    const stranger = await request("nobody@elsewhere.example", "198.51.100.1", transport.send);
    expect(transport.sent).toEqual([]);
    transport.open();
    await Promise.all([eligible.delivery, stranger.delivery]);
    expect(transport.sent).toEqual([ELIGIBLE]);
    const audit = await db.auditLog.findMany({ where: { ip: "198.51.100.1" }, select: { action: true } });
    expect(audit.map((entry) => entry.action).sort()).toEqual(["signin.link_refused", "signin.link_sent"]);
  });

  it("sends nothing more to anyone once one client address has asked too often", async () => {
    const transport = gatedTransport();
    transport.open();
    const ip = "203.0.113.77";
    const { limit } = SIGN_IN_RULES.emailLinkPerAddress;
    for (let index = 0; index < limit; index += 1)
      await (await request(`probe-${index}@elsewhere.example`, ip, transport.send)).delivery;
    await (await request(ELIGIBLE, ip, transport.send)).delivery;
    expect(transport.sent).toEqual([]);
    const last = await db.auditLog.findFirstOrThrow({ where: { ip, actorLabel: ELIGIBLE } });
    expect(last.action).toBe("signin.rate_limited");
    // Another client address is not held up by it.
    await (await request(ELIGIBLE, "203.0.113.78", transport.send)).delivery;
    expect(transport.sent).toEqual([ELIGIBLE]);
  });
});
