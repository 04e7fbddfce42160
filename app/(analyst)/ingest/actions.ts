"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { type ActionState, staffAction } from "@/lib/http/action";
import { recordThirdPartyReport } from "@/lib/incidents/record-third-party-report";

export interface SshdReportOutcome {
  events: number;
  lines: number;
  incidents: Array<{ reference: number; organisation: string; sourceIp: string; attempts: number; action: string }>;
  outsideMembers: string[];
}

/** Pasted text travels in a server action (1 MB at most, lib/http/request-limits.ts). */
const MAX_PASTED_LOG_CHARACTERS = 900_000;

const ZSshdReportSchema = z.object({
  text: z
    .string()
    .trim()
    .min(1, "Paste the sshd log lines.")
    .max(
      MAX_PASTED_LOG_CHARACTERS,
      "That is more than 900,000 characters: use npm run csirt -- report sshd with the file.",
    ),
  reporter: z.string().trim().min(1, "Say who sent the log (organisation or team).").max(200),
  year: z.union([z.literal(""), z.coerce.number().int().min(1990).max(2100)]).optional(),
});

export const reportSshdLog = staffAction(
  ZSshdReportSchema,
  async (input, { actor, context }): Promise<ActionState<SshdReportOutcome>> => {
    const result = await recordThirdPartyReport(db, {
      text: input.text,
      reporter: input.reporter,
      year: typeof input.year === "number" ? input.year : undefined,
      actor,
    });
    await recordAudit(db, {
      actor,
      action: "report.sshd",
      context,
      data: { reporter: input.reporter, incidents: result.incidents.length },
    });
    revalidatePath("/incidents");
    return {
      ok: true,
      data: {
        events: result.events,
        lines: result.lines,
        incidents: result.incidents,
        outsideMembers: result.outsideMembers,
      },
    };
  },
);
