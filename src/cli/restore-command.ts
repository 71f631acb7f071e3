import { restoreBackup } from "../backup/restore.js";
import { configWithDataDir, parseFileCommand, withPostgres } from "./backup-command.js";

const HELP = `Usage: palpable restore <file> [--force] [--data-dir DIR]

Restores a backup made by "palpable backup" into the data directory (and, with DATABASE_URL,
into that PostgreSQL database). Every file in the archive is checked against its manifest
before anything is written. Stop the server first. The restored database is then migrated to
this version of Palpable.

Options:
  --force          Replace a database and files that are already there
  --data-dir DIR   Where data lives (default: $PALPABLE_DATA_DIR or ./data)
  -h, --help       Show this help
`;

export async function restoreCommand(argv: string[]): Promise<number> {
  const args = parseFileCommand(argv, ["force"], HELP);
  if (!args) return 0;
  const config = configWithDataDir(args.dataDir);
  return withPostgres(config, async (database) => {
    const result = await restoreBackup({ config, source: args.file, force: args.force, ...(database ? { database } : {}) });
    const { manifest } = result;
    process.stdout.write(`Restored the backup of ${manifest.createdAt} (Palpable ${manifest.palpableVersion}).\n`);
    if (result.signatureKey === "archive") {
      process.stdout.write(
        "Its manifest signature was checked with the secret inside the backup (this data dir had none): that shows the archive is intact, not who made it.\n",
      );
    }
    if (result.migrated.length > 0) process.stdout.write(`Migrated forward: ${result.migrated.join(", ")}\n`);
    process.stdout.write("Rows per table:\n");
    for (const [table, count] of Object.entries(result.tableRowCounts)) process.stdout.write(`  ${table.padEnd(32)} ${count}\n`);
    process.stdout.write(`${result.filesRestored} stored files restored.\n`);
    return 0;
  });
}
