/** A skeleton for one part of a page while its data streams in (inside <Suspense>), announced once. */
export function LoadingBlock({ label, height = "h-64" }: { label: string; height?: string }) {
  return (
    <div role="status" aria-live="polite">
      <span className="sr-only">{label}</span>
      <div aria-hidden="true" className={`${height} animate-pulse rounded-lg border border-slate-200 bg-white`} />
    </div>
  );
}
