"use client";

import { RouteError } from "@/components/ui/route-error";

export default function IncidentsError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return <RouteError title="Incidents could not be loaded" error={error} retry={retry} />;
}
