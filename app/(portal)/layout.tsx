import { signOutAction } from "@/app/(auth)/signin/actions";
import { AppShell } from "@/components/layout/app-shell";
import { currentUser } from "@/lib/auth/guards";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  if (!user) return <>{children}</>;
  return <AppShell user={user} signOut={signOutAction} nav={[{ href: "/portal", label: "Our incidents" }, { href: "/portal/contacts", label: "Contacts" }]}>{children}</AppShell>;
}
