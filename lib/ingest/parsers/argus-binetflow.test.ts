import { expect, it } from "vitest";
import { TcpFlag } from "../flow";
import { openFlowFile } from "./index";
import { describeWithShared, readAll, sharedSample, utc } from "./test-support";

const SAMPLE = "stratosphere-test3-mixed.binetflow";

describeWithShared(`samples/${SAMPLE}`, "Argus / CTU-13 binetflow (real Stratosphere sample)", () => {
  it("reads all 89 flows", async () => {
    // grep -c '^2018' = 89; protocols (awk -F, '{print $3}'): 80 tcp, 6 ipv6-icmp, 2 udp, 1 icmp
    const stream = await openFlowFile(sharedSample(SAMPLE));
    const flows = await readAll(stream);
    expect(stream.format).toBe("argus-binetflow");
    expect(stream.stats).toMatchObject({ lines: 90, flows: 89, skipped: 1, rejected: 0 });
    const byProtocol = (protocol: string) => flows.filter((flow) => flow.protocol === protocol).length;
    expect([byProtocol("TCP"), byProtocol("ICMP6"), byProtocol("UDP"), byProtocol("ICMP")]).toEqual([80, 6, 2, 1]);
  });

  it("reads times, ports and State-derived flags", async () => {
    const flows = await readAll(await openFlowFile(sharedSample(SAMPLE)));
    const line = (n: number) => flows.find((flow) => flow.line === n);
    // 2018/12/18 14:00:00.075359,0.000000,tcp,216.73.23.146,52691,   ->,147.32.81.57,445,S_,0,0,1,70,70,1,
    expect(line(2)).toEqual({
      start: utc("2018-12-18T14:00:00.075"),
      end: utc("2018-12-18T14:00:00.075"),
      protocol: "TCP",
      srcAddr: "216.73.23.146",
      srcPort: 52691,
      dstAddr: "147.32.81.57",
      dstPort: 445,
      tcpFlags: TcpFlag.SYN,
      packets: 1,
      bytes: 70,
      line: 2,
    });
    // 2018/12/18 14:00:00.527012,0.699716,tcp,...,S_RA,...,2,134,70,1,  (the RA is the destination's)
    expect(line(3)).toMatchObject({
      end: utc("2018-12-18T14:00:01.227"),
      tcpFlags: TcpFlag.SYN,
      packets: 2,
      bytes: 134,
    });
    // IPv6: 2001:718:2:1634:96de:80ff:fe7a:bdf0,47428 -> 2a00:1450:400c:c00::bd,443, SPA_SPA
    expect(line(4)).toMatchObject({
      srcAddr: "2001:718:2:1634:96de:80ff:fe7a:bdf0",
      dstAddr: "2a00:1450:400c:c00::bd",
      tcpFlags: TcpFlag.SYN | TcpFlag.PSH | TcpFlag.ACK,
    });
    // icmp with hex "ports": 168.1.206.67,0x0008,  <->,147.32.87.1,0x0f72,ECO
    expect(line(18)).toMatchObject({ protocol: "ICMP", srcPort: 8, dstPort: 0x0f72, tcpFlags: 0 });
    // FSA_ and a udp CON state
    expect(line(28)?.tcpFlags).toBe(TcpFlag.FIN | TcpFlag.SYN | TcpFlag.ACK);
    expect(line(59)).toMatchObject({ protocol: "UDP", tcpFlags: 0, dstPort: 1947 });
  });

  it("has the SSH flows: 12 from 147.32.84.147 and one from 54.192.46.116", async () => {
    const flows = await readAll(await openFlowFile(sharedSample(SAMPLE)));
    const ssh = flows.filter((flow) => flow.dstPort === 22);
    expect(ssh).toHaveLength(13);
    expect(ssh.filter((flow) => flow.srcAddr === "147.32.84.147")).toHaveLength(12);
  });
});
