import { describe, expect, it } from "vitest";
import { attachmentDisposition, downloadContentType, safeFileName } from "./get-evidence-download";

describe("evidence downloads", () => {
  it.each([
    ["csirt-12-log-sample.txt", "csirt-12-log-sample.txt"],
    ["../../etc/passwd", "passwd"],
    ['a"b\r\nSet-Cookie: x=1.csv', "a_b_Set-Cookie_x_1.csv"],
    ["..hidden", "hidden"],
    ["", "evidence.txt"],
    ["ü日本.txt", "u_.txt"],
  ])("%j → %j", (input, expected) => {
    expect(safeFileName(input)).toBe(expected);
  });

  it("quotes the name in the header and refuses to echo unknown content types", () => {
    expect(attachmentDisposition("csirt-1-flows-abc.csv")).toBe('attachment; filename="csirt-1-flows-abc.csv"');
    expect(downloadContentType("text/csv; charset=utf-8")).toBe("text/csv; charset=utf-8");
    expect(downloadContentType("text/html")).toBe("application/octet-stream");
  });
});
