import { signOutAction } from "@/app/(auth)/signin/actions";
import Link from "next/link";
import { SignedInFrame } from "@/components/layout/signed-in-frame";

export default function Forbidden() {
  return (
    <SignedInFrame standalone signOut={signOutAction}>
      <div className="mx-auto max-w-lg py-4">
        <h1 className="text-2xl font-semibold">Not allowed</h1>
        <p className="mt-3 text-slate-700">Your account does not give access to this page.</p>
        <Link href="/" className="mt-6 inline-block text-sky-700 underline">
          Go to your home page
        </Link>
      </div>
    </SignedInFrame>
  );
}
