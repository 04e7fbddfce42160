import type { Db } from "@/lib/db/client";

/** The stream's id, created on first use (safe under concurrent callers). */
export async function ensureStream(db: Db, name: string): Promise<string> {
  const stream = await db.ingestStream.upsert({ where: { name }, create: { name }, update: {}, select: { id: true } });
  return stream.id;
}
