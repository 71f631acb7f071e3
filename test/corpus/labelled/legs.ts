/** The legs of each file and their labels: node bin/run-ts.mjs test/corpus/labelled/legs.ts <file>... */
import { readFileSync } from "node:fs";
import { analyseActivity } from "../../../src/training/analyse.js";
import { parseTrainingFile } from "../../../src/training/parse-file.js";
for (const file of process.argv.slice(2)) {
  const parsed = parseTrainingFile(new Uint8Array(readFileSync(file)));
  for (const leg of parsed.legs) {
    const a = analyseActivity(leg, { recentWeeklyDistancesM: [] });
    console.log(
      `${file.split("/").pop()} ${leg.sport} (${leg.sportLabel}) ${(a.distanceM / 1000).toFixed(2)} km ${Math.round(a.movingS / 60)} min [${a.labels.map((l) => l.kind).join(", ")}]`,
    );
  }
}
