import path from "node:path";
import { configFromCommandLine } from "../platform/config.js";
import { DiskBlobStore } from "../platform/storage/blob-store.js";
import { lockDataDir, DataDirLockedError } from "../db/data-dir-lock.js";
import { openDatabase } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";
import { DEMO_LOGINS, DEMO_PASSWORD, DEMO_PRACTICE_NAME, seedDemo } from "../demo/seed.js";
import { systemClock } from "../shared/clock.js";
import { parseCommandArgs } from "./args.js";
import { CliError } from "./cli-error.js";

const HELP = `Usage: palpable demo [--data-dir DIR]

Fills a fresh data directory (or an empty PostgreSQL database) with a demo practice:
practitioners, about 30 runners with varied backgrounds, and their records.
Then run "palpable start" and sign in with one of the printed demo logins.

Options:
  --data-dir DIR   Where data lives (default: $PALPABLE_DATA_DIR or ./data)
  -h, --help       Show this help
`;

export async function demoCommand(argv: string[]): Promise<number> {
  const args = parseCommandArgs(argv, { "data-dir": { type: "string" } }, HELP);
  if (!args) return 0;
  const config = configFromCommandLine({ dataDir: args["data-dir"] });
  let lock;
  try {
    lock = config.database.kind === "sqlite" ? lockDataDir(config.dataDir) : undefined;
  } catch (error) {
    if (error instanceof DataDirLockedError) throw new CliError(`${error.message} (stop the server before loading the demo)`);
    throw error;
  }
  const database = openDatabase(config.database);
  try {
    await migrateToLatest(database);
    const { clients, activities } = await seedDemo(database, systemClock, new DiskBlobStore(path.join(config.dataDir, "blobs")));
    process.stdout.write(`Demo practice "${DEMO_PRACTICE_NAME}" created with ${clients} clients and ${activities} runs.\n`);
    process.stdout.write(`Sign in with any of these (password: ${DEMO_PASSWORD}):\n`);
    for (const login of DEMO_LOGINS) process.stdout.write(`  ${login.email}  (${login.role})\n`);
    process.stdout.write(`Now run: npm start\n`);
    return 0;
  } catch (error) {
    if (error instanceof Error && error.message.startsWith("This data directory already has a practice")) throw new CliError(error.message);
    throw error;
  } finally {
    await database.close();
    lock?.release();
  }
}
