import { describe, expect, it } from "vitest";
import { TcpFlag, type FlowRecord } from "../flow";
import { flowsToCsv, formatFlowLine, formatLogSample, formatTcpFlags, summarySentence } from "./sample";

const A = TcpFlag.ACK;
const S = TcpFlag.SYN;
const F = TcpFlag.FIN;

function seedFlow(
  time: string,
  src: string,
  srcPort: number,
  dst: string,
  flags: number,
  packets: number,
  bytes: number,
  day = "2010-08-13",
): FlowRecord {
  const start = Date.parse(`${day}T${time}Z`);
  return {
    start,
    end: start,
    protocol: "TCP",
    srcAddr: src,
    srcPort,
    dstAddr: dst,
    dstPort: 22,
    tcpFlags: flags,
    packets,
    bytes,
    line: 0,
  };
}

const seedHead = [
  seedFlow("21:11:03", "212.219.244.66", 35556, "194.198.16.41", A | F, 1, 52),
  seedFlow("21:11:03", "212.219.244.66", 35357, "194.198.17.129", A | S | F, 2, 100),
  seedFlow("21:11:03", "212.219.244.66", 60273, "194.198.16.12", A | F, 1, 52),
];
const seedTail = [
  seedFlow("21:41:11", "212.219.244.66", 60246, "194.198.254.192", S, 1, 60),
  seedFlow("21:41:12", "212.219.244.66", 35930, "194.198.255.159", S, 1, 60),
  seedFlow("21:41:12", "212.219.244.66", 37777, "194.198.255.98", S, 1, 60),
];

const LEGEND =
  "{start_day}{start_time}Z {protocol} {srcaddress}:{srcport} -> {dstaddress}:{dstport} {str_tcp_flags} {dpackets} {doctets}";

describe("formatFlowLine", () => {
  it("writes the seed's flow lines exactly", () => {
    expect(seedHead.map(formatFlowLine)).toEqual([
      "21:11:03Z TCP 212.219.244.66:35556 -> 194.198.16.41:22 -A---F 1 52",
      "21:11:03Z TCP 212.219.244.66:35357 -> 194.198.17.129:22 -A--SF 2 100",
      "21:11:03Z TCP 212.219.244.66:60273 -> 194.198.16.12:22 -A---F 1 52",
    ]);
    expect(formatFlowLine(seedTail[0]!)).toBe("21:41:11Z TCP 212.219.244.66:60246 -> 194.198.254.192:22 ----S- 1 60");
  });

  it("brackets IPv6 addresses and truncates sub-second times", () => {
    const flow: FlowRecord = {
      start: Date.parse("2027-01-09T02:02:47.875Z"),
      end: 0,
      protocol: "TCP",
      srcAddr: "2001:db8:10:1::99",
      srcPort: 50123,
      dstAddr: "2001:db8:ffff::1",
      dstPort: 22,
      tcpFlags: S,
      packets: 1,
      bytes: 80,
      line: 7,
    };
    expect(formatFlowLine(flow)).toBe("02:02:47Z TCP [2001:db8:10:1::99]:50123 -> [2001:db8:ffff::1]:22 ----S- 1 80");
  });

  it("writes all six flags in UAPRSF order and ignores ECE/CWR", () => {
    expect(formatTcpFlags(0x3f)).toBe("UAPRSF");
    expect(formatTcpFlags(0)).toBe("------");
    expect(formatTcpFlags(TcpFlag.CWR | TcpFlag.ECE | TcpFlag.RST)).toBe("---R--");
    expect(formatTcpFlags(TcpFlag.ACK | TcpFlag.PSH, ".")).toBe(".AP...");
  });
});

