import { parseArgs } from "node:util";
import { createBackup } from "../backup/backup.js";
import { BackupError } from "../backup/errors.js";
import { configFromCommandLine, type AppConfig } from "../platform/config.js";
import { openDatabase, type Database } from "../db/database.js";
import { systemClock } from "../shared/clock.js";
import { CliError } from "./cli-error.js";

const HELP = `Usage: palpable backup <file> [--data-dir DIR]

Writes one archive (a zip) with a consistent copy of the database, every uploaded file it
refers to, the auth secret file and a manifest of checksums. Safe while the server runs.
On PostgreSQL (DATABASE_URL) the database is dumped with pg_dump, which must be at least as
new as the server.

Options:
  --data-dir DIR   Where data lives (default: $PALPABLE_DATA_DIR or ./data)
  -h, --help       Show this help
`;

export async function backupCommand(argv: string[]): Promise<number> {
  const args = parseFileCommand(argv, [], HELP);
  if (!args) return 0;
  const config = configWithDataDir(args.dataDir);
  return withPostgres(config, async (database) => {
    const { file, manifest } = await createBackup({ config, target: args.file, clock: systemClock, ...(database ? { database } : {}) });
    const rows = Object.values(manifest.tableRowCounts).reduce((sum, n) => sum + n, 0);
    process.stdout.write(
      `Backup written to ${file}: ${manifest.databaseKind} database (${Object.keys(manifest.tableRowCounts).length} tables, ` +
        `${rows} rows) and ${manifest.blobCount} stored files.\n`,
    );
    return 0;
  });
}

/** Parses `<file>` plus --data-dir (and the named boolean flags); --help prints and returns undefined. */
export function parseFileCommand<F extends string>(
  argv: string[],
  flags: readonly F[],
  help: string,
): ({ file: string; dataDir: string | undefined } & Record<F, boolean>) | undefined {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        ...Object.fromEntries(flags.map((flag) => [flag, { type: "boolean" as const }])),
        "data-dir": { type: "string" as const },
        help: { type: "boolean" as const, short: "h" },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new CliError(`${error instanceof Error ? error.message : String(error)}\n\n${help}`, 2);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help === true) {
    process.stdout.write(help);
    return undefined;
  }
  const [file, ...extra] = parsed.positionals;
  if (file === undefined || file === "") throw new CliError(`Name the backup file\n\n${help}`, 2);
  if (extra.length > 0) throw new CliError(`Name one backup file, not ${parsed.positionals.length}\n\n${help}`, 2);
  const chosen = Object.fromEntries(flags.map((flag) => [flag, values[flag] === true])) as Record<F, boolean>;
  const dataDir = typeof values["data-dir"] === "string" ? values["data-dir"] : undefined;
  return { ...chosen, file, dataDir };
}

export function configWithDataDir(dataDir: string | undefined): AppConfig {
  return configFromCommandLine({ dataDir });
}

/** Runs `work` with the PostgreSQL database open when one is configured; turns BackupError into a one-line CLI error. */
export async function withPostgres(config: AppConfig, work: (database: Database | undefined) => Promise<number>): Promise<number> {
  const database = config.database.kind === "postgres" ? openDatabase(config.database) : undefined;
  try {
    return await work(database);
  } catch (error) {
    if (error instanceof BackupError) throw new CliError(error.message);
    throw error;
  } finally {
    await database?.close();
  }
}
