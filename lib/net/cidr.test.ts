import { describe, expect, it } from "vitest";
import {
  CidrError,
  cidrContainsAddress,
  cidrContainsCidr,
  cidrsOverlap,
  parseCidr,
  parseCidrOrAddress,
  tryParseCidr,
} from "./cidr";

describe("parseCidr", () => {
  it("normalises IPv4 and IPv6 blocks", () => {
    expect(parseCidr("192.0.2.0/24")).toMatchObject({
      version: 4,
      prefixLength: 24,
      network: "192.0.2.0",
      cidr: "192.0.2.0/24",
      hostBitsSet: false,
    });
    expect(parseCidr(" 2001:DB8:10:0000::/48 ")).toMatchObject({
      version: 6,
      prefixLength: 48,
      cidr: "2001:db8:10::/48",
      hostBitsSet: false,
    });
    expect(parseCidr("0.0.0.0/0").cidr).toBe("0.0.0.0/0");
    expect(parseCidr("::/0").cidr).toBe("::/0");
    expect(parseCidr("192.0.2.7/32").cidr).toBe("192.0.2.7/32");
  });

  it("reads an IPv4-mapped block or address as the IPv4 block", () => {
    expect(parseCidr("::ffff:10.66.0.0/112")).toMatchObject({ version: 4, cidr: "10.66.0.0/16", prefixLength: 16 });
    expect(parseCidr("::ffff:10.66.0.9/128").cidr).toBe("10.66.0.9/32");
    expect(parseCidrOrAddress("::ffff:10.66.0.9").cidr).toBe("10.66.0.9/32");
    expect(() => parseCidr("::ffff:10.66.0.0/80")).toThrow(/outside the IPv4-mapped range/);
    expect(() => parseCidr("::ffff:10.66.0.0/129")).toThrow(/out of range for IPv6 \(0 to 128\)/);
  });

  it("accepts host bits but reports them", () => {
    const block = parseCidr("192.0.2.77/24");
    expect(block.cidr).toBe("192.0.2.0/24");
    expect(block.hostBitsSet).toBe(true);
    const v6 = parseCidr("2001:db8:10:1::99/48");
    expect(v6.cidr).toBe("2001:db8:10::/48");
    expect(v6.hostBitsSet).toBe(true);
    expect(parseCidr("10.1.2.3/15").cidr).toBe("10.0.0.0/15");
  });

  it.each([
    ["192.0.2.0/33", /prefix length 33 is out of range for IPv4 \(0 to 32\)/],
    ["2001:db8::/129", /prefix length 129 is out of range for IPv6 \(0 to 128\)/],
    ["192.0.2.0/-1", /not a whole number from 0 to 32/],
    ["192.0.2.0/24.5", /not a whole number/],
    ["192.0.2.0/", /not a whole number/],
    ["192.0.2.0/24/8", /not a whole number/],
    ["192.0.2.256/24", /"192\.0\.2\.256" is not a valid IPv4 or IPv6 address/],
    ["/24", /"" is not a valid/],
    ["example.org/24", /not a valid IPv4 or IPv6 address/],
    ["192.0.2.0", /has no prefix length; write 192\.0\.2\.0\/32/],
    ["", /empty/],
    ["fe80::1%eth0/64", /zone identifiers/],
  ])("rejects %j with a clear message", (text, message) => {
    expect(() => parseCidr(text)).toThrow(CidrError);
    expect(() => parseCidr(text)).toThrow(message);
  });

  it("tryParseCidr returns the message instead of throwing", () => {
    expect(tryParseCidr("192.0.2.0/40")).toEqual({
      ok: false,
      error: '"192.0.2.0/40": prefix length 40 is out of range for IPv4 (0 to 32).',
    });
    const result = tryParseCidr("192.0.2.9", { allowBareAddress: true });
    expect(result.ok && result.cidr.cidr).toBe("192.0.2.9/32");
  });

  it("parseCidrOrAddress reads a bare address as a single host", () => {
    expect(parseCidrOrAddress("2001:db8::1").cidr).toBe("2001:db8::1/128");
    expect(parseCidrOrAddress("198.51.100.0/24").cidr).toBe("198.51.100.0/24");
  });
});

describe("containment and overlap", () => {
  const college = parseCidr("192.0.2.0/24");
  const university6 = parseCidr("2001:db8:10::/48");

  it("checks addresses against blocks of the same family", () => {
    expect(cidrContainsAddress(college, "192.0.2.0")).toBe(true);
    expect(cidrContainsAddress(college, "192.0.2.255")).toBe(true);
    expect(cidrContainsAddress(college, "192.0.3.0")).toBe(false);
    expect(cidrContainsAddress(college, "192.0.1.255")).toBe(false);
    expect(cidrContainsAddress(college, "::ffff:192.0.2.9")).toBe(true);
    expect(cidrContainsAddress(college, "2001:db8:10::1")).toBe(false);
    expect(cidrContainsAddress(university6, "2001:db8:10:ffff:ffff:ffff:ffff:ffff")).toBe(true);
    expect(cidrContainsAddress(university6, "2001:db8:11::")).toBe(false);
    expect(cidrContainsAddress(university6, "192.0.2.1")).toBe(false);
    expect(cidrContainsAddress(parseCidr("0.0.0.0/0"), "203.0.113.9")).toBe(true);
    expect(cidrContainsAddress(college, "garbage")).toBe(false);
  });

  it("checks block containment", () => {
    expect(cidrContainsCidr(parseCidr("10.0.0.0/8"), parseCidr("10.20.0.0/16"))).toBe(true);
    expect(cidrContainsCidr(parseCidr("10.20.0.0/16"), parseCidr("10.0.0.0/8"))).toBe(false);
    expect(cidrContainsCidr(college, college)).toBe(true);
    expect(cidrContainsCidr(parseCidr("2001:db8::/32"), university6)).toBe(true);
    expect(cidrContainsCidr(parseCidr("2001:db8:10::/64"), university6)).toBe(false);
  });

  it("finds overlap between blocks", () => {
    expect(cidrsOverlap(parseCidr("10.0.0.0/8"), parseCidr("10.255.255.0/24"))).toBe(true);
    expect(cidrsOverlap(parseCidr("10.255.255.0/24"), parseCidr("10.0.0.0/8"))).toBe(true);
    expect(cidrsOverlap(parseCidr("192.0.2.0/25"), parseCidr("192.0.2.128/25"))).toBe(false);
    expect(cidrsOverlap(parseCidr("192.0.2.0/23"), parseCidr("192.0.3.128/25"))).toBe(true);
    expect(cidrsOverlap(parseCidr("2001:db8:10::/48"), parseCidr("2001:db8:10:8000::/49"))).toBe(true);
    expect(cidrsOverlap(parseCidr("2001:db8:10::/48"), parseCidr("2001:db8:11::/48"))).toBe(false);
    expect(cidrsOverlap(parseCidr("0.0.0.0/0"), parseCidr("::/0"))).toBe(false);
  });
});
