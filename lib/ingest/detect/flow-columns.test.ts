import { describe, expect, it } from "vitest";
import { FlowColumns } from "./flow-columns";
import { flow, probes, T0 } from "./test-support";

describe("FlowColumns", () => {
  it("gives back every flow as it was pushed, in order, through growths", () => {
    const flows = probes("192.0.2.45", 1000, { spanMs: 60_000 });
    flows[3] = {
      ...flows[3]!,
      origin: "nfcapd.202701090200",
      tcpFlags: 0xff,
      packets: 2 ** 40,
      bytes: 2 ** 50,
      end: flows[3]!.start + 1500,
    };
    flows[4] = { ...flows[4]!, dstAddr: "2001:db8::1", srcPort: 65535, dstPort: 22 };
    const columns = new FlowColumns("192.0.2.45", "TCP");
    for (const item of flows) columns.push(item);
    expect(columns.length).toBe(1000);
    expect([...columns]).toEqual(flows);
    expect(columns.at(3)).toEqual(flows[3]);
    expect(columns.at(5).origin).toBeUndefined();
    expect(columns.filter((item) => item.dstAddr === "2001:db8::1")).toEqual([flows[4]]);
  });

  it("grows up to its stated capacity and no further unless asked", () => {
    const columns = new FlowColumns("192.0.2.45", "TCP", 20);
    const flows = probes("192.0.2.45", 25);
    for (const item of flows) columns.push(item);
    expect([...columns]).toEqual(flows);
  });

  it("forgets its oldest rows, keeping the rest and their files, through compactions and growth", () => {
    const flows = probes("192.0.2.45", 500, { spanMs: 500_000 }).map((item, i) =>
      i % 10 === 0 ? { ...item, origin: `file-${i}` } : item,
    );
    const columns = new FlowColumns("192.0.2.45", "TCP");
    let next = 0;
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 60; i++) columns.push(flows[next++]!);
      for (let i = 0; i < 50; i++) columns.dropFirst();
    }
    for (const item of flows.slice(next)) columns.push(item);
    expect(columns.length).toBe(250);
    expect(columns.startAt(0)).toBe(flows[250]!.start);
    expect(columns.toArray()).toEqual(flows.slice(250));
    for (let i = 0; i < 300; i++) columns.dropFirst();
    expect(columns.length).toBe(0);
    columns.push(flows[0]!);
    expect(columns.toArray()).toEqual([flows[0]]);
  });

  it("refuses a flow of another source or protocol, and rows it does not have", () => {
    const columns = new FlowColumns("192.0.2.45", "TCP");
    expect(() => columns.push(flow({ srcAddr: "192.0.2.46" }))).toThrow(/192\.0\.2\.46/);
    expect(() => columns.push(flow({ protocol: "UDP" }))).toThrow(/UDP/);
    columns.push(flow({ start: T0 }));
    expect(columns.length).toBe(1);
    expect(() => columns.at(1)).toThrow(RangeError);
    expect(() => columns.at(-1)).toThrow(RangeError);
    expect(() => columns.push(flow({ srcPort: 65536 }))).toThrow(RangeError);
    expect(() => columns.push(flow({ tcpFlags: 256 }))).toThrow(RangeError);
    expect(columns.length).toBe(1);
  });
});
