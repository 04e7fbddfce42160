import { signOutAction } from "@/app/(auth)/signin/actions";
import { SignedInFrame } from "@/components/layout/signed-in-frame";

export default function PortalLayout({ children }: { children: React.ReactNode }) {
  return <SignedInFrame signOut={signOutAction}>{children}</SignedInFrame>;
}
