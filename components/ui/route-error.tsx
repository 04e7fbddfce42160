"use client";

import { useEffect, useRef } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/**
 * The body of an error.tsx: says what failed without internals (the digest lets an admin find
 * the server log line), moves focus to the heading so screen readers hear it, offers a retry.
 */
export function RouteError({
  title,
  error,
  retry,
}: {
  title: string;
  error: Error & { digest?: string };
  retry: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <div className="space-y-4">
      <h1 ref={heading} tabIndex={-1} className="text-2xl font-semibold">
        {title}
      </h1>
      <Alert tone="error">
        Something went wrong on our side while loading this page. Try again; if it keeps failing, tell an administrator
        {error.digest ? (
          <>
            {" "}
            and quote the reference <code className="font-mono">{error.digest}</code>
          </>
        ) : null}
        .
      </Alert>
      <Button type="button" onClick={() => retry()}>
        Try again
      </Button>
    </div>
  );
}
