import { describe, expect, it } from "vitest";
import { bounceSeverity, readDeliveryStatus } from "./delivery-status";

const dsn = (status: string, action: string, extra = "") =>
  [
    "From: MAILER-DAEMON@mx.example",
    'Content-Type: multipart/report; report-type=delivery-status;\r\n\tboundary="=_b1"',
    "",
    "--=_b1",
    "Content-Type: text/plain",
    "",
    "Sorry.",
    "--=_b1",
    "Content-Type: message/delivery-status",
    extra,
    "Reporting-MTA: dns; mx.example",
    "",
    "Final-Recipient: rfc822; <abuse@college.example>",
    `Action: ${action}`,
    `Status: ${status} (mailbox full)`,
    "Diagnostic-Code: smtp; 452 4.2.2 mailbox full,",
    "  try later",
    "--=_b1",
    "Content-Type: message/rfc822",
    "",
    "Message-ID: <n1@csirt.example>",
    "Subject: [CSIRT #1]",
    "",
    "body",
    "--=_b1--",
  ].join("\r\n");

describe("readDeliveryStatus", () => {
  it("reads the per-recipient fields, the continued diagnostic and the bounced Message-ID", () => {
    const report = readDeliveryStatus(dsn("4.2.2", "delayed"));
    expect(report).toEqual({
      reportingMta: "mx.example",
      recipients: [
        {
          finalRecipient: "abuse@college.example",
          action: "delayed",
          status: "4.2.2",
          diagnostic: "452 4.2.2 mailbox full, try later",
        },
      ],
      originalMessageId: "<n1@csirt.example>",
    });
    expect(bounceSeverity(report!.recipients[0]!)).toBe("soft");
  });

  it("tells hard from soft failures", () => {
    expect(bounceSeverity(readDeliveryStatus(dsn("5.1.1", "failed"))!.recipients[0]!)).toBe("hard");
    expect(bounceSeverity(readDeliveryStatus(dsn("4.4.7", "failed"))!.recipients[0]!)).toBe("soft");
    expect(bounceSeverity(readDeliveryStatus(dsn("2.0.0", "delivered"))!.recipients[0]!)).toBe("none");
  });

  it("reads a base64-encoded report and says null for anything that is not a report", () => {
    const encoded = Buffer.from(
      "Reporting-MTA: dns; mx\r\n\r\nFinal-Recipient: rfc822; a@b\r\nAction: failed\r\nStatus: 5.2.1\r\n",
    ).toString("base64");
    const raw = [
      'Content-Type: multipart/report; report-type=delivery-status; boundary="x"',
      "",
      "--x",
      "Content-Type: message/delivery-status",
      "Content-Transfer-Encoding: base64",
      "",
      encoded,
      "--x--",
    ].join("\r\n");
    expect(readDeliveryStatus(raw)?.recipients[0]).toMatchObject({ finalRecipient: "a@b", status: "5.2.1" });
    expect(readDeliveryStatus("Content-Type: text/plain\r\n\r\nhello")).toBeNull();
    expect(
      readDeliveryStatus(
        'Content-Type: multipart/report; boundary="x"\r\n\r\n--x\r\nContent-Type: text/plain\r\n\r\nno report\r\n--x--',
      ),
    ).toBeNull();
  });
});
