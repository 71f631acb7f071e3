import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { findClientsByEmailAcrossPractices } from "../clients/repository.js";
import { configFromEnv } from "../platform/config.js";
import { openDatabase } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";
import { systemClock } from "../shared/clock.js";
import { DiskBlobStore } from "../platform/storage/blob-store.js";
import { importUpload, type FileOutcome } from "../training/import-upload.js";
import { splitPositionals } from "./activity-command.js";
import { parseCommandArgs } from "./args.js";
import { CliError } from "./cli-error.js";
import { expandPaths } from "./files.js";

const HELP = `Usage: palpable import --client EMAIL [--practice-name P] <file|dir|zip>... [--json]

Imports training files for a client: FIT, GPX or TCX files (gzipped or not), folders of them,
or zips such as a Strava bulk export or a Garmin Connect data export. Files already imported
for the client are skipped. Each file's result is printed: imported, duplicate, or rejected
with the reason.

Options:
  --client EMAIL          The client's email (required)
  --practice-name P       The practice, when the email belongs to clients of several
  --json                  One JSON object per file per line instead of a progress line
  -h, --help              Show this help
`;

export async function importCommand(argv: string[]): Promise<number> {
  const { values, positionals } = splitPositionals(argv);
  const args = parseCommandArgs(
    values,
    { client: { type: "string" }, "practice-name": { type: "string" }, json: { type: "boolean" } },
    HELP,
  );
  if (!args) return 0;
  if (!args.client) throw new CliError("--client is required (see --help)", 2);
  if (positionals.length === 0) throw new CliError("Name at least one file, folder or zip to import", 2);

  const config = configFromEnv();
  const database = openDatabase(config.database);
  try {
    await migrateToLatest(database);
    const matches = (await findClientsByEmailAcrossPractices(database.db, args.client.trim().toLowerCase())).filter(
      (m) => args["practice-name"] === undefined || m.practice_name === args["practice-name"],
    );
    if (matches.length === 0) throw new CliError(`No client has the email ${args.client}`);
    if (matches.length > 1) throw new CliError(`Clients of several practices have the email ${args.client}; add --practice-name`);
    const [client] = matches;
    if (!client) throw new CliError("client lookup failed");
    const deps = { database, clock: systemClock, blobs: new DiskBlobStore(path.join(config.dataDir, "blobs")) };
    const scope = { practiceId: client.practice_id };
    const totals = { imported: 0, duplicate: 0, rejected: 0, skipped: 0 };
    const progress = new Progress(Boolean(args.json) || !process.stdout.isTTY);
    for (const file of await expandPaths(positionals)) {
      if (!fs.existsSync(file)) {
        report(args.json, { file, status: "rejected", reason: "corrupt", message: "no such file" }, progress);
        totals.rejected += 1;
        continue;
      }
      const result = await importUpload(deps, scope, client.id, { path: file, name: path.basename(file) }, (outcome) => {
        totals[outcome.status] += 1;
        report(args.json, outcome, progress);
        progress.update(totals);
      });
      totals.skipped += result.skipped;
    }
    progress.done();
    if (!args.json) {
      process.stdout.write(
        `${totals.imported} imported, ${totals.duplicate} duplicates, ${totals.rejected} rejected, ${totals.skipped} other files skipped${os.EOL}`,
      );
    }
    return totals.rejected > 0 ? 1 : 0;
  } finally {
    await database.close();
  }
}

function report(json: boolean | undefined, outcome: FileOutcome, progress: Progress): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(outcome)}\n`);
  } else if (outcome.status === "rejected") {
    progress.clear();
    process.stdout.write(`rejected ${outcome.file}: ${outcome.message}\n`);
  }
}

/** One self-overwriting status line on a terminal; nothing when output is piped. */
class Progress {
  private shown = false;
  constructor(private readonly quiet: boolean) {}
  update(t: { imported: number; duplicate: number; rejected: number }): void {
    if (this.quiet) return;
    const done = t.imported + t.duplicate + t.rejected;
    const bar = "#".repeat(Math.min(30, Math.floor(done / 10) % 31)).padEnd(30, ".");
    process.stdout.write(`\r[${bar}] ${done} files: ${t.imported} imported, ${t.duplicate} duplicates, ${t.rejected} rejected`);
    this.shown = true;
  }
  clear(): void {
    if (this.shown) process.stdout.write("\r\x1b[2K");
  }
  done(): void {
    if (this.shown) process.stdout.write("\n");
  }
}
