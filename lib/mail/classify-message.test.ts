import { describe, expect, it } from "vitest";
import { classifyMessage } from "./classify-message";

const message = (headers: Record<string, string>, subject = "Re: [CSIRT #1]", from = "abuse@college.example") => ({
  headers,
  subject,
  from: { address: from, name: null },
  deliveryStatus: null,
  recipients: ["csirt@csirt.example"],
});
const ours = { ourAddresses: ["csirt@csirt.example"] };

describe("classifyMessage", () => {
  it("takes a person's reply as a reply, Auto-Submitted: no included", () => {
    expect(classifyMessage(message({}), ours).kind).toBe("REPLY");
    expect(classifyMessage(message({ "auto-submitted": "no" }), ours).kind).toBe("REPLY");
  });

  it("recognises RFC 3834 automatic answers, Precedence bulk/junk/list, X-Autoreply and out-of-office subjects", () => {
    expect(classifyMessage(message({ "auto-submitted": "auto-replied" }), ours)).toEqual({
      kind: "AUTO_REPLY",
      why: "Auto-Submitted: auto-replied",
    });
    for (const precedence of ["bulk", "junk", "list"])
      expect(classifyMessage(message({ precedence }), ours).kind).toBe("AUTO_REPLY");
    expect(classifyMessage(message({ "x-autoreply": "yes" }), ours).kind).toBe("AUTO_REPLY");
    expect(classifyMessage(message({}, "Out of Office: [CSIRT #1]"), ours).kind).toBe("AUTO_REPLY");
    expect(classifyMessage(message({}, "Automatic reply: [CSIRT #1]"), ours).kind).toBe("AUTO_REPLY");
    expect(classifyMessage(message({}, "AW: Abwesenheitsnotiz"), ours).kind).toBe("AUTO_REPLY");
  });

  it("recognises our own messages (a loop) and bounces", () => {
    expect(classifyMessage(message({ "x-csirt-incident": "1" }), ours).kind).toBe("OWN_MESSAGE");
    expect(classifyMessage(message({}, "x", "CSIRT@csirt.example"), ours).kind).toBe("OWN_MESSAGE");
    expect(
      classifyMessage(
        { ...message({}), deliveryStatus: { reportingMta: null, recipients: [], originalMessageId: null } },
        ours,
      ).kind,
    ).toBe("BOUNCE");
    expect(
      classifyMessage(
        {
          ...message({}, "Undeliverable", "MAILER-DAEMON@mx.example"),
          recipients: ["bounces+0b4e3c1a-1111-4222-8333-944455556666@csirt.example"],
        },
        ours,
      ).kind,
    ).toBe("BOUNCE");
  });
});
