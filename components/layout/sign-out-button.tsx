"use client";

import { useActionState } from "react";
import type { FormAction } from "@/lib/http/action";

/** Signing out goes through the given server action (the layout passes it), so sessions end server-side. */
export function SignOutButton({ action }: { action: FormAction<unknown> }) {
  const [, dispatch] = useActionState(action, {});
  return (
    <form action={dispatch}>
      <button type="submit" className="text-sm text-slate-200 underline-offset-2 hover:underline">
        Sign out
      </button>
    </form>
  );
}
