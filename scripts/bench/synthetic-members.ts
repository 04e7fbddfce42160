/**
 * 1,000 member organisations holding 20,000 address blocks: IPv4 /16–/28 spread over the
 * unicast space (most of them /20–/24) and IPv6 /48s, plus pickers for addresses inside
 * and outside member space.
 */
import { AddressBlockIndex, formatIpv4, formatIpv6, type Ipv6Words } from "../../lib/net";
import type { TContactImport, TOrgImport } from "../../lib/orgs/parse-organisations-csv";
import type { SeededRandom } from "./random";

export const ORGANISATION_COUNT = 1_000;
export const BLOCK_COUNT = 20_000;
const IPV6_BLOCK_COUNT = 1_000;

/** [prefix length, weight]: mostly /20–/24, a few /16s and /28s. */
const IPV4_PREFIX_WEIGHTS: readonly [number, number][] = [
  [16, 1],
  [17, 2],
  [18, 3],
  [19, 5],
  [20, 8],
  [21, 10],
  [22, 12],
  [23, 15],
  [24, 25],
  [25, 6],
  [26, 5],
  [27, 4],
  [28, 4],
];
const FIRST_IPV4 = 2 * 2 ** 24;
const LAST_IPV4 = 223 * 2 ** 24 - 1;
const LOOPBACK_TOP_OCTET = 127;

const KINDS = [
  "University",
  "College",
  "Hogeschool",
  "Research Institute",
  "Hospital",
  "Library",
  "School Board",
  "Observatory",
];
const PLACES = [
  "Northbridge",
  "Eastfield",
  "Westmoor",
  "Southport",
  "Highcliff",
  "Lowdale",
  "Riverside",
  "Oakham",
  "Ashby",
  "Kingsford",
  "Marlow",
  "Redhill",
  "Stonebury",
  "Fairhaven",
  "Greywater",
  "Elmstead",
  "Brightwell",
  "Coldharbour",
  "Dunmore",
  "Foxley",
];
const COUNTRIES = ["NL", "BE", "DE", "FR", "GB", "IE", "DK", "SE", "NO", "FI"];

export interface Ipv4Block {
  network: number;
  size: number;
}

export class SyntheticMembers {
  readonly organisations: TOrgImport[];
  readonly index: AddressBlockIndex;
  private readonly ipv4Blocks: Ipv4Block[] = [];
  private readonly ipv6Prefixes: [number, number][] = [];

  constructor(private readonly random: SeededRandom) {
    this.organisations = makeOrganisations(random);
    this.allocateIpv4(BLOCK_COUNT - IPV6_BLOCK_COUNT);
    this.allocateIpv6(IPV6_BLOCK_COUNT);
    const cidrs = [
      ...this.ipv4Blocks.map((block) => `${formatIpv4(block.network)}/${32 - Math.log2(block.size)}`),
      ...this.ipv6Prefixes.map(([high, middle]) => `${formatIpv6([high, middle, 0, 0])}/48`),
    ];
    cidrs.forEach((cidr, position) => {
      // Every organisation gets one block, the rest go mostly to the larger ones.
      const owner = position < ORGANISATION_COUNT ? position : Math.floor(ORGANISATION_COUNT * random.next() ** 2);
      this.organisations[owner]!.blocks.push(cidr);
    });
    this.index = new AddressBlockIndex(
      this.organisations.flatMap((organisation) =>
        organisation.blocks.map((cidr) => ({ cidr, organisationId: organisation.slug })),
      ),
    );
  }

  memberIpv4(): number {
    const block = this.random.pick(this.ipv4Blocks);
    return (block.network + this.random.below(block.size)) >>> 0;
  }

  memberIpv6(): Ipv6Words {
    const [high, middle] = this.random.pick(this.ipv6Prefixes);
    return [high, (middle | this.random.below(0x10000)) >>> 0, 0, this.random.between(1, 0xffff)];
  }

  outsideIpv4(): number {
    for (;;) {
      const address = FIRST_IPV4 + this.random.below(LAST_IPV4 - FIRST_IPV4);
      if (address >>> 24 !== LOOPBACK_TOP_OCTET && this.index.lookupIpv4(address) === null) return address;
    }
  }

  /** 2600::/8-ish; members are in 2a00::/12. */
  outsideIpv6(): Ipv6Words {
    return [
      (0x26000000 + this.random.below(0x01000000)) >>> 0,
      this.random.uint32(),
      this.random.uint32(),
      this.random.uint32(),
    ];
  }

  private allocateIpv4(count: number): void {
    const totalWeight = IPV4_PREFIX_WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);
    let cursor = FIRST_IPV4;
    for (let i = 0; i < count; i++) {
      const size = 2 ** (32 - weightedPrefix(this.random.below(totalWeight)));
      cursor = Math.ceil(cursor / size) * size;
      if (cursor >>> 24 === LOOPBACK_TOP_OCTET) cursor = (LOOPBACK_TOP_OCTET + 1) * 2 ** 24;
      if (cursor + size > LAST_IPV4) throw new Error("synthetic members: IPv4 space exhausted");
      this.ipv4Blocks.push({ network: cursor, size });
      cursor += size + this.random.below(300_000);
    }
  }

  private allocateIpv6(count: number): void {
    const seen = new Set<string>();
    while (this.ipv6Prefixes.length < count) {
      const high = (0x2a000000 + this.random.below(0x00100000)) >>> 0;
      const middle = (this.random.below(0x10000) << 16) >>> 0;
      const key = `${high}:${middle}`;
      if (seen.has(key)) continue;
      seen.add(key);
      this.ipv6Prefixes.push([high, middle]);
    }
  }
}

function weightedPrefix(ticket: number): number {
  for (const [prefix, weight] of IPV4_PREFIX_WEIGHTS) {
    if (ticket < weight) return prefix;
    ticket -= weight;
  }
  return 24;
}

function makeOrganisations(random: SeededRandom): TOrgImport[] {
  const names = new Set<string>();
  const organisations: TOrgImport[] = [];
  while (organisations.length < ORGANISATION_COUNT) {
    const base = `${random.pick(PLACES)} ${random.pick(KINDS)}`;
    let name = base;
    for (let n = 2; names.has(name); n++) name = `${base} ${n}`;
    names.add(name);
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
    const contacts: TContactImport[] = [
      {
        name: "Security desk",
        email: `security@${slug}.example`,
        role: "security",
        phone: `+31 20 555 ${String(organisations.length).padStart(4, "0")}`,
      },
    ];
    if (random.next() < 0.5)
      contacts.push({ name: "Abuse desk", email: `abuse@${slug}.example`, role: "abuse", phone: null });
    organisations.push({
      name,
      slug,
      country: random.pick(COUNTRIES),
      notificationPolicy: random.next() < 0.8 ? "automatic" : "hold",
      blocks: [],
      contacts,
    });
  }
  return organisations;
}
