"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { requireStaff } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { assertNoNulBytes } from "@/lib/http/form-values";
import { recordThirdPartyReport } from "@/lib/incidents/record-third-party-report";

export interface ReportState {
  error?: string;
  result?: { events: number; lines: number; incidents: Array<{ reference: number; organisation: string; sourceIp: string; attempts: number; action: string }>; outsideMembers: string[] };
}

/** Pasted text travels in a server action (1 MB at most, lib/http/request-limits.ts). */
const MAX_PASTED_LOG_CHARACTERS = 900_000;

const ZSshdReportSchema = z.object({
  text: z.string().trim().min(1, "Paste the sshd log lines.").max(MAX_PASTED_LOG_CHARACTERS, "That is more than 900,000 characters: use npm run csirt -- report sshd with the file."),
  reporter: z.string().trim().min(1, "Say who sent the log (organisation or team).").max(200),
  year: z.union([z.literal(""), z.coerce.number().int().min(1990).max(2100)]).optional(),
});

export async function reportSshdLog(_state: ReportState, form: FormData): Promise<ReportState> {
  try {
    const user = await requireStaff();
    assertNoNulBytes(form);
    const parsed = ZSshdReportSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) return { error: parsed.error.issues.map((issue) => issue.message).join(" ") };
    const result = await recordThirdPartyReport(db, {
      text: parsed.data.text,
      reporter: parsed.data.reporter,
      year: typeof parsed.data.year === "number" ? parsed.data.year : undefined,
      actor: { id: user.id, label: user.email },
    });
    await recordAudit(db, { actor: { id: user.id, label: user.email }, action: "report.sshd", data: { reporter: parsed.data.reporter, incidents: result.incidents.length } });
    revalidatePath("/incidents");
    return { result: { events: result.events, lines: result.lines, incidents: result.incidents, outsideMembers: result.outsideMembers } };
  } catch (error) {
    if (isAppError(error)) return { error: error.message };
    throw error;
  }
}
