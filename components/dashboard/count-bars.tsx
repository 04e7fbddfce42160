import Link from "next/link";

export interface CountBar {
  key: string;
  label: React.ReactNode;
  /** Plain-text name of the row, for the link's accessible name. */
  name: string;
  count: number;
  href?: string;
}

/**
 * A list of counts with a proportional bar behind each: the numbers are text, the bars are
 * decoration (aria-hidden), so a screen reader reads "New 12".
 */
export function CountBars({ rows, label, testId }: { rows: CountBar[]; label: string; testId?: string }) {
  const max = Math.max(1, ...rows.map((row) => row.count));
  return (
    <ul aria-label={label} className="space-y-2" data-testid={testId}>
      {rows.map((row) => (
        <li key={row.key} className="grid grid-cols-[9rem_1fr_3rem] items-center gap-3 text-sm">
          <span>{row.label}</span>
          <span aria-hidden="true" className="h-2.5 overflow-hidden rounded bg-slate-100">
            <span className="block h-full rounded bg-sky-600" style={{ width: `${(row.count / max) * 100}%` }} />
          </span>
          <span className="text-right font-medium tabular-nums">
            {row.href && row.count > 0 ? (
              <Link
                href={row.href}
                aria-label={`${row.count} ${row.name}`}
                className="text-sky-800 underline-offset-2 hover:underline"
              >
                {row.count}
              </Link>
            ) : (
              row.count
            )}
          </span>
        </li>
      ))}
    </ul>
  );
}
