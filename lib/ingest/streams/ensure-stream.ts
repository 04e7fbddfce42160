import type { Db } from "@/lib/db/client";

/**
 * The stream's id, created on first use. Two workers registering the first files of a new stream
 * at once both get the one row: Prisma's upsert reads, then inserts, and the loser of that race
 * fails on the unique name, so the insert here is PostgreSQL's own `ON CONFLICT DO NOTHING`.
 */
export async function ensureStream(db: Db, name: string): Promise<string> {
  await db.$executeRaw`
    INSERT INTO "IngestStream" (id, name, "updatedAt") VALUES (gen_random_uuid(), ${name}, now())
    ON CONFLICT (name) DO NOTHING`;
  const stream = await db.ingestStream.findUniqueOrThrow({ where: { name }, select: { id: true } });
  return stream.id;
}
