import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { flowsToCsv } from "@/lib/ingest/detect/sample";
import type { FlowRecord } from "@/lib/ingest/flow";
import { fixture } from "@/test/support/samples";
import { iodefErrors, xarfErrors } from "@/test/support/report-validators";
import { buildIodefDocument } from "./build-iodef-document";
import { buildReportAttachments } from "./build-report-attachments";
import { buildXarfReport } from "./build-xarf-report";
import { exampleConnection } from "./example-connection";
import type { TReportInput } from "./report-input";
import { reportSender } from "./report-sender";

const T0 = Date.UTC(2027, 0, 9, 2, 0, 0);
const flows: FlowRecord[] = Array.from({ length: 5 }, (_, i) => ({
  start: T0 + i * 1000,
  end: T0 + i * 1000 + 20,
  protocol: "TCP",
  srcAddr: "192.0.2.45",
  srcPort: 51000 + i,
  dstAddr: `198.51.100.${i + 1}`,
  dstPort: 22,
  tcpFlags: 2,
  packets: 1,
  bytes: 60,
  line: i + 2,
}));
const flowsCsv = Buffer.from(flowsToCsv(flows));
const sshdLog = readFileSync(fixture("sshd", "auth-example.log"));
const sender = reportSender({ mailFrom: "Example CSIRT <csirt@csirt.example.org>", csirtName: "Example CSIRT" });

function scanInput(overrides: Partial<TReportInput> = {}): TReportInput {
  return {
    reportId: "6f1c1e2a-5b7d-4c59-9a43-0d6e9c1f2b3a",
    reference: 1042,
    type: "SSH_SCAN",
    sourceIp: "192.0.2.45",
    port: 22,
    protocol: "tcp",
    firstSeen: new Date(T0),
    lastSeen: new Date(T0 + 600_000),
    events: 300,
    distinctTargets: 250,
    summary: 'An IP at Example College, 192.0.2.45 was scanning for port 22/tcp <&> "quoted"',
    generatedAt: new Date(T0 + 3_600_000),
    sender,
    thirdPartyReporter: null,
    example: exampleConnection([{ kind: "FLOW_LIST", content: flowsCsv }]),
    evidence: [
      {
        fileName: "csirt-1042-flows.csv",
        contentType: "text/csv; charset=utf-8",
        description: "all 5 flows",
        content: flowsCsv,
      },
    ],
    ...overrides,
  };
}

function loginInput(): TReportInput {
  return scanInput({
    type: "SSH_BRUTE_FORCE_REPORT",
    events: 12,
    distinctTargets: 1,
    thirdPartyReporter: "Relay Hosting Ltd",
    example: exampleConnection([{ kind: "THIRD_PARTY_LOG", content: sshdLog }]),
    evidence: [
      {
        fileName: "csirt-1042-third-party-sshd.log",
        contentType: "text/plain; charset=utf-8",
        description: "sshd log from Relay Hosting Ltd",
        content: sshdLog,
      },
    ],
  });
}

describe("X-ARF reports", () => {
  it("an SSH scan is a valid connection/port_scan report naming an observed source port and target", () => {
    const report = buildXarfReport(scanInput());
    expect(xarfErrors(report)).toEqual([]);
    expect(report).toMatchObject({
      category: "connection",
      type: "port_scan",
      source_identifier: "192.0.2.45",
      source_port: 51000,
      destination_ip: "198.51.100.1",
      destination_port: 22,
      protocol: "tcp",
    });
    expect(report).toMatchObject({
      sender: { org: "Example CSIRT", contact: "csirt@csirt.example.org", domain: "csirt.example.org" },
    });
    const evidence = (report as { evidence: Array<{ payload: string }> }).evidence;
    expect(Buffer.from(evidence[0]!.payload, "base64").equals(flowsCsv)).toBe(true);
  });

  it("a third-party password-guessing report is a valid connection/login_attack report", () => {
    const report = buildXarfReport(loginInput());
    expect(xarfErrors(report)).toEqual([]);
    expect(report).toMatchObject({ type: "login_attack", source_port: 41000, evidence_source: "user_report" });
  });

  it("an IPv6 source validates too, and other incident types get no X-ARF report", () => {
    expect(xarfErrors(buildXarfReport(scanInput({ sourceIp: "2001:db8::45" })))).toEqual([]);
    expect(buildXarfReport(scanInput({ type: "OTHER" }))).toBeNull();
  });

  it("the validator refuses a report that breaks the schema (so the checks above can fail)", () => {
    const { protocol: _dropped, ...withoutProtocol } = buildXarfReport(scanInput()) as Record<string, unknown>;
    expect(xarfErrors(withoutProtocol).join("\n")).toMatch(/protocol/);
    expect(xarfErrors({ ...withoutProtocol, protocol: "tcp", report_id: "not-a-uuid" }).join("\n")).toMatch(
      /report_id/,
    );
  });
});

describe("IODEF documents", () => {
  it("an SSH scan validates against iodef-2.0.xsd, with the special characters of the summary escaped", async () => {
    const xml = buildIodefDocument(scanInput());
    expect(await iodefErrors(xml)).toEqual([]);
    expect(xml).toContain("&lt;&amp;&gt; &quot;quoted&quot;");
    expect(xml).toContain(
      '<Address category="ipv4-addr">192.0.2.45</Address></Node><Service ip-protocol="6"><Port>51000</Port></Service>',
    );
  });

  it("a third-party report (no target address) and an IPv6 source validate", async () => {
    expect(await iodefErrors(buildIodefDocument(loginInput()))).toEqual([]);
    const v6 = buildIodefDocument(scanInput({ sourceIp: "2001:db8::45" }));
    expect(await iodefErrors(v6)).toEqual([]);
    expect(v6).toContain('category="ipv6-addr"');
  });

  it("the validator refuses a document that breaks the schema", async () => {
    const broken = buildIodefDocument(scanInput()).replace(/<GenerationTime>[^<]*<\/GenerationTime>/, "");
    expect((await iodefErrors(broken)).join("\n")).toMatch(/GenerationTime|Contact/);
  });
});

describe("report attachments", () => {
  it("attach what the organisation asked for", () => {
    const names = (formats: { xarf: boolean; iodef: boolean }) =>
      buildReportAttachments(scanInput(), formats).map((item) => `${item.filename} ${item.contentType}`);
    expect(names({ xarf: true, iodef: true })).toEqual([
      "csirt-1042-xarf.json application/json",
      "csirt-1042-iodef.xml application/xml",
    ]);
    expect(names({ xarf: false, iodef: true })).toEqual(["csirt-1042-iodef.xml application/xml"]);
    expect(names({ xarf: false, iodef: false })).toEqual([]);
  });
});
