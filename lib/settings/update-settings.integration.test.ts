import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { seedDefaults } from "@/prisma/seed";
import { getSettings } from "./get-settings";
import { listSettingChanges } from "./list-setting-changes";
import { parseSettingInput } from "./setting-input";
import { updateSettings } from "./update-settings";

let admin: { id: string; label: string };

beforeAll(async () => {
  await seedDefaults(db);
  const user = await db.user.create({ data: { email: "admin@csirt.example", name: "Ada Admin", role: "ADMIN" } });
  admin = { id: user.id, label: user.email };
});

describe("reading typed values", () => {
  it("reads ports as a comma-separated list, sorted without repeats", () => {
    expect(parseSettingInput("detection.ports", " 2222, 22 ;22 ")).toEqual({ ok: true, value: [22, 2222] });
    expect(parseSettingInput("detection.ports", "22, ssh")).toEqual({
      ok: false,
      error: '"ssh" is not a whole number; separate values with commas, e.g. 22, 2222.',
    });
    expect(parseSettingInput("detection.ports", "22, 70000")).toEqual({
      ok: false,
      error: "70000: must be at most 65535.",
    });
    expect(parseSettingInput("detection.ports", " ")).toMatchObject({ ok: false });
  });

  it("reads numbers against their schema's bounds", () => {
    expect(parseSettingInput("detection.windowMinutes", "15")).toEqual({ ok: true, value: 15 });
    expect(parseSettingInput("detection.windowMinutes", "0")).toEqual({ ok: false, error: "must be at least 1." });
    expect(parseSettingInput("detection.windowMinutes", "2.5")).toEqual({
      ok: false,
      error: '"2.5" is not a whole number.',
    });
    expect(parseSettingInput("detection.minDistinctTargets", "1")).toEqual({ ok: false, error: "must be at least 2." });
  });
});

describe("updateSettings", () => {
  it("stores changed values, and audits each change with who, old and new value", async () => {
    const changes = await updateSettings(db, {
      values: { "detection.ports": [22, 2222], "detection.windowMinutes": 15, "incident.sampleSize": 10 },
      actor: admin,
      context: { ip: "127.0.0.1" },
    });
    expect(changes).toEqual([
      { key: "detection.ports", from: [22], to: [22, 2222] },
      { key: "detection.windowMinutes", from: 10, to: 15 },
    ]);
    const settings = await getSettings(db);
    expect(settings["detection.ports"]).toEqual([22, 2222]);
    expect(settings["detection.windowMinutes"]).toBe(15);
    expect((await db.setting.findUniqueOrThrow({ where: { key: "detection.windowMinutes" } })).updatedById).toBe(
      admin.id,
    );

    const audit = await db.auditLog.findMany({ where: { action: "settings.update" }, orderBy: { id: "asc" } });
    expect(
      audit.map((row) => ({
        actorId: row.actorId,
        actorLabel: row.actorLabel,
        targetId: row.targetId,
        ip: row.ip,
        data: row.data,
      })),
    ).toEqual([
      {
        actorId: admin.id,
        actorLabel: "admin@csirt.example",
        targetId: "detection.ports",
        ip: "127.0.0.1",
        data: { key: "detection.ports", from: [22], to: [22, 2222] },
      },
      {
        actorId: admin.id,
        actorLabel: "admin@csirt.example",
        targetId: "detection.windowMinutes",
        ip: "127.0.0.1",
        data: { key: "detection.windowMinutes", from: 10, to: 15 },
      },
    ]);

    const listed = await listSettingChanges(db);
    expect(listed.map((entry) => [entry.key, entry.from, entry.to, entry.actorLabel])).toEqual([
      ["detection.windowMinutes", 10, 15, "admin@csirt.example"],
      ["detection.ports", [22], [22, 2222], "admin@csirt.example"],
    ]);
  });

  it("changes nothing when any value is invalid, and names each bad one", async () => {
    const before = await db.auditLog.count();
    const error = await updateSettings(db, {
      values: { "detection.windowMinutes": 30, "incident.sampleSize": 0, "no.such": 1 } as never,
      actor: admin,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).details).toEqual({
      "incident.sampleSize": "must be at least 1.",
      "no.such": "There is no such setting.",
    });
    expect((await getSettings(db))["detection.windowMinutes"]).toBe(15);
    expect(await db.auditLog.count()).toBe(before);
  });

  it("audits nothing when a value is saved unchanged", async () => {
    const before = await db.auditLog.count();
    expect(await updateSettings(db, { values: { "detection.windowMinutes": 15 }, actor: admin })).toEqual([]);
    expect(await db.auditLog.count()).toBe(before);
  });
});
