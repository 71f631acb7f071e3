import { activityCommand } from "./activity-command.js";
import { backupCommand } from "./backup-command.js";
import { demoCommand } from "./demo-command.js";
import { importCommand } from "./import-command.js";
import { reprocessCommand } from "./reprocess-command.js";
import { restoreCommand } from "./restore-command.js";
import { startCommand } from "./start-command.js";
import { userAddCommand } from "./user-command.js";
import { CliError } from "./cli-error.js";

const HELP = `palpable — practice-based evidence for therapists who treat runners

Usage: palpable <command> [options]

Commands:
  start       Start the server (web app, API and client check-in pages)
  demo        Fill a fresh data directory with a demo practice
  user add    Add a practitioner (and, if needed, a new practice)
  import      Import a client's training files (FIT, GPX, TCX, zips, Strava and Garmin exports)
  activity    Read training files without a database and print what they contain (JSON lines)
  reprocess   Recompute every stored activity from its raw file
  backup      Write the database and stored files into one archive (safe while the server runs)
  restore     Restore a backup into an empty data directory (or replace one with --force)

Run "palpable <command> --help" for a command's options.
Environment: PALPABLE_DATA_DIR (default ./data), PORT (default 3000), DATABASE_URL (PostgreSQL).
`;

/** Runs one CLI command and returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "start":
        return await startCommand(rest);
      case "demo":
        return await demoCommand(rest);
      case "import":
        return await importCommand(rest);
      case "activity":
        return await activityCommand(rest);
      case "reprocess":
        return await reprocessCommand(rest);
      case "backup":
        return await backupCommand(rest);
      case "restore":
        return await restoreCommand(rest);
      case "user":
        if (rest[0] === "add") return await userAddCommand(rest.slice(1));
        process.stderr.write(`Unknown user command "${rest[0] ?? ""}". Try: palpable user add --help\n`);
        return 2;
      case undefined:
      case "help":
      case "--help":
      case "-h":
        process.stdout.write(HELP);
        return command === undefined ? 2 : 0;
      default:
        process.stderr.write(`Unknown command "${command}".\n\n${HELP}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`palpable: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}
