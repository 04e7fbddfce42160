import { countOf } from "@/lib/labels";
import { BarChart } from "@/components/ui/bar-chart";
import type { DailyCount } from "@/lib/dashboard/count-incidents-per-day";

const DAY_LABEL = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

function label(day: string): string {
  return DAY_LABEL.format(new Date(`${day}T00:00:00Z`));
}

/** Incidents raised per day: the SVG for the eye, a one-sentence summary and the table for everyone else. */
export function IncidentsPerDayChart({ days }: { days: DailyCount[] }) {
  const total = days.reduce((sum, day) => sum + day.count, 0);
  const peak = days.reduce((best, day) => (day.count > best.count ? day : best), days[0] ?? { day: "", count: 0 });
  const first = days[0];
  const last = days.at(-1);
  const description =
    first && last
      ? `${countOf(total, "incident")} raised from ${label(first.day)} to ${label(last.day)} (UTC days)${total > 0 ? `; the busiest day was ${label(peak.day)} with ${peak.count}` : ""}.`
      : "No days to show.";
  return (
    <BarChart
      title="Incidents raised per day, last 30 days"
      description={description}
      bars={days.map((day) => ({ key: day.day, label: label(day.day), value: day.count }))}
      labelHeading="Day (UTC)"
      valueHeading="Incidents raised"
    />
  );
}
