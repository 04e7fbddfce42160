import { describe, expect, it } from "vitest";
import { TcpFlag } from "../flow";
import { detectFormat } from "./detect";
import { openFlowFile } from "./index";
import { parseTextLine } from "./line-parser";
import { NfdumpPipeParser } from "./nfdump-pipe";
import { fixture, readAll } from "./test-support";

const SESSION = TcpFlag.FIN | TcpFlag.SYN | TcpFlag.PSH | TcpFlag.ACK;

describe("nfdump -o pipe", () => {
  it("reads real nfdump 1.7.1 output (22 fields, epoch milliseconds, IPv4 in the fourth word)", async () => {
    // nfdump -r <nfcapd capture of the bench traffic> -q -o pipe 'proto tcp and dst port 22' -c 6
    const stream = await openFlowFile(fixture("nfdump-1.7.1-example.pipe.txt"));
    const flows = await readAll(stream);
    expect(stream.format).toBe("nfdump-pipe");
    expect(stream.stats).toMatchObject({ lines: 6, flows: 6, rejected: 0 });
    // -o csv of the same record: 2026-03-01 23:30:00,2026-03-01 23:37:56,476.078,29.247.248.155,103.51.99.176,58674,22,TCP,...AP.SF
    expect(flows[0]).toEqual({
      start: Date.UTC(2026, 2, 1, 23, 30, 0, 0),
      end: Date.UTC(2026, 2, 1, 23, 37, 56, 78),
      protocol: "TCP",
      srcAddr: "29.247.248.155",
      srcPort: 58674,
      dstAddr: "103.51.99.176",
      dstPort: 22,
      tcpFlags: SESSION,
      packets: 4893,
      bytes: 562695,
      line: 1,
    });
    expect(flows.map((flow) => flow.start - Date.UTC(2026, 2, 1, 23, 30))).toEqual([0, 1, 2, 29, 37, 42]);
  });

  it("reads IPv6 words, the 1.6.x layout (seconds and milliseconds apart) and skips 'No matching flows'", () => {
    const parser = new NfdumpPipeParser();
    // 2001:db8:10:1::99 -> 2001:db8:ffff:5d30::4f0e, as four 32-bit words each
    const ipv6 =
      "10|1799460227110|1799460227120|6|536939960|1048577|0|153|49408|536939960|4294925616|0|20238|22|0|0|0|0|2|0|1|80";
    expect(parseTextLine(parser, ipv6, 3)).toMatchObject({
      srcAddr: "2001:db8:10:1::99",
      dstAddr: "2001:db8:ffff:5d30::4f0e",
      dstPort: 22,
      tcpFlags: TcpFlag.SYN,
      start: 1799460227110,
      end: 1799460227120,
    });
    // nfdump 1.6.x bin/output_pipe.c: af|first|msec_first|last|msec_last|proto|sa0..3|sp|da0..3|dp|srcas|dstas|in|out|flags|tos|pkts|bytes
    const old = "2|1799460167|110|1799460168|5|17|0|0|0|3221226029|53|0|0|0|2886790772|49408|0|0|0|0|0|0|2|120";
    expect(parseTextLine(parser, old)).toMatchObject({
      start: 1799460167110,
      end: 1799460168005,
      protocol: "UDP",
      srcAddr: "192.0.2.45",
      dstAddr: "172.16.238.116",
      tcpFlags: 0,
      packets: 2,
      bytes: 120,
    });
    expect(parseTextLine(parser, "No matching flows")).toBeNull();
    expect(parseTextLine(parser, "2|1|2|6|0|0|0|1|22")).toMatch(/9 '\|'-separated fields, expected 22/);
    expect(parseTextLine(parser, ipv6.replace(/^10\|/, "7|"))).toMatch(/unknown address family/);
    expect(parseTextLine(parser, ipv6.replace("|4294925616|", "|4294967296|"))).toBe("invalid destination address");
  });

  it("is recognised by its line shape, not mistaken for SiLK", () => {
    expect(
      detectFormat([
        "2|1772407800000|1772408276078|6|0|0|0|502790299|58674|0|0|0|1731421104|22|0|0|0|0|27|0|4893|562695",
      ]),
    ).toBe("nfdump-pipe");
    expect(
      detectFormat(["2|1799460167|110|1799460168|5|17|0|0|0|3221226029|53|0|0|0|2886790772|49408|0|0|0|0|0|0|2|120"]),
    ).toBe("nfdump-pipe");
  });
});
