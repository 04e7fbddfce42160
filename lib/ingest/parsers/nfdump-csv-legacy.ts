/**
 * nfdump 1.6.x and 1.7.0–1.7.3 `-o csv`: 48 columns headed `ts,te,td,sa,da,...`,
 * times `YYYY-MM-DD HH:MM:SS` (taken as UTC), flags `CEUAPRSF` with '.'.
 * Packets and bytes are the input counters (ipkt, ibyt).
 */
import { NfdumpCsvParser, type NfdumpCsvLayout } from "./nfdump-csv-core";

export const NFDUMP_LEGACY_CSV_HEADER =
  "ts,te,td,sa,da,sp,dp,pr,flg,fwd,stos,ipkt,ibyt,opkt,obyt,in,out,sas,das,smk,dmk,dtos,dir,nh,nhb,svln,dvln," +
  "ismc,odmc,idmc,osmc,mpls1,mpls2,mpls3,mpls4,mpls5,mpls6,mpls7,mpls8,mpls9,mpls10,cl,sl,al,ra,eng,exid,tr";

export const nfdumpLegacyCsvLayout: NfdumpCsvLayout = {
  format: "nfdump-csv-legacy",
  defaultHeader: NFDUMP_LEGACY_CSV_HEADER,
  columns: {
    start: "ts",
    end: "te",
    duration: "td",
    protocol: "pr",
    srcAddr: "sa",
    srcPort: "sp",
    dstAddr: "da",
    dstPort: "dp",
    tcpFlags: "flg",
    packets: ["ipkt"],
    bytes: ["ibyt"],
  },
};

export function createNfdumpLegacyCsvParser(): NfdumpCsvParser {
  return new NfdumpCsvParser(nfdumpLegacyCsvLayout);
}
