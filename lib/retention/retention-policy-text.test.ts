import { describe, expect, it } from "vitest";
import { SETTINGS } from "@/lib/settings/definitions";
import { RETENTION_KINDS, RETENTION_SETTING, type RetentionPolicy } from "./retention-policy";
import { retentionPeriodText, retentionPolicyText } from "./retention-policy-text";

const defaults = Object.fromEntries(
  RETENTION_KINDS.map((kind) => [kind, SETTINGS[RETENTION_SETTING[kind]].default]),
) as RetentionPolicy;

describe("the retention policy institutions read", () => {
  it("states every kind's period from the settings, in English and German", () => {
    const en = retentionPolicyText(defaults, "en");
    expect(en.rows.map((row) => row.kind)).toEqual([...RETENTION_KINDS]);
    expect(en.rows.find((row) => row.kind === "auditLog")!.period).toBe("5 years");
    expect(en.rows.find((row) => row.kind === "rawUploads")!.period).toBe("30 days");
    const de = retentionPolicyText({ ...defaults, resolvedIncidents: 1095, flowEvidence: 400 }, "de");
    expect(de.title).toBe("Wie lange wir Ihre Daten aufbewahren");
    expect(de.rows.find((row) => row.kind === "resolvedIncidents")!.period).toBe("3 Jahre");
    expect(de.rows.find((row) => row.kind === "flowEvidence")!.period).toBe("400 Tage");
  });

  it("says one year, one day, and groups large numbers as each language does", () => {
    expect(retentionPeriodText(365, "en")).toBe("1 year");
    expect(retentionPeriodText(1, "de")).toBe("1 Tag");
    expect(retentionPeriodText(3649, "de")).toBe("3.649 Tage");
  });
});
