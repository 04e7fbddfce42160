/**
 * nfdump 1.7.4+ `-o csv-fast` (src/output/output_csv_fast.c):
 * `cnt,af,firstSeen,lastSeen,proto,srcAddr,srcPort,dstAddr,dstPort,srcAS,dstAS,input,output,flags,srcTos,packets,bytes`.
 * firstSeen/lastSeen are epoch milliseconds (msecFirst/msecLast); epoch seconds with a
 * fraction are accepted too. Flags `CEUAPRSF` with '.'.
 */
import { NfdumpCsvParser, type NfdumpCsvLayout } from "./nfdump-csv-core";

export const NFDUMP_CSV_FAST_HEADER =
  "cnt,af,firstSeen,lastSeen,proto,srcAddr,srcPort,dstAddr,dstPort,srcAS,dstAS,input,output,flags,srcTos,packets,bytes";

export const nfdumpCsvFastLayout: NfdumpCsvLayout = {
  format: "nfdump-csv-fast",
  defaultHeader: NFDUMP_CSV_FAST_HEADER,
  columns: {
    start: "firstSeen",
    end: "lastSeen",
    protocol: "proto",
    srcAddr: "srcAddr",
    srcPort: "srcPort",
    dstAddr: "dstAddr",
    dstPort: "dstPort",
    tcpFlags: "flags",
    packets: ["packets"],
    bytes: ["bytes"],
  },
};

export function createNfdumpCsvFastParser(): NfdumpCsvParser {
  return new NfdumpCsvParser(nfdumpCsvFastLayout);
}
