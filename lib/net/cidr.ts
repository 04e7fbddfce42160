import { addressBitLength, formatIpAddress, parseIpAddress, unmapIpv4, type IpAddress } from "./address";

export class CidrError extends Error {
  override name = "CidrError";
}

export interface Cidr {
  readonly version: 4 | 6;
  /** Network address with host bits cleared: one 32-bit word for IPv4, four for IPv6. */
  readonly words: readonly number[];
  readonly prefixLength: number;
  /** Canonical network address, e.g. "192.0.2.0". */
  readonly network: string;
  /** Canonical block, e.g. "192.0.2.0/24". */
  readonly cidr: string;
  /** The text had bits set below the prefix ("192.0.2.7/24"); the block was normalised, a UI may warn. */
  readonly hostBitsSet: boolean;
}

/** Parses "address/prefix". Throws CidrError with a message fit to show a user. */
export function parseCidr(text: string): Cidr {
  return parse(text, false);
}

/** Like parseCidr, but a bare address means a single-host block (/32 or /128). */
export function parseCidrOrAddress(text: string): Cidr {
  return parse(text, true);
}

export type CidrParseResult = { ok: true; cidr: Cidr } | { ok: false; error: string };

export function tryParseCidr(text: string, options: { allowBareAddress?: boolean } = {}): CidrParseResult {
  try {
    return { ok: true, cidr: parse(text, options.allowBareAddress ?? false) };
  } catch (error) {
    if (error instanceof CidrError) return { ok: false, error: error.message };
    throw error;
  }
}

function parse(input: string, allowBareAddress: boolean): Cidr {
  const text = input.trim();
  if (text === "") throw new CidrError("The address block is empty.");

  const slash = text.indexOf("/");
  const addressText = slash === -1 ? text : text.slice(0, slash);
  const prefixText = slash === -1 ? null : text.slice(slash + 1);

  if (addressText.includes("%")) {
    throw new CidrError(`"${text}": IPv6 zone identifiers (such as %eth0) are not allowed in an address block.`);
  }
  const address = parseIpAddress(addressText);
  if (address === null) throw new CidrError(`"${addressText}" is not a valid IPv4 or IPv6 address.`);
  // ::ffff:a.b.c.d/N (N >= 96) is the IPv4 block a.b.c.d/(N - 96): stored and matched as IPv4.
  const mappedOffset = address.version === 4 && addressText.includes(":") ? 96 : 0;
  const bits = addressBitLength(address.version) + mappedOffset;

  let prefixLength: number;
  if (prefixText === null) {
    if (!allowBareAddress) {
      throw new CidrError(`"${text}" has no prefix length; write ${addressText}/${bits} for a single address.`);
    }
    prefixLength = bits - mappedOffset;
  } else {
    if (!/^\d{1,3}$/.test(prefixText)) {
      throw new CidrError(`"${text}": the prefix length "${prefixText}" is not a whole number from 0 to ${bits}.`);
    }
    prefixLength = Number(prefixText);
    if (prefixLength > bits) {
      throw new CidrError(
        `"${text}": prefix length ${prefixLength} is out of range for IPv${mappedOffset ? 6 : address.version} (0 to ${bits}).`,
      );
    }
    if (prefixLength < mappedOffset) {
      throw new CidrError(
        `"${text}" reaches outside the IPv4-mapped range ::ffff:0:0/96; write the IPv4 block instead.`,
      );
    }
    prefixLength -= mappedOffset;
  }
  return cidrFromAddress(address, prefixLength);
}

/** The block of the given length that contains the address. */
export function cidrFromAddress(address: IpAddress, prefixLength: number): Cidr {
  const words = maskWords(address.words, prefixLength);
  const hostBitsSet = words.some((word, i) => word !== address.words[i]);
  const networkAddress: IpAddress =
    address.version === 4
      ? { version: 4, words: [words[0]!] }
      : { version: 6, words: [words[0]!, words[1]!, words[2]!, words[3]!] };
  const network = formatIpAddress(networkAddress);
  return { version: address.version, words, prefixLength, network, cidr: `${network}/${prefixLength}`, hostBitsSet };
}

/** Clears every bit after the first prefixLength bits. */
export function maskWords(words: readonly number[], prefixLength: number): number[] {
  return words.map((word, i) => (word & wordMask(prefixLength - 32 * i)) >>> 0);
}

function wordMask(bitsInWord: number): number {
  if (bitsInWord <= 0) return 0;
  if (bitsInWord >= 32) return 0xffffffff;
  return (0xffffffff << (32 - bitsInWord)) >>> 0;
}

/** IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) are treated as the IPv4 address. */
export function cidrContainsAddress(block: Cidr, address: IpAddress | string): boolean {
  const parsed = typeof address === "string" ? parseIpAddress(address) : address;
  if (parsed === null) return false;
  const effective = block.version === 4 ? unmapIpv4(parsed) : parsed;
  if (effective.version !== block.version) return false;
  return sameNetwork(block.words, effective.words, block.prefixLength);
}

/** True when every address of inner lies in outer (a block contains itself). */
export function cidrContainsCidr(outer: Cidr, inner: Cidr): boolean {
  return (
    outer.version === inner.version &&
    outer.prefixLength <= inner.prefixLength &&
    sameNetwork(outer.words, inner.words, outer.prefixLength)
  );
}

/** Two CIDR blocks share an address exactly when one contains the other. */
export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return cidrContainsCidr(a, b) || cidrContainsCidr(b, a);
}

function sameNetwork(network: readonly number[], words: readonly number[], prefixLength: number): boolean {
  for (let i = 0; i < network.length; i++) {
    const mask = wordMask(prefixLength - 32 * i);
    if (mask === 0) return true;
    if ((words[i]! & mask) >>> 0 !== network[i]) return false;
  }
  return true;
}
