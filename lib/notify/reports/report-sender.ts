import { env } from "@/lib/env";
import type { TReportSender } from "./report-input";

/** The CSIRT as reports name it: CSIRT_NAME and the address in MAIL_FROM. */
export function reportSender({
  mailFrom = env().MAIL_FROM,
  csirtName = env().CSIRT_NAME,
}: {
  mailFrom?: string;
  csirtName?: string;
} = {}): TReportSender {
  const email = (/<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom).trim();
  const domain = email.split("@")[1]?.trim().toLowerCase() || "localhost";
  return { name: csirtName.trim() || "The CSIRT team", email, domain };
}
