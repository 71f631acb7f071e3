import { CliError } from "./cli-error.js";

type Command = (argv: string[]) => Promise<number>;

/**
 * Every command, imported only when it runs: `palpable --help` loads this file alone, and
 * `palpable activity` never loads the server, the database or better-auth. In the built CLI each
 * `import()` is a chunk of its own.
 */
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  start: {
    summary: "Start the server (web app, API and client check-in pages)",
    load: async () => (await import("./start-command.js")).startCommand,
  },
  demo: {
    summary: "Fill a fresh data directory with a demo practice",
    load: async () => (await import("./demo-command.js")).demoCommand,
  },
  "user add": {
    summary: "Add a practitioner (and, if needed, a new practice)",
    load: async () => (await import("./user-command.js")).userAddCommand,
  },
  import: {
    summary: "Import a client's training files (FIT, GPX, TCX, zips, Strava and Garmin exports)",
    load: async () => (await import("./import-command.js")).importCommand,
  },
  activity: {
    summary: "Read training files without a database and print what they contain (JSON lines)",
    load: async () => (await import("./activity-command.js")).activityCommand,
  },
  reprocess: {
    summary: "Recompute every stored activity from its raw file",
    load: async () => (await import("./reprocess-command.js")).reprocessCommand,
  },
  backup: {
    summary: "Write the database and stored files into one archive (safe while the server runs)",
    load: async () => (await import("./backup-command.js")).backupCommand,
  },
  restore: {
    summary: "Restore a backup into an empty data directory (or replace one with --force)",
    load: async () => (await import("./restore-command.js")).restoreCommand,
  },
};

const HELP = `palpable — practice-based evidence for therapists who treat runners

Usage: palpable <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, { summary }]) => `  ${name.padEnd(11)} ${summary}`)
  .join("\n")}

Run "palpable <command> --help" for a command's options.
Environment: PALPABLE_DATA_DIR (default ./data), PORT (default 3000), DATABASE_URL (PostgreSQL).
`;

/** Runs one CLI command and returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case "help":
      case "--help":
      case "-h":
        process.stdout.write(HELP);
        return command === undefined ? 2 : 0;
      case "user": {
        const sub = COMMANDS[`user ${rest[0] ?? ""}`];
        if (sub) return await (await sub.load())(rest.slice(1));
        process.stderr.write(`Unknown user command "${rest[0] ?? ""}". Try: palpable user add --help\n`);
        return 2;
      }
      default: {
        const found = Object.hasOwn(COMMANDS, command) && !command.includes(" ") ? COMMANDS[command] : undefined;
        if (found) return await (await found.load())(rest);
        process.stderr.write(`Unknown command "${command}".\n\n${HELP}`);
        return 2;
      }
    }
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`palpable: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}
