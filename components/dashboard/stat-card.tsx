/** One headline figure with its label and a line of context. */
export function StatCard({
  label,
  value,
  detail,
  testId,
}: {
  label: string;
  value: React.ReactNode;
  detail?: React.ReactNode;
  testId?: string;
}) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 className="text-sm font-medium text-slate-600">{label}</h2>
      <p className="mt-1 text-3xl font-semibold tabular-nums text-slate-900" data-testid={testId}>
        {value}
      </p>
      {detail ? <p className="mt-1 text-xs text-slate-600">{detail}</p> : null}
    </section>
  );
}
