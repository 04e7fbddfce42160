import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getSettings } from "@/lib/settings/get-settings";

const MIB = 1024 ** 2;
const HOUR_MS = 3_600_000;

/** Who is sending a file: an analyst on the ingest page, or a collector's API token. */
export type TUploader = { kind: "user"; userId: string } | { kind: "token"; tokenId: string };

export interface UploadAllowance {
  /** The most this request's body may hold; the streaming writer stops there. */
  maxBytes: number;
}

function mib(bytes: number): string {
  return `${Math.ceil(bytes / MIB).toLocaleString("en")} MiB`;
}

async function bytesSince(db: Db, uploader: TUploader, since: Date): Promise<number> {
  const owner = uploader.kind === "user" ? { createdById: uploader.userId } : { apiTokenId: uploader.tokenId };
  const { _sum } = await db.ingestRun.aggregate({
    where: { ...owner, createdAt: { gte: since } },
    _sum: { bytes: true },
  });
  return Number(_sum.bytes ?? 0);
}

/**
 * Decides, before a byte of the body is read, whether this caller may upload now and how much:
 * the per-request limit and what is left of the hourly and daily quotas (settings `upload.*`;
 * what was received is counted from the caller's ingest runs, so every web process agrees).
 * `declaredBytes` is the Content-Length when the client sent one.
 */
export async function checkUploadAllowance(
  db: Db,
  { uploader, declaredBytes, now = new Date() }: { uploader: TUploader; declaredBytes: number | null; now?: Date },
): Promise<UploadAllowance> {
  const settings = await getSettings(db);
  const perRequest = settings["upload.maxRequestMiB"] * MIB;
  if (declaredBytes !== null && declaredBytes > perRequest) {
    throw new AppError(
      "PAYLOAD_TOO_LARGE",
      `The file is larger than ${mib(perRequest)}, the most one upload may hold.`,
      { limitBytes: perRequest },
    );
  }
  const [lastHour, lastDay] = await Promise.all([
    bytesSince(db, uploader, new Date(now.getTime() - HOUR_MS)),
    bytesSince(db, uploader, new Date(now.getTime() - 24 * HOUR_MS)),
  ]);
  const quotas = [
    {
      left: settings["upload.callerMiBPerHour"] * MIB - lastHour,
      period: "hour",
      limit: settings["upload.callerMiBPerHour"] * MIB,
    },
    {
      left: settings["upload.callerMiBPerDay"] * MIB - lastDay,
      period: "day",
      limit: settings["upload.callerMiBPerDay"] * MIB,
    },
  ];
  for (const quota of quotas) {
    if (quota.left <= 0 || (declaredBytes !== null && declaredBytes > quota.left)) {
      throw new AppError(
        "RATE_LIMITED",
        `Upload quota reached: ${mib(quota.limit)} per ${quota.period}, ${mib(Math.max(0, quota.left))} left. Try again later.`,
        { period: quota.period, limitBytes: quota.limit, remainingBytes: Math.max(0, quota.left) },
      );
    }
  }
  return { maxBytes: Math.min(perRequest, ...quotas.map((quota) => quota.left)) };
}

/** The Content-Length header as a number, or null when absent or not a number. */
export function declaredLength(headers: Headers): number | null {
  const text = headers.get("content-length");
  if (text === null || !/^\d{1,16}$/.test(text.trim())) return null;
  return Number(text);
}
