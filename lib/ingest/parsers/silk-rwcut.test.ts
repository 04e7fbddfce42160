import { describe, expect, it } from "vitest";
import { TcpFlag } from "../flow";
import { openFlowFile, openFlowStream } from "./index";
import { chunked, fixture, readAll, utc } from "./test-support";

describe("SiLK rwcut default output (synthetic, layout from the notes)", () => {
  it("reads padded columns, protocol numbers, flag letters and SiLK times", async () => {
    const stream = await openFlowFile(fixture("silk-rwcut-example.txt"));
    const flows = await readAll(stream);
    expect(stream.format).toBe("silk-rwcut");
    expect(stream.stats).toMatchObject({ lines: 7, flows: 5, skipped: 1, rejected: 1 });
    // 10.0.0.1|10.0.0.2| 9998|33342|  6|  8|  447|   PA   |2023/10/30T18:49:20.567|    8.201|2023/10/30T18:49:28.768|S0 |
    expect(flows[0]).toEqual({
      start: utc("2023-10-30T18:49:20.567"),
      end: utc("2023-10-30T18:49:28.768"),
      protocol: "TCP",
      srcAddr: "10.0.0.1",
      srcPort: 9998,
      dstAddr: "10.0.0.2",
      dstPort: 33342,
      tcpFlags: TcpFlag.PSH | TcpFlag.ACK,
      packets: 8,
      bytes: 447,
      line: 2,
    });
    expect(flows[1]).toMatchObject({ srcAddr: "192.0.2.45", dstPort: 22, tcpFlags: TcpFlag.SYN });
    expect(flows[2]?.tcpFlags).toBe(TcpFlag.FIN | TcpFlag.SYN | TcpFlag.PSH | TcpFlag.ACK);
    expect(flows[3]).toMatchObject({ srcAddr: "2001:db8:10:1::99", dstAddr: "2001:db8:ffff:5d30::4f0e" });
    expect(flows[4]).toMatchObject({ protocol: "UDP", tcpFlags: 0, dstPort: 53 });
    expect(stream.stats.rejectedSamples).toEqual([{ line: 7, reason: 'invalid flags " S  Q   "' }]);
  });

  it("follows a --fields selection through the titles, and reads epoch times", async () => {
    const text = [
      "        sIP|        dIP|sPort|dPort|pro|                  sTime| dur|",
      "  192.0.2.1|192.0.2.200|40000|   22|  6|         1698691760.567|   1|",
    ].join("\n");
    const flows = await readAll(await openFlowStream(chunked(text, 5)));
    expect(flows).toEqual([
      {
        start: utc("2023-10-30T18:49:20.567"),
        end: utc("2023-10-30T18:49:21.567"),
        protocol: "TCP",
        srcAddr: "192.0.2.1",
        srcPort: 40000,
        dstAddr: "192.0.2.200",
        dstPort: 22,
        tcpFlags: 0,
        packets: 0,
        bytes: 0,
        line: 2,
      },
    ]);
  });
});
