import { Badge } from "@/components/ui/badge";
import { UtcTime } from "@/components/ui/utc-time";
import type { StreamHealth } from "@/lib/ingest/streams/stream-health";

/** A lag past three rotations means a collector or its transfer has stopped. */
const STALE_AFTER_SECONDS = 15 * 60;

function formatLag(seconds: number): string {
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 48 * 3600) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} days`;
}

/** Per collector: how fresh its newest file is, what is missing, and what was counted. */
export function StreamHealthTable({ streams }: { streams: StreamHealth[] }) {
  return (
    <div
      className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white"
      tabIndex={0}
      role="region"
      aria-label="Streams, scrollable"
    >
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Streams: each collector's files over the last 24 hours</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            {[
              "Stream",
              "Newest flows",
              "Behind now",
              "Missing 5-minute slots",
              "Late files",
              "Files",
              "Flows counted",
              "Repeats ignored",
              "Waiting",
            ].map((heading) => (
              <th key={heading} scope="col" className="px-3 py-2 whitespace-nowrap">
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {streams.map((stream) => (
            <tr key={stream.name} className="border-t border-slate-100 align-top" data-testid="stream-health">
              <th scope="row" className="px-3 py-2 font-medium">
                {stream.name}
              </th>
              <td className="px-3 py-2 whitespace-nowrap">
                {stream.newestDataAt ? (
                  <UtcTime value={new Date(stream.newestDataAt)} withSeconds={false} />
                ) : (
                  "no flows yet"
                )}
              </td>
              <td className="px-3 py-2 whitespace-nowrap">
                {stream.lagSeconds === null ? (
                  "—"
                ) : (
                  <Badge tone={stream.lagSeconds > STALE_AFTER_SECONDS ? "amber" : "emerald"}>
                    {formatLag(stream.lagSeconds)}
                  </Badge>
                )}
              </td>
              <td className="px-3 py-2 tabular-nums">
                {stream.missingSlots === 0 ? (
                  "none"
                ) : (
                  <details>
                    <summary className="cursor-pointer">{stream.missingSlots}</summary>
                    <ul className="mt-1 space-y-0.5 text-xs">
                      {stream.gaps.map((gap) => (
                        <li key={gap.from}>
                          <UtcTime value={new Date(gap.from)} withSeconds={false} /> to{" "}
                          <UtcTime value={new Date(gap.to)} withSeconds={false} />
                        </li>
                      ))}
                    </ul>
                  </details>
                )}
              </td>
              <td className="px-3 py-2 tabular-nums">{stream.lateFiles}</td>
              <td className="px-3 py-2 tabular-nums">{stream.files}</td>
              <td className="px-3 py-2 tabular-nums">{stream.flowsCounted.toLocaleString("en-GB")}</td>
              <td className="px-3 py-2 tabular-nums">{stream.flowsRepeated.toLocaleString("en-GB")}</td>
              <td className="px-3 py-2 tabular-nums">{stream.queuedFiles}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
