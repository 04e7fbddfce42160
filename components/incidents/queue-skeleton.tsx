export function QueueSkeleton() {
  return (
    <div className="space-y-6" role="status" aria-live="polite">
      <h1 className="text-2xl font-semibold">Incidents</h1>
      <p className="sr-only">Loading incidents…</p>
      <div className="flex gap-2" aria-hidden="true">
        {Array.from({ length: 7 }, (_, index) => (
          <div key={index} className="h-8 w-24 animate-pulse rounded-md bg-slate-200" />
        ))}
      </div>
      <div className="h-40 animate-pulse rounded-lg border border-slate-200 bg-white" aria-hidden="true" />
      <div className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" aria-hidden="true">
        {Array.from({ length: 8 }, (_, index) => (
          <div key={index} className="h-6 animate-pulse rounded bg-slate-100" />
        ))}
      </div>
    </div>
  );
}
