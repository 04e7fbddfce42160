export { parseIpv4, formatIpv4 } from "./ipv4";
export { parseIpv6, formatIpv6, isIpv4Mapped, type Ipv6Words } from "./ipv6";
export {
  parseIpAddress,
  formatIpAddress,
  canonicalIpAddress,
  isIpAddress,
  unmapIpv4,
  addressBitLength,
  type IpAddress,
} from "./address";
export {
  parseCidr,
  parseCidrOrAddress,
  tryParseCidr,
  cidrFromAddress,
  cidrContainsAddress,
  cidrContainsCidr,
  cidrsOverlap,
  maskWords,
  CidrError,
  type Cidr,
  type CidrParseResult,
} from "./cidr";
export {
  AddressBlockIndex,
  type AddressBlock,
  type AddressBlockMatch,
  type AddressBlockConflict,
} from "./address-block-index";
