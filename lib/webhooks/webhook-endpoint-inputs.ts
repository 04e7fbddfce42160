import { z } from "zod";
import { AppError } from "@/lib/errors";
import { WebhookEventType } from "@/lib/generated/prisma/enums";

export const ZWebhookEndpointSchema = z
  .object({
    url: z.string().trim().min(1, "Give the URL the CSIRT's events are sent to.").max(2000),
    description: z.string().trim().max(500, "A description can be at most 500 characters.").default(""),
    events: z.array(z.enum(WebhookEventType)).min(1, "Choose at least one event.").max(4),
    enabled: z.boolean().default(true),
  })
  .strict();
export type TWebhookEndpointInput = z.infer<typeof ZWebhookEndpointSchema>;

const ZId = z.uuid("No such webhook.");

/** The endpoint form: events are checkboxes (several values of one name), enabled a checkbox. */
export function readWebhookEndpointForm(form: FormData): TWebhookEndpointInput & { id?: string } {
  const parsed = ZWebhookEndpointSchema.safeParse({
    url: form.get("url") ?? "",
    description: form.get("description") ?? "",
    events: [...new Set(form.getAll("events"))],
    enabled: form.get("enabled") === "on" || form.get("enabled") === "true",
  });
  if (!parsed.success) throw new AppError("INVALID_INPUT", parsed.error.issues[0]?.message ?? "The form is not valid.");
  const id = form.get("id");
  return id === null ? parsed.data : { ...parsed.data, id: readId(id) };
}

export function readWebhookId(form: FormData, name = "id"): string {
  return readId(form.get(name));
}

function readId(value: FormDataEntryValue | null): string {
  const parsed = ZId.safeParse(value);
  if (!parsed.success) throw new AppError("NOT_FOUND", "No such webhook.");
  return parsed.data;
}

/** What the forms get back after a secret was made: shown once. */
export interface TNewWebhookSecret {
  secret?: string;
  id?: string;
}
