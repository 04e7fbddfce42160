import { SignedInFrame } from "@/components/layout/signed-in-frame";

export default function PortalLayout({ children }: { children: React.ReactNode }) {
  return <SignedInFrame>{children}</SignedInFrame>;
}
