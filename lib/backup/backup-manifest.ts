import { z } from "zod";

/** The first entry of every backup archive: what it holds, and the checksum of each part. */
export const BACKUP_FORMAT = "csirt-incidents-backup";
export const BACKUP_VERSION = 1;
export const MANIFEST_NAME = "manifest.json";
export const DATABASE_NAME = "database.tar.gz";
/** Stored files sit under files/<root>/…: "data" is DATA_DIR, "inbox" the drop folder when it lives elsewhere. */
export const FILES_DIR = "files";

const ZSha256 = z.string().regex(/^[0-9a-f]{64}$/, "a SHA-256 in hex");
const ZRelativePath = z
  .string()
  .min(1)
  .refine((value) => !value.startsWith("/") && !value.split("/").includes(".."), "a path inside the archive");

export const ZBackupManifestSchema = z
  .object({
    format: z.literal(BACKUP_FORMAT),
    version: z.literal(BACKUP_VERSION),
    createdAt: z.iso.datetime(),
    database: z.discriminatedUnion("kind", [
      z
        .object({
          kind: z.literal("pglite"),
          file: z.literal(DATABASE_NAME),
          bytes: z.number().int().nonnegative(),
          sha256: ZSha256,
          migrations: z.array(z.string().min(1)),
        })
        .strict(),
      z.object({ kind: z.literal("postgres"), note: z.string() }).strict(),
    ]),
    roots: z.object({ data: z.string().min(1), inbox: z.string().min(1).optional() }).strict(),
    files: z.array(z.object({ path: ZRelativePath, bytes: z.number().int().nonnegative(), sha256: ZSha256 }).strict()),
  })
  .strict();

export type TBackupManifest = z.infer<typeof ZBackupManifestSchema>;
