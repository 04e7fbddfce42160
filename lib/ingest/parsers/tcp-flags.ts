import { TcpFlag } from "../flow";
import { findByte, trimStart } from "./scan";

/**
 * Flag letters → TcpFlag bits. Position-independent, so one table reads nfdump's
 * "CEUAPRSF" with '.', the seed's "UAPRSF" with '-', and SiLK's "FSRPAUEC" with spaces.
 * -1 marks characters that make a flag field invalid.
 */
const BITS_BY_CODE = new Int8Array(128).fill(-1);
BITS_BY_CODE[46] = 0; // '.'
BITS_BY_CODE[45] = 0; // '-'
BITS_BY_CODE[32] = 0; // ' '
BITS_BY_CODE[70] = TcpFlag.FIN; // F
BITS_BY_CODE[83] = TcpFlag.SYN; // S
BITS_BY_CODE[82] = TcpFlag.RST; // R
BITS_BY_CODE[80] = TcpFlag.PSH; // P
BITS_BY_CODE[65] = TcpFlag.ACK; // A
BITS_BY_CODE[85] = TcpFlag.URG; // U
BITS_BY_CODE[69] = TcpFlag.ECE; // E
BITS_BY_CODE[67] = TcpFlag.CWR; // C

/** Flag letters (or `0x..` hex, which older nfdump prints for unusual combinations) to a bitmask; -1 if invalid. */
export function parseTcpFlags(b: Buffer, start: number, end: number): number {
  if (end - start > 2 && b[start] === 48 && (b[start + 1]! | 32) === 120) {
    const hex = b.toString("latin1", start + 2, end);
    return /^[0-9a-fA-F]{1,2}$/.test(hex) ? Number.parseInt(hex, 16) : -1;
  }
  let flags = 0;
  for (let i = start; i < end; i++) {
    const code = b[i]!;
    const bit = code < 128 ? (BITS_BY_CODE[code] as number) : -1;
    if (bit < 0) return -1;
    flags |= bit;
  }
  return flags;
}

/**
 * Zeek `history`: upper-case letters are the originator's packets.
 * S = SYN, H = SYN+ACK, A = ACK, D = data (PSH), F = FIN, R = RST.
 */
export function tcpFlagsFromZeekHistory(b: Buffer, start: number, end: number): number {
  let flags = 0;
  for (let i = start; i < end; i++) {
    switch (b[i]) {
      case 83:
        flags |= TcpFlag.SYN;
        break;
      case 72:
        flags |= TcpFlag.SYN | TcpFlag.ACK;
        break;
      case 65:
        flags |= TcpFlag.ACK;
        break;
      case 68:
        flags |= TcpFlag.PSH;
        break;
      case 70:
        flags |= TcpFlag.FIN;
        break;
      case 82:
        flags |= TcpFlag.RST;
        break;
    }
  }
  return flags;
}

/**
 * Argus TCP `State` such as `S_`, `S_RA`, `FSPA_FSPA`: the letters before '_' are the
 * flags the source sent. States without '_' (CON, INT, RST, ...) carry no flags: 0.
 */
export function tcpFlagsFromArgusState(b: Buffer, start: number, end: number): number {
  start = trimStart(b, start, end);
  const underscore = findByte(b, 95, start, end);
  if (underscore === -1) return 0;
  const flags = parseTcpFlags(b, start, underscore);
  return Math.max(flags, 0);
}
