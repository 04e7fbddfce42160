import { signOutAction } from "@/app/(auth)/signin/actions";
import { SignedInFrame } from "@/components/layout/signed-in-frame";

// Each page checks access itself (layouts do not guard their pages); this only frames them.
export default function AnalystLayout({ children }: { children: React.ReactNode }) {
  return (
    <SignedInFrame audience="staff" signOut={signOutAction}>
      {children}
    </SignedInFrame>
  );
}
