import path from "node:path";
import { configFromEnv } from "../platform/config.js";
import { openDatabase } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";
import { systemClock } from "../shared/clock.js";
import { DiskBlobStore } from "../platform/storage/blob-store.js";
import { LABEL_VERSION } from "../training/analysis/thresholds.js";
import { listEveryPracticeId } from "../training/reprocess-repository.js";
import { reprocessPractice } from "../training/reprocess.js";
import { parseCommandArgs } from "./args.js";

const HELP = `Usage: palpable reprocess

Recomputes every stored activity (summary, labels, chart stream) from its raw file, e.g. after
an update that improves the training classifier, and says on how many the labels changed.
Raw files are never changed.

Options:
  -h, --help   Show this help
`;

export async function reprocessCommand(argv: string[]): Promise<number> {
  const args = parseCommandArgs(argv, {}, HELP);
  if (!args) return 0;
  const config = configFromEnv();
  const database = openDatabase(config.database);
  try {
    await migrateToLatest(database);
    const deps = { database, clock: systemClock, blobs: new DiskBlobStore(path.join(config.dataDir, "blobs")) };
    let total = 0;
    let changed = 0;
    let failures = 0;
    for (const practiceId of await listEveryPracticeId(database.db)) {
      const result = await reprocessPractice(deps, { practiceId });
      total += result.reprocessed;
      changed += result.labelsChanged;
      failures += result.failed.length;
      for (const f of result.failed) process.stderr.write(`could not reprocess ${f.file}: ${f.message}\n`);
    }
    process.stdout.write(
      `${total} activities recomputed, labels changed on ${changed} (labelling rules version ${LABEL_VERSION})` +
        `${failures > 0 ? `, ${failures} failed` : ""}\n`,
    );
    return failures > 0 ? 1 : 0;
  } finally {
    await database.close();
  }
}
