/**
 * Prints, for every training file under the given folders (and the benchmark's generated runs),
 * what `palpable activity --json` prints and the full stored analysis (summary, figures, notes,
 * chart stream) of each leg, one JSON line per leg. Diff two runs to show that a change to the
 * decoder or the analysis altered no label, figure or evidence sentence:
 *   node bin/run-ts.mjs scripts/activity-snapshot.ts ../shared/corpus test/corpus/labelled/files > before.jsonl
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { analyseActivity } from "../src/training/analyse.js";
import { describeActivityFile } from "../src/training/describe.js";
import { parseTrainingFile } from "../src/training/parse-file.js";
import { generatedFiles } from "../bench/generated-runs.js";

function findFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return findFiles(path);
      return /\.(fit|gpx|tcx)(\.gz)?$/i.test(entry.name) ? [path] : [];
    })
    .sort();
}

const files = [
  ...process.argv.slice(2).flatMap((dir) => findFiles(dir).map((path) => ({ path, bytes: new Uint8Array(readFileSync(path)) }))),
  ...generatedFiles(),
];
for (const { path, bytes } of files) {
  for (const line of describeActivityFile(path, bytes)) process.stdout.write(`${JSON.stringify(line)}\n`);
  let legs;
  try {
    legs = parseTrainingFile(bytes).legs;
  } catch {
    continue;
  }
  legs.forEach((leg, index) => {
    const analysis = analyseActivity(leg, { recentWeeklyDistancesM: [] });
    process.stdout.write(`${JSON.stringify({ file: path, leg: index + 1, summary: analysis.summary, stream: analysis.stream })}\n`);
  });
}
