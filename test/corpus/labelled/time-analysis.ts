/** Time of parse + summary + labels per file, for a rough figure: node bin/run-ts.mjs test/corpus/labelled/time-analysis.ts <file> [runs=5] */
import { readFileSync } from "node:fs";
import { analyseActivity } from "../../../src/training/analyse.js";
import { parseTrainingFile } from "../../../src/training/parse-file.js";
const bytes = new Uint8Array(readFileSync(process.argv[2] ?? ""));
const runs = Number(process.argv[3] ?? 5);
const parsed = parseTrainingFile(bytes);
const t0 = performance.now();
for (let k = 0; k < runs; k++) analyseActivity(parsed.activity, { recentWeeklyDistancesM: [] });
console.log(`${parsed.activity.samples.count} samples: analysis ${((performance.now() - t0) / runs).toFixed(1)} ms per run`);
