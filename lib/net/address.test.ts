import { describe, expect, it } from "vitest";
import { canonicalIpAddress, parseIpAddress, unmapIpv4 } from "./address";
import { formatIpv4, parseIpv4 } from "./ipv4";
import { formatIpv6, parseIpv6, type Ipv6Words } from "./ipv6";

describe("parseIpv4", () => {
  it.each([
    ["0.0.0.0", 0],
    ["192.0.2.1", 0xc0000201],
    ["255.255.255.255", 0xffffffff],
    ["10.0.0.10", 0x0a00000a],
  ])("parses %s", (text, value) => {
    expect(parseIpv4(text)).toBe(value);
    expect(formatIpv4(value)).toBe(text);
  });

  it.each([
    "",
    "1.2.3",
    "1.2.3.4.5",
    "256.1.1.1",
    "1.2.3.-4",
    "01.2.3.4",
    "1.2.3.04",
    "1..2.3",
    "1.2.3.4 ",
    " 1.2.3.4",
    "1.2.3.a",
    "::1",
    "1.2.3.4/24",
    "1000.1.1.1",
  ])("rejects %j", (text) => expect(parseIpv4(text)).toBe(-1));
});

describe("parseIpv6 / formatIpv6 (RFC 5952)", () => {
  it.each([
    ["2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"],
    ["2001:DB8::1", "2001:db8::1"],
    ["2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"],
    ["2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"],
    ["2001:db8::", "2001:db8::"],
    ["::", "::"],
    ["::1", "::1"],
    ["1::", "1::"],
    ["0:0:1:0:0:0:1:0", "0:0:1::1:0"],
    ["1:0:0:2:0:0:3:4", "1::2:0:0:3:4"],
    ["::ffff:192.0.2.1", "192.0.2.1"],
    ["::ffff:c000:0201", "192.0.2.1"],
    ["64:ff9b::192.0.2.33", "64:ff9b::c000:221"],
    ["2001:db8:10:1::99", "2001:db8:10:1::99"],
  ])("canonicalises %s", (text, canonical) => {
    expect(canonicalIpAddress(text)).toBe(canonical);
  });

  it.each([
    "",
    ":",
    ":::",
    "1:2",
    "1::2::3",
    ":1::2",
    "1::2:",
    "1:2:3:4:5:6:7:8:9",
    "1:2:3:4:5:6:7::8:9",
    "12345::1",
    "g::1",
    "fe80::1%eth0",
    "[2001:db8::1]",
    "1:2:3:4:5:6:7:1.2.3.4",
    "::1.2.3",
    "::256.1.1.1",
    "1.2.3.4::",
    "2001:db8::1/64",
  ])("rejects %j", (text) => {
    expect(parseIpv6(text)).toBeNull();
  });

  it("formats like the WHATWG URL serialiser for random addresses with zero runs", () => {
    let seed = 99;
    const random16 = () => {
      seed = (seed * 48271) % 2147483647;
      return seed % 4 === 0 ? seed & 0xffff : 0;
    };
    for (let n = 0; n < 2000; n++) {
      const groups = Array.from({ length: 8 }, random16);
      const words = [0, 1, 2, 3].map((i) => groups[2 * i]! * 0x10000 + groups[2 * i + 1]!) as Ipv6Words;
      if (words[0] === 0 && words[1] === 0 && words[2] === 0xffff) continue;
      const expected = new URL(`http://[${groups.map((g) => g.toString(16)).join(":")}]/`).hostname.slice(1, -1);
      expect(formatIpv6(words)).toBe(expected);
      expect(parseIpv6(expected)).toEqual(words);
    }
  });
});

describe("parseIpAddress", () => {
  it("tells the versions apart and reads IPv4-mapped addresses as IPv4, once, at parse time", () => {
    expect(parseIpAddress("192.0.2.1")).toEqual({ version: 4, words: [0xc0000201] });
    expect(parseIpAddress("::ffff:192.0.2.1")).toEqual({ version: 4, words: [0xc0000201] });
    expect(parseIpAddress("::FFFF:c000:201")).toEqual({ version: 4, words: [0xc0000201] });
    expect(parseIpAddress("::fffe:c000:201")?.version).toBe(6);
    expect(unmapIpv4({ version: 6, words: [0, 0, 0xffff, 0xc0000201] })).toEqual({ version: 4, words: [0xc0000201] });
    expect(parseIpAddress("not an address")).toBeNull();
  });
});
