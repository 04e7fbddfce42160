/** /api/v1/notifications: the notice outbox (staff tokens). */
import { z } from "zod";
import { db } from "@/lib/db/client";
import { NotificationPurpose, NotificationState } from "@/lib/generated/prisma/enums";
import { listOutbox } from "@/lib/notify/list-outbox";
import { defineOperation } from "../api-operation";

export const listNotifications = defineOperation({
  id: "listNotifications",
  method: "GET",
  path: "/notifications",
  tag: "Notifications",
  summary: "List notices in the outbox",
  description: "Newest first; filter by state.",
  scope: "notifications:read",
  audiences: ["staff"],
  query: z.strictObject({
    state: z.enum(NotificationState).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(100),
  }),
  responses: {
    200: {
      description: "The notices.",
      schema: z.object({
        items: z.array(
          z.object({
            id: z.uuid(),
            reference: z.number().int(),
            organisation: z.string(),
            toAddress: z.string(),
            purpose: z.enum(NotificationPurpose),
            state: z.enum(NotificationState),
            attempts: z.number().int(),
            subject: z.string().nullable(),
            lastError: z.string().nullable(),
            smtpResponse: z.string().nullable(),
            nextAttemptAt: z.iso.datetime(),
            sentAt: z.iso.datetime().nullable(),
          }),
        ),
      }),
    },
  },
  handler: async ({ query }) => ({
    status: 200,
    body: { items: await listOutbox(db, { state: query.state, take: query.limit }) },
  }),
});
