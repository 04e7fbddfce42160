"use client";

import Link from "next/link";
import { useEffect } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export default function IncidentError({ error, retry, reset }: { error: unknown; retry?: () => void; reset?: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && "digest" in error ? String((error as Error & { digest?: string }).digest ?? "") : "";
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">This incident could not be shown</h1>
      <Alert tone="error">
        Something went wrong on our side while loading it. Try again in a moment.
        {digest ? <span className="mt-1 block text-xs">Reference for the logs: {digest}</span> : null}
      </Alert>
      <div className="flex gap-3">
        <Button type="button" variant="secondary" onClick={() => (retry ?? reset)?.()}>Try again</Button>
        <Link href="/incidents" className="self-center text-sm text-sky-700 underline">Back to the incidents</Link>
      </div>
    </div>
  );
}
