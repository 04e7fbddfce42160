/** What a page shows while its data loads (a loading.tsx, or a <Suspense> fallback): a calm skeleton, announced once. */
export function PageLoading({
  label = "Loading…",
  cards = 3,
  heading = true,
}: {
  label?: string;
  cards?: number;
  heading?: boolean;
}) {
  return (
    <div role="status" aria-live="polite" className="space-y-6">
      <span className="sr-only">{label}</span>
      {heading ? <div aria-hidden="true" className="h-8 w-64 animate-pulse rounded bg-slate-200" /> : null}
      <div aria-hidden="true" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {Array.from({ length: cards }, (_, index) => (
          <div key={index} className="h-28 animate-pulse rounded-lg border border-slate-200 bg-white" />
        ))}
      </div>
      <div aria-hidden="true" className="h-64 animate-pulse rounded-lg border border-slate-200 bg-white" />
    </div>
  );
}
