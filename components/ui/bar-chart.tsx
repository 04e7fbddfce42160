import { useId } from "react";

export interface BarDatum {
  key: string;
  /** Shown under the first, middle and last bars and in the table. */
  label: string;
  value: number;
}

/**
 * A small inline SVG bar chart. The picture is one labelled image for screen readers (title and
 * description); the numbers are also in a table under a disclosure, for anyone who wants them.
 */
export function BarChart({
  title,
  description,
  bars,
  labelHeading,
  valueHeading,
  height = 180,
}: {
  title: string;
  description: string;
  bars: BarDatum[];
  labelHeading: string;
  valueHeading: string;
  height?: number;
}) {
  const id = useId();
  const width = 720;
  const left = 44;
  const bottom = 22;
  const top = 8;
  const plotWidth = width - left - 8;
  const plotHeight = height - top - bottom;
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const slot = bars.length ? plotWidth / bars.length : plotWidth;
  const gap = slot > 4 ? Math.min(2, slot * 0.2) : 0;
  const ticks = [0, Math.round(max / 2), max].filter((tick, index, all) => all.indexOf(tick) === index);
  const labelled = new Set([0, Math.floor((bars.length - 1) / 2), bars.length - 1]);

  return (
    <figure className="space-y-2">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        className="h-auto w-full"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {ticks.map((tick) => {
          const y = top + plotHeight - (tick / max) * plotHeight;
          return (
            <g key={tick} aria-hidden="true">
              <line x1={left} x2={width - 8} y1={y} y2={y} className="stroke-slate-200" strokeWidth={1} />
              <text x={left - 6} y={y + 4} textAnchor="end" className="fill-slate-600 text-[11px]">
                {tick}
              </text>
            </g>
          );
        })}
        {bars.map((bar, index) => {
          const barHeight = (bar.value / max) * plotHeight;
          const x = left + index * slot + gap / 2;
          return (
            <g key={bar.key}>
              <rect
                x={x}
                y={top + plotHeight - barHeight}
                width={Math.max(0.5, slot - gap)}
                height={barHeight}
                className="fill-sky-600"
              >
                <title>{`${bar.label}: ${bar.value}`}</title>
              </rect>
              {labelled.has(index) ? (
                <text
                  x={x + (slot - gap) / 2}
                  y={height - 6}
                  textAnchor={index === 0 ? "start" : index === bars.length - 1 ? "end" : "middle"}
                  className="fill-slate-600 text-[11px]"
                  aria-hidden="true"
                >
                  {bar.label}
                </text>
              ) : null}
            </g>
          );
        })}
        <line
          x1={left}
          x2={width - 8}
          y1={top + plotHeight}
          y2={top + plotHeight}
          className="stroke-slate-400"
          strokeWidth={1}
          aria-hidden="true"
        />
      </svg>
      <figcaption className="text-xs text-slate-600">{description}</figcaption>
      <details className="text-sm">
        <summary className="cursor-pointer text-sky-700">Show the numbers as a table</summary>
        <div className="mt-2 max-h-64 overflow-y-auto rounded border border-slate-200">
          <table className="w-full text-left text-xs">
            <caption className="sr-only">{title}</caption>
            <thead className="sticky top-0 bg-slate-50">
              <tr>
                <th scope="col" className="px-3 py-1">
                  {labelHeading}
                </th>
                <th scope="col" className="px-3 py-1 text-right">
                  {valueHeading}
                </th>
              </tr>
            </thead>
            <tbody>
              {bars.map((bar) => (
                <tr key={bar.key} className="border-t border-slate-100">
                  <td className="px-3 py-1 tabular-nums">{bar.label}</td>
                  <td className="px-3 py-1 text-right tabular-nums">{bar.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
