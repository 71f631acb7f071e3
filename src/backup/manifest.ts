import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { packageRoot } from "../shared/package-root.js";

/** The layout of a backup archive; raised when the layout changes in a way older readers cannot follow. */
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_NAME = "manifest.json";
export const SQLITE_ENTRY = "database/palpable.sqlite";
export const POSTGRES_ENTRY = "database/palpable.pgdump";
export const AUTH_SECRET_ENTRY = "auth-secret";
/** HMAC-SHA256 of manifest.json's exact bytes, keyed from the installation's secret (see signature.ts). */
export const SIGNATURE_NAME = "manifest.sig";

/** blobs/<practice id>/<first two hex digits>/<sha256>: the blob store's own layout. */
const BLOB_ENTRY = /^blobs\/[0-9A-Za-z-]{1,64}\/([0-9a-f]{2})\/([0-9a-f]{64})$/;

/** The only names an archive may hold, so no entry can point outside the directory it is restored into. */
export function isKnownEntryName(name: string): boolean {
  if (name === SQLITE_ENTRY || name === POSTGRES_ENTRY || name === AUTH_SECRET_ENTRY) return true;
  const blob = BLOB_ENTRY.exec(name);
  return blob !== null && blob[2]?.startsWith(blob[1] ?? "") === true;
}

export function isBlobEntry(name: string): boolean {
  return BLOB_ENTRY.test(name);
}

export function blobEntryName(practiceId: string, sha256: string): string {
  return `blobs/${practiceId}/${sha256.slice(0, 2)}/${sha256}`;
}

const entrySchema = z.object({
  name: z.string().refine(isKnownEntryName, "is not a name a Palpable backup holds"),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  sizeBytes: z.number().int().nonnegative(),
});

export const manifestSchema = z.object({
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  palpableVersion: z.string().min(1),
  createdAt: z.iso.datetime(),
  databaseKind: z.enum(["sqlite", "postgres"]),
  /** PostgreSQL only: the schema the tables were dumped from. */
  postgresSchema: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
    .optional(),
  /** PostgreSQL only: the server version the dump was taken from. */
  postgresServerVersion: z.string().optional(),
  migrations: z.array(z.string()),
  tableRowCounts: z.record(z.string(), z.number().int().nonnegative()),
  /** PostgreSQL only: per table, an MD5 over the MD5 of each row's text, compared after pg_restore. */
  tableChecksums: z.record(z.string(), z.string().regex(/^[0-9a-f]{32}$/)).optional(),
  blobCount: z.number().int().nonnegative(),
  entries: z.array(entrySchema),
});

export type BackupManifest = z.infer<typeof manifestSchema>;
export type ManifestEntry = z.infer<typeof entrySchema>;

/** The version in package.json, recorded so a restore can say which release made a backup. */
export function palpableVersion(): string {
  const text = fs.readFileSync(path.join(packageRoot(), "package.json"), "utf8");
  const parsed = z.object({ version: z.string() }).parse(JSON.parse(text));
  return parsed.version;
}
