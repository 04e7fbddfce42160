/**
 * nfdump 1.7.4+ `-o csv` (src/output/output.c FORMAT_CSV):
 * `firstSeen,duration,proto,srcAddr,srcPort,dstAddr,dstPort,packets,bytes,flows`,
 * firstSeen `YYYY-MM-DD HH:MM:SS.mmm`, duration in seconds, proto as a number,
 * ICMP destination "port" as `type.code`. No TCP flags unless a custom `csv:` format adds `flags`.
 * The same column names also cover user formats (`-o "csv:%ts,%te,%sa,..."`).
 */
import { NfdumpCsvParser, type NfdumpCsvLayout } from "./nfdump-csv-core";

export const NFDUMP_CSV_HEADER = "firstSeen,duration,proto,srcAddr,srcPort,dstAddr,dstPort,packets,bytes,flows";

export const nfdumpCsvLayout: NfdumpCsvLayout = {
  format: "nfdump-csv",
  defaultHeader: NFDUMP_CSV_HEADER,
  columns: {
    start: "firstSeen",
    end: "lastSeen",
    duration: "duration",
    protocol: "proto",
    srcAddr: "srcAddr",
    srcPort: "srcPort",
    dstAddr: "dstAddr",
    dstPort: "dstPort",
    tcpFlags: "flags",
    packets: ["packets", "inPackets"],
    bytes: ["bytes", "inBytes"],
  },
};

export function createNfdumpCsvParser(): NfdumpCsvParser {
  return new NfdumpCsvParser(nfdumpCsvLayout);
}
