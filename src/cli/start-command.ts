import { configFromCommandLine } from "../platform/config.js";
import { DataDirLockedError } from "../db/data-dir-lock.js";
import { isSetupNeeded } from "../practices/service.js";
import { startServer, WEB_DIR } from "../app/start.js";
import { systemClock } from "../shared/clock.js";
import { createLogger } from "../shared/logger.js";
import { parseCommandArgs } from "./args.js";
import { CliError } from "./cli-error.js";

const HELP = `Usage: palpable start [--port N] [--data-dir DIR]

Starts Palpable: the web app, the API and the client check-in pages, on one port.

Options:
  --port N          Port to listen on (default: $PORT or 3000; 0 picks a free one)
  --data-dir DIR    Where data lives (default: $PALPABLE_DATA_DIR or ./data)
  -h, --help        Show this help

Uses PostgreSQL when DATABASE_URL is set, otherwise SQLite in the data directory.
`;

export async function startCommand(argv: string[]): Promise<number> {
  const args = parseCommandArgs(argv, { port: { type: "string" }, "data-dir": { type: "string" } }, HELP);
  if (!args) return 0;
  const config = configFromCommandLine({ port: args.port, dataDir: args["data-dir"] });
  const logger = createLogger({ level: config.logLevel });
  let server;
  try {
    server = await startServer({ config, logger, clock: systemClock, webDir: WEB_DIR });
  } catch (error) {
    if (error instanceof DataDirLockedError) throw new CliError(error.message);
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new CliError(`Port ${config.port} is already in use. Set PORT to another port.`);
    }
    throw error;
  }
  const setup = await isSetupNeeded(server.database);
  const where = config.database.kind === "sqlite" ? `SQLite in ${config.dataDir}` : "PostgreSQL";
  process.stdout.write(`Palpable is running at ${server.url} (data: ${where})\n`);
  if (setup) process.stdout.write(`First run: open ${server.url}/setup to create your practice.\n`);

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  process.stdout.write("Stopping…\n");
  await server.close();
  return 0;
}
