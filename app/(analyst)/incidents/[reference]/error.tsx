"use client";

import { RouteError } from "@/components/ui/route-error";

export default function IncidentError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return <RouteError title="The incident could not be loaded" error={error} retry={retry} />;
}
