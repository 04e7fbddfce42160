import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { FlowFormatId } from "../flow";
import { detectFormat, openFlowStream, UnknownFormatError } from "./index";
import { chunked, describeWithShared, fixture, sharedSample } from "./test-support";

function head(path: string): string[] {
  return readFileSync(path, "utf8").split("\n").slice(0, 20);
}

describe("detectFormat on every sample and fixture", () => {
  const files: [string, FlowFormatId][] = [
    [fixture("seed-format-example.txt"), "seed-flow-lines"],
    [fixture("nfdump-1.7.1-example.csv"), "nfdump-csv-legacy"],
    [fixture("nfdump-1.7.4-example.csv"), "nfdump-csv"],
    [fixture("nfdump-1.7.4-example-fast.csv"), "nfdump-csv-fast"],
    [fixture("nfdump-1.7.1-example-long.txt"), "nfdump-text"],
    [fixture("nfdump-line-example.txt"), "nfdump-text"],
    [fixture("nfdump-extended6-example.txt"), "nfdump-text"],
    [fixture("zeek-conn-example.json"), "zeek-conn-json"],
    [fixture("silk-rwcut-example.txt"), "silk-rwcut"],
    [fixture("generated-zeek-conn.log"), "zeek-conn-tsv"],
    [fixture("generated-zeek-conn.json"), "zeek-conn-json"],
    [fixture("generated-argus.binetflow"), "argus-binetflow"],
    [fixture("generated-silk-rwcut.txt"), "silk-rwcut"],
  ];
  it.each(files)("%s is %s", (path, format) => {
    expect(detectFormat(head(path))).toBe(format);
  });
});

describeWithShared(
  "samples/stratosphere-zeek-horizontal-scan.conn.log",
  "detectFormat on the real Zeek TSV sample",
  () => {
    it("is zeek-conn-tsv", () => {
      expect(detectFormat(head(sharedSample("stratosphere-zeek-horizontal-scan.conn.log")))).toBe("zeek-conn-tsv");
    });
  },
);

describeWithShared("samples/stratosphere-test3-mixed.binetflow", "detectFormat on the real binetflow sample", () => {
  it("is argus-binetflow", () => {
    expect(detectFormat(head(sharedSample("stratosphere-test3-mixed.binetflow")))).toBe("argus-binetflow");
  });
});

describe("detectFormat without headers", () => {
  it("recognises header-less output by the shape of the first flow line", () => {
    expect(detectFormat(["21:11:03Z TCP 212.219.244.66:35556 -> 194.198.16.41:22 -A---F 1 52"])).toBe(
      "seed-flow-lines",
    );
    expect(
      detectFormat([
        "2027-01-09 02:02:47.110     00:00:00.010 TCP     172.30.238.116:22    ->       192.0.2.45:49408 ...A.R..   0        1       40     1",
      ]),
    ).toBe("nfdump-text"); // nfdump -q
    expect(
      detectFormat([
        "2027-01-09 02:02:47,2027-01-09 02:02:47,0.010,172.30.238.116,192.0.2.45,22,49408,TCP,...A.R..,0,0,1,40",
      ]),
    ).toBe("nfdump-csv-legacy"); // nfdump -q -o csv
    expect(
      detectFormat(["   10.0.0.1|   10.0.0.2| 9998|33342|  6|         8|       447|   PA   |2023/10/30T18:49:20.567|"]),
    ).toBe("silk-rwcut"); // rwcut --no-titles
  });

  it("recognises Zeek TSV and Argus by their header lines alone", () => {
    expect(
      detectFormat([
        "#separator \\x09",
        "#set_separator\t,",
        "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration",
      ]),
    ).toBe("zeek-conn-tsv");
    expect(
      detectFormat([
        "StartTime,Dur,Proto,SrcAddr,Sport,Dir,DstAddr,Dport,State,sTos,dTos,TotPkts,TotBytes,SrcBytes,SrcPkts,Label",
      ]),
    ).toBe("argus-binetflow");
  });

  it("skips blank lines, a BOM and CRLF, and looks only at the first 20 non-empty lines", () => {
    expect(detectFormat(["\uFEFF", "", "ts,te,td,sa,da,sp,dp,pr,flg\r"])).toBe("nfdump-csv-legacy");
    const prose = Array.from({ length: 20 }, (_, i) => `line ${i} of a letter`);
    expect(detectFormat([...prose, "21:11:03Z TCP 212.219.244.66:35556 -> 194.198.16.41:22 -A---F 1 52"])).toBeNull();
    expect(
      detectFormat([...prose.slice(0, 19), "21:11:03Z TCP 212.219.244.66:35556 -> 194.198.16.41:22 -A---F 1 52"]),
    ).toBe("seed-flow-lines");
  });

  it("returns null for what is not a flow file", () => {
    expect(detectFormat([])).toBeNull();
    expect(detectFormat(["Dec 10 06:55:46 LabSZ sshd[24200]: Invalid user webmaster from 173.234.31.186"])).toBeNull();
    expect(detectFormat(["2010-08-13"])).toBeNull();
    expect(detectFormat(["#separator \\x09", "#path\tdns", "#fields\tts\tuid\tquery"])).toBeNull(); // a Zeek dns.log
    expect(detectFormat(['{"ts":1,"query":"example.org"}'])).toBeNull();
  });
});

describe("openFlowStream refuses unknown input with a clear message", () => {
  it("names the supported formats", async () => {
    const error = await openFlowStream(chunked("hello\nworld\n")).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnknownFormatError);
    expect((error as Error).message).toMatch(/no supported format matches the first lines/);
    for (const name of ["seed flow lines", "nfdump CSV", "nfdump text", "Zeek conn.log", "SiLK rwcut", "Argus"]) {
      expect((error as Error).message).toContain(name);
    }
  });
});
