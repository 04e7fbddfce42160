/**
 * nfdump `-o pipe` (1.6.x to 1.7.4; 1.7.5 replaced it with `-o csv-fast`): numbers only, `|`-separated.
 *   1.7.x (22 fields): af|msecFirst|msecLast|proto|sa0|sa1|sa2|sa3|sp|da0|da1|da2|da3|dp|
 *                      srcas|dstas|in|out|flags|tos|pkts|bytes
 *   1.6.x (24 fields): af|first|msec_first|last|msec_last|proto|sa0..sa3|sp|da0..da3|dp|
 *                      srcas|dstas|in|out|flags|tos|pkts|bytes
 * af is 2 (IPv4, the address in sa3/da3) or 10 (IPv6, four 32-bit words, most significant first);
 * flags are the TCP flag bits as a number. Times are epoch milliseconds, so no time zone applies.
 */
import type { FlowFormatId } from "../flow";
import { formatIpv4, formatIpv6, type Ipv6Words } from "../../net";
import { flowRecord, type FlowLineParser, type LineOutcome } from "./line-parser";
import { protocolFromNumber } from "./protocol";
import { excerpt, locateFields, parseUint } from "./scan";

const PIPE = 124;
const AF_INET = 2;
const AF_INET6 = 10;
const MAX_WORD = 0xffffffff;

/** Field positions of one layout. */
interface PipeLayout {
  /** 1.6.x prints seconds and milliseconds apart. */
  splitTimes: boolean;
  protocol: number;
  srcWords: number;
  srcPort: number;
  dstWords: number;
  dstPort: number;
  flags: number;
  packets: number;
  bytes: number;
}

const LAYOUT_1_7: PipeLayout = {
  splitTimes: false,
  protocol: 3,
  srcWords: 4,
  srcPort: 8,
  dstWords: 9,
  dstPort: 13,
  flags: 18,
  packets: 20,
  bytes: 21,
};
const LAYOUT_1_6: PipeLayout = {
  splitTimes: true,
  protocol: 5,
  srcWords: 6,
  srcPort: 10,
  dstWords: 11,
  dstPort: 15,
  flags: 20,
  packets: 22,
  bytes: 23,
};

/** `2|1772407800000|...` with 22 or 24 numeric fields: how detection recognises pipe output. */
export const NFDUMP_PIPE_LINE = /^(?:2|10)(?:\|\d+){21}(?:(?:\|\d+){2})?$/;

export class NfdumpPipeParser implements FlowLineParser {
  readonly format: FlowFormatId = "nfdump-pipe";
  private readonly starts = new Int32Array(25);
  private readonly ends = new Int32Array(25);
  private line: Buffer = Buffer.alloc(0);
  private readonly words: Ipv6Words = [0, 0, 0, 0];

  parseLine(line: Buffer, lineStart: number, lineEnd: number, lineNumber: number): LineOutcome {
    const first = line[lineStart]!;
    if (first < 48 || first > 57) {
      const text = line.toString("utf8", lineStart, lineEnd).trim();
      return text.startsWith("No matching flows") ? null : `not a flow line ${JSON.stringify(text.slice(0, 60))}`;
    }
    const found = locateFields(line, lineStart, lineEnd, PIPE, 25, this.starts, this.ends);
    const layout = found === 22 ? LAYOUT_1_7 : found === 24 ? LAYOUT_1_6 : null;
    if (layout === null) return `${found} '|'-separated fields, expected 22 (nfdump 1.7) or 24 (nfdump 1.6)`;
    this.line = line;

    const family = this.uint(0);
    if (family !== AF_INET && family !== AF_INET6) return `unknown address family ${this.fieldExcerpt(0)}`;
    let start: number;
    let end: number;
    if (layout.splitTimes) {
      const msecFirst = this.uint(2);
      const msecLast = this.uint(4);
      if (msecFirst > 999 || msecLast > 999) return "milliseconds above 999";
      start = this.uint(1) * 1000 + msecFirst;
      end = this.uint(3) * 1000 + msecLast;
      if (msecFirst < 0 || msecLast < 0) start = -1;
    } else {
      start = this.uint(1);
      end = this.uint(2);
    }
    if (start < 0 || end < 0) return "invalid time";
    const protocolNumber = this.uint(layout.protocol);
    if (protocolNumber < 0 || protocolNumber > 255) return `invalid protocol ${this.fieldExcerpt(layout.protocol)}`;
    const srcAddr = this.address(family, layout.srcWords);
    if (srcAddr === null) return "invalid source address";
    const dstAddr = this.address(family, layout.dstWords);
    if (dstAddr === null) return "invalid destination address";
    const srcPort = this.uint(layout.srcPort);
    if (srcPort < 0 || srcPort > 65535) return `invalid source port ${this.fieldExcerpt(layout.srcPort)}`;
    const dstPort = this.uint(layout.dstPort);
    if (dstPort < 0 || dstPort > 65535) return `invalid destination port ${this.fieldExcerpt(layout.dstPort)}`;
    const flags = this.uint(layout.flags);
    if (flags < 0 || flags > 255) return `invalid TCP flags ${this.fieldExcerpt(layout.flags)}`;
    const packets = this.uint(layout.packets);
    if (packets < 0) return `invalid packet count ${this.fieldExcerpt(layout.packets)}`;
    const bytes = this.uint(layout.bytes);
    if (bytes < 0) return `invalid byte count ${this.fieldExcerpt(layout.bytes)}`;

    const protocol = protocolFromNumber(protocolNumber);
    const tcpFlags = protocol === "TCP" ? flags : 0;
    return flowRecord(start, end, protocol, srcAddr, srcPort, dstAddr, dstPort, tcpFlags, packets, bytes, lineNumber);
  }

  private uint(field: number): number {
    return parseUint(this.line, this.starts[field]!, this.ends[field]!);
  }

  private address(family: number, firstWord: number): string | null {
    const words = this.words;
    for (let i = 0; i < 4; i++) {
      const word = this.uint(firstWord + i);
      if (word < 0 || word > MAX_WORD) return null;
      words[i] = word;
    }
    return family === AF_INET ? formatIpv4(words[3]) : formatIpv6(words);
  }

  private fieldExcerpt(field: number): string {
    return excerpt(this.line, this.starts[field]!, this.ends[field]!);
  }
}
