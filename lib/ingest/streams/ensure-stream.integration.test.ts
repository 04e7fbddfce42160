import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ensureStream } from "./ensure-stream";

describe("ensureStream", () => {
  it("gives every concurrent caller the one row of a new stream", async () => {
    const ids = await Promise.all(Array.from({ length: 16 }, () => ensureStream(db, "border-new")));
    expect(new Set(ids).size).toBe(1);
    expect(await db.ingestStream.count({ where: { name: "border-new" } })).toBe(1);
    expect(await ensureStream(db, "border-new")).toBe(ids[0]);
  });
});
