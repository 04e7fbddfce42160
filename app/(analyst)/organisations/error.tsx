"use client";

import { RouteError } from "@/components/ui/route-error";

export default function OrganisationsError({
  error,
  retry,
}: {
  error: Error & { digest?: string };
  retry: () => void;
}) {
  return <RouteError title="Organisations could not be loaded" error={error} retry={retry} />;
}
