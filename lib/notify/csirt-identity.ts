import { env } from "@/lib/env";

/** Who we are to the people we write to: the name that signs our mail, and the address it comes from. */
export function csirtIdentity(): { name: string; email: string } {
  const from = env().MAIL_FROM.trim();
  const email = /<([^<>\s]+@[^<>\s]+)>/.exec(from)?.[1] ?? (/^[^\s<>]+@[^\s<>]+$/.test(from) ? from : "");
  return { name: env().CSIRT_NAME.trim() || "The CSIRT team", email };
}
