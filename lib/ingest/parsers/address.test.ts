import { describe, expect, it } from "vitest";
import { canonicalAddress, EndpointReader, parsePortOrIcmp } from "./address";

function endpoint(text: string): { address: string; port: number } | string {
  const reader = new EndpointReader();
  const bytes = Buffer.from(text);
  return reader.parse(bytes, 0, bytes.length) ? { address: reader.address, port: reader.port } : reader.error;
}

describe("canonicalAddress", () => {
  it("keeps canonical IPv4 and strips leading zeros", () => {
    expect(canonicalAddress("192.0.2.45")).toBe("192.0.2.45");
    expect(canonicalAddress("0.0.0.0")).toBe("0.0.0.0");
    expect(canonicalAddress("255.255.255.255")).toBe("255.255.255.255");
    expect(canonicalAddress("010.000.002.001")).toBe("10.0.2.1"); // SiLK --ip-format=zero-padded
    expect(canonicalAddress("192.000.002.045")).toBe("192.0.2.45");
  });

  it("rejects invalid IPv4", () => {
    for (const bad of ["256.1.1.1", "1.2.3", "1.2.3.4.5", "1..2.3", "1.2.3.4 ", "a.b.c.d", "1.2.3.0001", "", "."]) {
      expect(canonicalAddress(bad), bad).toBeNull();
    }
  });

  it("writes IPv6 in RFC 5952 form", () => {
    expect(canonicalAddress("2001:DB8:0:0:0:0:0:1")).toBe("2001:db8::1");
    expect(canonicalAddress("2001:0db8:0010:0001:0000:0000:0000:0099")).toBe("2001:db8:10:1::99");
    expect(canonicalAddress("2001:db8:0:1:1:1:1:1")).toBe("2001:db8:0:1:1:1:1:1"); // one zero group stays
    expect(canonicalAddress("2001:0:0:1:0:0:0:1")).toBe("2001:0:0:1::1"); // longest run wins
    expect(canonicalAddress("2001:db8:0:0:1:0:0:1")).toBe("2001:db8::1:0:0:1"); // first of equal runs
    expect(canonicalAddress("::")).toBe("::");
    expect(canonicalAddress("::1")).toBe("::1");
    expect(canonicalAddress("fe80::")).toBe("fe80::");
    expect(canonicalAddress("64:ff9b::192.0.2.33")).toBe("64:ff9b::c000:221");
  });

  it("writes an IPv4-mapped IPv6 address as the IPv4 host it is, in every spelling", () => {
    for (const mapped of [
      "::ffff:10.66.0.9",
      "::FFFF:10.66.0.9",
      "::ffff:a42:9",
      "0:0:0:0:0:ffff:0a42:0009",
      "0::ffff:10.66.0.9",
    ]) {
      expect(canonicalAddress(mapped), mapped).toBe("10.66.0.9");
    }
    // Only ::ffff:0:0/96 is mapped: the IPv4-compatible and NAT64 forms are other addresses.
    expect(canonicalAddress("::10.66.0.9")).toBe("::a42:9");
    expect(canonicalAddress("::fffe:10.66.0.9")).toBe("::fffe:a42:9");
  });

  it("rejects invalid IPv6", () => {
    for (const bad of [
      "2001:db8::1::2",
      "2001:db8:1:2:3:4:5:6:7",
      "2001:db8:12345::1",
      "2001:db8::g",
      ":1",
      "1:",
      "2001:db8:1:2:3:4:5",
      "fe80::1%eth0",
      "2001:db..0:1::99",
      "::ffff:300.1.1.1",
    ]) {
      expect(canonicalAddress(bad), bad).toBeNull();
    }
  });
});

describe("EndpointReader", () => {
  it("reads IPv4 address:port", () => {
    expect(endpoint("212.219.244.66:35556")).toEqual({ address: "212.219.244.66", port: 35556 });
  });

  it("reads both IPv6 notations", () => {
    expect(endpoint("[2001:DB8::1]:22")).toEqual({ address: "2001:db8::1", port: 22 });
    expect(endpoint("2001:db8::1.22")).toEqual({ address: "2001:db8::1", port: 22 });
    expect(endpoint("2001:db8:10:1::99.43812")).toEqual({ address: "2001:db8:10:1::99", port: 43812 });
    expect(endpoint("::ffff:192.0.2.1.22")).toEqual({ address: "192.0.2.1", port: 22 });
    expect(endpoint("[::ffff:10.66.0.9]:22")).toEqual({ address: "10.66.0.9", port: 22 });
  });

  it("reads nfdump's ICMP type.code in the port position as type * 256 + code", () => {
    expect(endpoint("203.0.113.1:8.0")).toEqual({ address: "203.0.113.1", port: 2048 });
    expect(endpoint("2001:db8::1.3.3")).toEqual({ address: "2001:db8::1", port: 771 });
    expect(parsePortOrIcmp(Buffer.from("70000"), 0, 5)).toBe(-1);
  });

  it("explains what is wrong", () => {
    expect(endpoint("192.0.2.1")).toMatch(/missing port/);
    expect(endpoint("192.0.2.256:22")).toMatch(/invalid address "192.0.2.256"/);
    expect(endpoint("192.0.2.1:99999")).toMatch(/invalid port/);
    expect(endpoint("2001:db..0:1::99.43812")).toMatch(/abbreviated by nfdump/);
    expect(endpoint("[2001:db8::1]22")).toMatch(/malformed bracketed/);
    expect(endpoint("2001:db8::1:22")).toMatch(/IPv6 endpoint needs/);
  });
});
