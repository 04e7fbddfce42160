import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ZNoticeFormatsInputSchema } from "./org-inputs";
import { setNoticeFormats } from "./set-notice-formats";

const actor = { label: "analyst@csirt.example" };

describe("notice formats of an organisation", () => {
  it("start as X-ARF on, IODEF off, encryption not required; a save changes only what differs and is audited", async () => {
    const organisation = await db.organisation.create({ data: { name: "Formats College", slug: "formats-college" } });
    expect(organisation).toMatchObject({ attachXarf: true, attachIodef: false, requireEncryption: false });

    // A form with only IODEF and encryption ticked: unticked boxes are absent, so X-ARF turns off.
    const formats = ZNoticeFormatsInputSchema.parse({ attachIodef: "on", requireEncryption: "on" });
    expect(await setNoticeFormats(db, { organisationId: organisation.id, formats, actor })).toEqual({ changed: true });
    expect(await db.organisation.findUniqueOrThrow({ where: { id: organisation.id } })).toMatchObject({
      attachXarf: false,
      attachIodef: true,
      requireEncryption: true,
    });
    expect(await setNoticeFormats(db, { organisationId: organisation.id, formats, actor })).toEqual({ changed: false });
    const audit = await db.auditLog.findMany({
      where: { action: "organisation.notice-formats.update", organisationId: organisation.id },
    });
    expect(audit).toHaveLength(1);
  });

  it("refuses a value that is not a checkbox's, and an unknown organisation", async () => {
    const refused = ZNoticeFormatsInputSchema.safeParse({ attachXarf: "yes" });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe("X-ARF report: tick the box or leave it empty.");
    await expect(
      setNoticeFormats(db, {
        organisationId: "00000000-0000-4000-8000-000000000000",
        formats: { attachXarf: true, attachIodef: false, requireEncryption: false },
        actor,
      }),
    ).rejects.toThrow("No such organisation.");
  });
});
