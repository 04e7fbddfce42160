import { describe, expect, it } from "vitest";
import { groupRepeatedFiles, repeatedNote } from "./group-repeated-files";

describe("groupRepeatedFiles", () => {
  it("shows each content once, under its first arrival, in arrival order", () => {
    const items = [
      { id: "1", sha256: "aa", fileName: "nat.log" },
      { id: "2", sha256: "bb", fileName: "other.log" },
      { id: "3", sha256: "aa", fileName: "nat (1).log" },
      { id: "4", sha256: "aa", fileName: "nat.log" },
    ];
    const groups = groupRepeatedFiles(items);
    expect(groups.map((group) => [group.file.id, group.copies.map((copy) => copy.id)])).toEqual([
      ["1", ["3", "4"]],
      ["2", []],
    ]);
    expect(groups.map(repeatedNote)).toEqual([" · sent 3 times", ""]);
    expect(groupRepeatedFiles([])).toEqual([]);
  });
});
