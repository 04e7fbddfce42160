import { BarChart } from "@/components/ui/bar-chart";
import type { IncidentActivity } from "@/lib/incidents/get-incident-detail";

function label(start: number, bucketMinutes: number): string {
  const iso = new Date(start).toISOString();
  return bucketMinutes >= 1440 ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

function bucketText(minutes: number): string {
  if (minutes === 1) return "minute";
  if (minutes % 1440 === 0) return minutes === 1440 ? "day" : `${minutes / 1440} days`;
  if (minutes % 60 === 0) return minutes === 60 ? "hour" : `${minutes / 60} hours`;
  return `${minutes} minutes`;
}

/** Flows per minute (or wider bucket) over the incident's activity, with its text alternative. */
export function ActivityChart({ activity }: { activity: IncidentActivity }) {
  if (activity.bins.length === 0)
    return <p className="text-sm text-slate-600">No flow times are stored for this incident.</p>;
  const per = bucketText(activity.bucketMinutes);
  const peak = activity.bins.reduce((best, bin) => (bin.count > best.count ? bin : best), activity.bins[0]!);
  const from =
    activity.source === "flows"
      ? `${activity.flows.toLocaleString("en-GB")} flows kept as evidence`
      : `the ${activity.flows} flows of the log sample only`;
  const description =
    `Flows per ${per} from ${label(activity.bins[0]!.start, activity.bucketMinutes)} to ${label(activity.bins.at(-1)!.start, activity.bucketMinutes)} UTC, ` +
    `counted from ${from}${activity.partial && activity.source === "flows" ? " (some files kept only their first flows)" : ""}. ` +
    `Busiest ${per}: ${label(peak.start, activity.bucketMinutes)} UTC with ${peak.count} flows.`;
  return (
    <BarChart
      title={`Flows per ${per}`}
      description={description}
      labelHeading={`${per[0]!.toUpperCase()}${per.slice(1)} starting (UTC)`}
      valueHeading="Flows"
      bars={activity.bins.map((bin) => ({
        key: String(bin.start),
        label: label(bin.start, activity.bucketMinutes),
        value: bin.count,
      }))}
    />
  );
}
