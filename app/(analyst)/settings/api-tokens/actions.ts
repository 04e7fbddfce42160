"use server";

import { revalidatePath } from "next/cache";
import { createStaffApiToken, revokeAnyApiToken, ZStaffTokenSchema } from "@/lib/api-tokens/staff-api-tokens";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { staffAction } from "@/lib/http/action";

const ADMIN = { roles: ["ADMIN"] } as const;

export const createStaffTokenAction = staffAction(
  (form) => {
    const parsed = ZStaffTokenSchema.safeParse({
      name: form.get("name") ?? "",
      scopes: form.getAll("scopes"),
      days: form.get("days") ?? "",
    });
    if (!parsed.success)
      throw new AppError("INVALID_INPUT", parsed.error.issues[0]?.message ?? "The form is not valid.");
    return parsed.data;
  },
  async (input, { user, context }) => {
    const created = await createStaffApiToken(db, { user, input, context });
    revalidatePath("/settings/api-tokens");
    return { ok: true, message: `Token “${created.name}” created.`, data: { token: created.token } };
  },
  ADMIN,
);

export const revokeTokenAction = staffAction(
  (form) => {
    const tokenId = String(form.get("tokenId") ?? "");
    if (!/^[0-9a-f-]{36}$/i.test(tokenId)) throw new AppError("NOT_FOUND", "No such token.");
    return tokenId;
  },
  async (tokenId, { user, context }) => {
    await revokeAnyApiToken(db, { user, tokenId, context });
    revalidatePath("/settings/api-tokens");
    return { ok: true, message: "Token revoked. It stops working at once." };
  },
  ADMIN,
);
