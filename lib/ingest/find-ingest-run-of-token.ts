import type { Db } from "@/lib/db/client";
import type { IngestRun } from "@/lib/generated/prisma/client";

/** An ingest run, if this API token sent it: the ownership is in the query, not checked afterwards. */
export async function findIngestRunOfToken(db: Db, { runId, tokenId }: { runId: string; tokenId: string }): Promise<IngestRun | null> {
  return db.ingestRun.findFirst({ where: { id: runId, apiTokenId: tokenId } });
}
