/**
 * The whole training-file pipeline over real files: every FIT, GPX and TCX file (gzipped or not)
 * goes through parseTrainingFile and the analysis of each of its legs, as an upload would. Each must either give an
 * activity with finite figures or be rejected with a reason; nothing may crash.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { analyseActivity } from "../../src/training/analyse.js";
import { RejectedFileError } from "../../src/training/import/rejection.js";
import { parseTrainingFile } from "../../src/training/parse-file.js";

function findTrainingFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return findTrainingFiles(path);
      return /\.(fit|gpx|tcx)(\.gz)?$/i.test(entry.name) ? [path] : [];
    })
    .sort();
}

/** Returns the number of files that crashed or produced non-finite figures. */
export function runPipelineConformance(dir: string): number {
  const counts = { analysed: 0, legs: 0, rejected: 0, failed: 0 };
  const labels = new Map<string, number>();
  for (const file of findTrainingFiles(dir)) {
    const name = relative(dir, file);
    try {
      const parsed = parseTrainingFile(new Uint8Array(readFileSync(file)));
      // Every leg: a duathlon's ride or a second run in one file goes through the analysis too.
      for (const [index, leg] of parsed.legs.entries()) {
        const analysis = analyseActivity(leg, { recentWeeklyDistancesM: [] });
        const figures = [analysis.elapsedS, analysis.movingS, analysis.distanceM, analysis.elevationGainM, analysis.elevationLossM];
        const where = parsed.legs.length > 1 ? ` leg ${index + 1}/${parsed.legs.length}` : "";
        if (!figures.every(Number.isFinite) || JSON.stringify(analysis).includes("NaN"))
          throw new Error(`non-finite figures${where} ${figures.join(",")}`);
        for (const label of analysis.labels) labels.set(label.kind, (labels.get(label.kind) ?? 0) + 1);
        counts.legs += 1;
        const km = (analysis.distanceM / 1000).toFixed(2);
        console.log(
          `analysed  ${name}${where}: ${parsed.format} ${leg.sport} ${km} km +${Math.round(analysis.elevationGainM)}/-${Math.round(analysis.elevationLossM)} m [${analysis.labels.map((l) => l.kind).join(", ")}]`,
        );
      }
      counts.analysed += 1;
    } catch (error) {
      if (error instanceof RejectedFileError) {
        counts.rejected += 1;
        console.log(`rejected  ${name}: ${error.reason} (${error.message})`);
      } else {
        counts.failed += 1;
        console.log(`FAILED    ${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    }
  }
  const labelSummary = [...labels].map(([k, n]) => `${k} ${n}`).join(", ");
  console.log(
    `pipeline: ${counts.analysed} analysed (${counts.legs} legs), ${counts.rejected} rejected with a reason, ${counts.failed} failed (labels: ${labelSummary})`,
  );
  return counts.failed;
}
