export function IncidentSkeleton() {
  return (
    <div className="space-y-6" role="status" aria-live="polite">
      <p className="sr-only">Loading the incident…</p>
      <div className="h-8 w-64 animate-pulse rounded bg-slate-200" aria-hidden="true" />
      <div className="h-5 w-full max-w-3xl animate-pulse rounded bg-slate-200" aria-hidden="true" />
      <div className="grid gap-6 lg:grid-cols-3" aria-hidden="true">
        <div className="space-y-6 lg:col-span-2">
          <div className="h-56 animate-pulse rounded-lg border border-slate-200 bg-white" />
          <div className="h-72 animate-pulse rounded-lg border border-slate-200 bg-white" />
        </div>
        <div className="space-y-6">
          <div className="h-40 animate-pulse rounded-lg border border-slate-200 bg-white" />
          <div className="h-32 animate-pulse rounded-lg border border-slate-200 bg-white" />
        </div>
      </div>
    </div>
  );
}
