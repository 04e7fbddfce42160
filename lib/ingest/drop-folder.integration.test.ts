import { mkdtemp, readdir, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { claimInboxFiles, dropFolderPaths } from "./drop-folder";

describe("claiming drop-folder files", () => {
  let inbox: string;

  beforeAll(async () => {
    inbox = path.join(await mkdtemp(path.join(tmpdir(), "csirt-drop-folder-")), "inbox");
  });

  afterAll(async () => {
    await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS refuse_poison ON "IngestRun"`);
    await rm(path.dirname(inbox), { recursive: true, force: true });
  });

  it("gives a claimed file back to the inbox when its run cannot be registered, and claims it on the next pass", async () => {
    await claimInboxFiles(db, inbox);
    const file = path.join(inbox, "flows-0.txt");
    await writeFile(file, "2027-01-09\n02:02:47Z TCP 192.0.2.45:49408 -> 172.30.238.116:22 ----S- 1 40\n");
    const past = new Date(Date.now() - 10_000);
    await utimes(file, past, past);
    // A real failure from the database while the run is written (as a lost race or a dropped connection would be).
    await db.$executeRawUnsafe(`
      CREATE OR REPLACE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused for the test'; END $$`);
    await db.$executeRawUnsafe(
      `CREATE TRIGGER refuse_poison BEFORE INSERT ON "IngestRun" FOR EACH ROW EXECUTE FUNCTION refuse_poison()`,
    );

    await expect(claimInboxFiles(db, inbox)).rejects.toThrow(/refused for the test/);
    expect(await readdir(inbox)).toContain("flows-0.txt");
    expect(await readdir(path.join(dropFolderPaths(inbox).processing, "default"))).toEqual([]);

    await db.$executeRawUnsafe(`DROP TRIGGER refuse_poison ON "IngestRun"`);
    const [run] = await claimInboxFiles(db, inbox);
    expect(run).toMatchObject({ fileName: "flows-0.txt", status: "QUEUED" });
    expect(await readdir(inbox)).not.toContain("flows-0.txt");
  });
});
