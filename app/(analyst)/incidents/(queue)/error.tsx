"use client";

import { useEffect } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export default function IncidentsError({ error, retry, reset }: { error: unknown; retry?: () => void; reset?: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && "digest" in error ? String((error as Error & { digest?: string }).digest ?? "") : "";
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Incidents</h1>
      <Alert tone="error">
        The incidents could not be loaded. This is a problem on our side; try again in a moment.
        {digest ? <span className="mt-1 block text-xs">Reference for the logs: {digest}</span> : null}
      </Alert>
      <Button type="button" variant="secondary" onClick={() => (retry ?? reset)?.()}>Try again</Button>
    </div>
  );
}
