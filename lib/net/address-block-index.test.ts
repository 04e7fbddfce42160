import { describe, expect, it } from "vitest";
import { AddressBlockIndex, type AddressBlock } from "./address-block-index";
import { cidrContainsAddress, parseCidr, type Cidr } from "./cidr";
import { formatIpv4 } from "./ipv4";
import { formatIpv6 } from "./ipv6";

describe("AddressBlockIndex", () => {
  const index = new AddressBlockIndex([
    { cidr: "192.0.2.0/24", organisationId: "college", blockId: "b1" },
    { cidr: "198.51.100.0/24", organisationId: "university" },
    { cidr: "2001:db8:10::/48", organisationId: "university", blockId: "b3" },
    { cidr: "10.0.0.0/16", organisationId: "a" },
    { cidr: "10.0.5.0/24", organisationId: "b" },
    { cidr: "10.0.5.128/25", organisationId: "c" },
    { cidr: "10.0.5.200/32", organisationId: "d" },
  ]);

  it("returns the longest matching prefix", () => {
    expect(index.lookup("192.0.2.45")).toEqual({ organisationId: "college", cidr: "192.0.2.0/24", blockId: "b1" });
    expect(index.lookup("198.51.100.1")).toEqual({
      organisationId: "university",
      cidr: "198.51.100.0/24",
      blockId: null,
    });
    expect(index.lookup("10.0.4.1")?.organisationId).toBe("a");
    expect(index.lookup("10.0.5.1")?.organisationId).toBe("b");
    expect(index.lookup("10.0.5.129")?.organisationId).toBe("c");
    expect(index.lookup("10.0.5.200")?.organisationId).toBe("d");
    expect(index.lookup("10.0.5.201")?.organisationId).toBe("c");
    expect(index.lookup("10.1.0.0")).toBeNull();
    expect(index.lookup("203.0.113.200")).toBeNull();
  });

  it("looks up IPv6, non-canonical and IPv4-mapped text", () => {
    expect(index.lookup("2001:db8:10:1::99")?.cidr).toBe("2001:db8:10::/48");
    expect(index.lookup("2001:DB8:0010:0001:0000::0099")?.blockId).toBe("b3");
    expect(index.lookup("2001:db8:11::1")).toBeNull();
    expect(index.lookup("::ffff:192.0.2.9")?.organisationId).toBe("college");
    expect(index.lookup("not-an-ip")).toBeNull();
    expect(index.lookup("")).toBeNull();
  });

  it("handles /0 and /32 blocks", () => {
    const routes = new AddressBlockIndex([
      { cidr: "0.0.0.0/0", organisationId: "everyone" },
      { cidr: "255.255.255.255/32", organisationId: "broadcast" },
      { cidr: "::/0", organisationId: "everyone6" },
    ]);
    expect(routes.lookup("1.2.3.4")?.organisationId).toBe("everyone");
    expect(routes.lookup("255.255.255.255")?.organisationId).toBe("broadcast");
    expect(routes.lookup("255.255.255.254")?.organisationId).toBe("everyone");
    expect(routes.lookup("2001:db8::1")?.organisationId).toBe("everyone6");
  });

  it("keeps the first of duplicate listings and reports the conflict", () => {
    const dup = new AddressBlockIndex([
      { cidr: "192.0.2.0/24", organisationId: "first" },
      { cidr: "192.0.2.9/24", organisationId: "second" },
      { cidr: "192.0.2.0/24", organisationId: "first" },
    ]);
    expect(dup.size).toBe(1);
    expect(dup.lookup("192.0.2.1")?.organisationId).toBe("first");
    expect(dup.conflicts).toHaveLength(1);
    expect(dup.conflicts[0]).toMatchObject({ cidr: "192.0.2.0/24", ignored: { organisationId: "second" } });
  });

  it("rejects an invalid block naming its position and organisation", () => {
    expect(
      () =>
        new AddressBlockIndex([
          { cidr: "192.0.2.0/24", organisationId: "x" },
          { cidr: "192.0.2.0/33", organisationId: "y" },
        ]),
    ).toThrow(/Address block #2 of organisation y: .*out of range/);
  });

  it("agrees with a brute-force reference on 20,000 random nested blocks (IPv4 and IPv6)", () => {
    const random = seededRandom(20240601);
    const blocks: AddressBlock[] = [];
    const parsed: Array<{ block: Cidr; organisationId: string }> = [];
    for (let i = 0; i < 20_000; i++) {
      const parent = parsed.length > 0 && random() < 0.3 ? parsed[Math.floor(random() * parsed.length)]!.block : null;
      const cidr = randomBlock(random, parent);
      const organisationId = `org-${i}`;
      blocks.push({ cidr, organisationId });
      parsed.push({ block: parseCidr(cidr), organisationId });
    }
    const index = new AddressBlockIndex(blocks);
    const firstListing = new Map<string, string>();
    for (const { block, organisationId } of parsed)
      if (!firstListing.has(block.cidr)) firstListing.set(block.cidr, organisationId);

    const addresses: string[] = [];
    for (let i = 0; i < 1_500; i++) {
      const inside = random() < 0.7;
      const block = parsed[Math.floor(random() * parsed.length)]!.block;
      addresses.push(
        inside
          ? randomAddressIn(random, block)
          : randomAddressIn(random, parseCidr(random() < 0.8 ? "0.0.0.0/0" : "2001:db8::/32")),
      );
    }
    let matched = 0;
    for (const address of addresses) {
      let best: Cidr | null = null;
      for (const { block } of parsed) {
        if ((best === null || block.prefixLength > best.prefixLength) && cidrContainsAddress(block, address))
          best = block;
      }
      const expected = best === null ? null : { cidr: best.cidr, organisationId: firstListing.get(best.cidr) };
      const actual = index.lookup(address);
      expect(actual && { cidr: actual.cidr, organisationId: actual.organisationId }, address).toEqual(expected);
      if (actual) matched++;
    }
    expect(matched).toBeGreaterThan(1_000);
  });
});

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomWord(random: () => number): number {
  return Math.floor(random() * 4294967296);
}

function randomBlock(random: () => number, parent: Cidr | null): string {
  const v6 = parent ? parent.version === 6 : random() < 0.25;
  const bits = v6 ? 128 : 32;
  const minimum = parent ? parent.prefixLength : v6 ? 24 : 8;
  const maximum = v6 ? 64 : 32;
  const prefixLength = Math.min(maximum, minimum + Math.floor(random() * (maximum - minimum + 1)));
  const base = parent ?? parseCidr(v6 ? "2001:db8::/32" : "0.0.0.0/0");
  return `${randomAddressIn(random, base)}/${Math.min(prefixLength, bits)}`;
}

function randomAddressIn(random: () => number, block: Cidr): string {
  const words = block.words.map((word, i) => {
    const fixedBits = Math.max(0, Math.min(32, block.prefixLength - 32 * i));
    const hostMask = fixedBits === 32 ? 0 : fixedBits === 0 ? 0xffffffff : (0xffffffff >>> fixedBits) >>> 0;
    return (word | (randomWord(random) & hostMask)) >>> 0;
  });
  return block.version === 4 ? formatIpv4(words[0]!) : formatIpv6([words[0]!, words[1]!, words[2]!, words[3]!]);
}