describe("formatLogSample", () => {
  it("reproduces the seed's log sample (legend on one line)", () => {
    expect(formatLogSample(seedHead, seedTail, { omitted: 18315 })).toBe(
      [
        "2010-08-13",
        "21:11:03Z TCP 212.219.244.66:35556 -> 194.198.16.41:22 -A---F 1 52",
        "21:11:03Z TCP 212.219.244.66:35357 -> 194.198.17.129:22 -A--SF 2 100",
        "21:11:03Z TCP 212.219.244.66:60273 -> 194.198.16.12:22 -A---F 1 52",
        ". . .",
        "2010-08-13",
        "21:41:11Z TCP 212.219.244.66:60246 -> 194.198.254.192:22 ----S- 1 60",
        "21:41:12Z TCP 212.219.244.66:35930 -> 194.198.255.159:22 ----S- 1 60",
        "21:41:12Z TCP 212.219.244.66:37777 -> 194.198.255.98:22 ----S- 1 60",
        "Legend:",
        LEGEND,
      ].join("\n"),
    );
  });

  it("leaves out the separator when nothing was omitted", () => {
    const text = formatLogSample(seedHead, seedTail.slice(0, 1));
    expect(text).not.toContain(". . .");
    expect(text.split("\n").filter((line) => line === "2010-08-13")).toHaveLength(2);
  });

  it("writes a date line whenever the UTC day changes", () => {
    const flows = [
      seedFlow("23:59:59", "192.0.2.45", 1, "198.18.0.1", S, 1, 40, "2027-01-09"),
      seedFlow("00:00:00", "192.0.2.45", 2, "198.18.0.2", S, 1, 40, "2027-01-10"),
      seedFlow("00:00:01", "192.0.2.45", 3, "198.18.0.3", S, 1, 40, "2027-01-10"),
    ];
    expect(formatLogSample(flows, []).split("\n")).toEqual([
      "2027-01-09",
      "23:59:59Z TCP 192.0.2.45:1 -> 198.18.0.1:22 ----S- 1 40",
      "2027-01-10",
      "00:00:00Z TCP 192.0.2.45:2 -> 198.18.0.2:22 ----S- 1 40",
      "00:00:01Z TCP 192.0.2.45:3 -> 198.18.0.3:22 ----S- 1 40",
      "Legend:",
      LEGEND,
    ]);
  });

  it("can be read back as date lines and flow lines", () => {
    const v6 = { ...seedTail[2]!, srcAddr: "2001:db8:10:1::99", dstAddr: "2001:db8::7" };
    const flows = [...seedHead, ...seedTail, v6];
    const text = formatLogSample(flows.slice(0, 3), flows.slice(3), { omitted: 5 });
    const flowLine =
      /^(\d\d:\d\d:\d\d)Z (\S+) (\[[0-9a-f:.]+\]|[\d.]+):(\d+) -> (\[[0-9a-f:.]+\]|[\d.]+):(\d+) ([-UAPRSF]{6}) (\d+) (\d+)$/;
    let day = "";
    const parsed: Array<Partial<FlowRecord>> = [];
    for (const line of text.split("\n")) {
      if (/^\d{4}-\d\d-\d\d$/.test(line)) {
        day = line;
        continue;
      }
      const m = flowLine.exec(line);
      if (m === null) continue;
      parsed.push({
        start: Date.parse(`${day}T${m[1]}Z`),
        srcAddr: m[3]!.replace(/^\[|\]$/g, ""),
        srcPort: Number(m[4]),
        dstAddr: m[5]!.replace(/^\[|\]$/g, ""),
        packets: Number(m[8]),
        bytes: Number(m[9]),
      });
    }
    expect(parsed).toEqual(
      flows.map(({ start, srcAddr, srcPort, dstAddr, packets, bytes }) => ({
        start,
        srcAddr,
        srcPort,
        dstAddr,
        packets,
        bytes,
      })),
    );
  });
});

describe("summarySentence", () => {
  it("matches the seed's notification sentence", () => {
    expect(
      summarySentence({
        organisationName: "Harwell College",
        sourceIp: "212.219.244.66",
        port: 22,
        protocol: "tcp",
        flows: 18321,
        firstSeen: Date.parse("2010-08-13T21:10:43.250Z"),
        lastSeen: Date.parse("2010-08-13T21:42:26Z"),
      }),
    ).toBe(
      "An IP at Harwell College, 212.219.244.66 was scanning for port 22/tcp sending at least 18321 flows between 2010-08-13T21:10:43+00:00 and 2010-08-13T21:42:26+00:00.",
    );
  });
});

describe("flowsToCsv", () => {
  it("writes a header and RFC 4180 rows with CRLF", () => {
    const csv = flowsToCsv([{ ...seedHead[1]!, line: 12 }]);
    expect(csv).toBe(
      "start,end,protocol,src_addr,src_port,dst_addr,dst_port,tcp_flags,packets,bytes,line\r\n" +
        "2010-08-13T21:11:03.000Z,2010-08-13T21:11:03.000Z,TCP,212.219.244.66,35357,194.198.17.129,22,.A..SF,2,100,12\r\n",
    );
  });

  it("quotes and neutralises hostile text cells", () => {
    const csv = flowsToCsv([
      { ...seedHead[0]!, protocol: 'A,"B"' },
      { ...seedHead[0]!, protocol: "=HYPERLINK(1)" },
    ]);
    const rows = csv.split("\r\n");
    expect(rows[1]).toContain(',"A,""B""",');
    expect(rows[2]).toContain(",'=HYPERLINK(1),");
    expect(rows).toHaveLength(4);
    expect(rows[3]).toBe("");
  });

  it("writes only the header for no flows", () => {
    expect(flowsToCsv([])).toBe(
      "start,end,protocol,src_addr,src_port,dst_addr,dst_port,tcp_flags,packets,bytes,line\r\n",
    );
  });
});
