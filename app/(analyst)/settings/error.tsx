"use client";

import { RouteError } from "@/components/ui/route-error";

export default function SettingsError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return <RouteError title="Settings could not be loaded" error={error} retry={retry} />;
}
