"use client";

import { RouteError } from "@/components/ui/route-error";

export default function OrganisationError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return <RouteError title="The organisation could not be loaded" error={error} retry={retry} />;
}
