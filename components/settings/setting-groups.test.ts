import { describe, expect, it } from "vitest";
import { SETTINGS } from "@/lib/settings/definitions";
import { GROUP_TITLES } from "./setting-groups";

describe("settings page groups", () => {
  it("has a title for the group of every setting, so no group shows its raw key", () => {
    const groups = new Set(Object.keys(SETTINGS).map((key) => key.split(".")[0]!));
    expect([...groups].filter((group) => !(group in GROUP_TITLES))).toEqual([]);
  });
});
