import { signOut } from "@/lib/auth/config";

export function SignOutButton() {
  return (
    <form
      action={async () => {
        "use server";
        await signOut({ redirectTo: "/signin" });
      }}
    >
      <button type="submit" className="text-sm text-slate-200 underline-offset-2 hover:underline">Sign out</button>
    </form>
  );
}
