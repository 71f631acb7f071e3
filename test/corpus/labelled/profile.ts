/** Profiles every training file under a directory, one line each (sport, distance, time, pace, climb, columns, laps, labels):
 *   node bin/run-ts.mjs test/corpus/labelled/profile.ts <dir>
 * Used to label the files of labels.json by hand. */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { analyseActivity } from "../../../src/training/analyse.js";
import { parseTrainingFile } from "../../../src/training/parse-file.js";
function find(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      const p = join(dir, e.name);
      if (e.isDirectory()) return find(p);
      return /\.(fit|gpx|tcx)(\.gz)?$/i.test(e.name) ? [p] : [];
    })
    .sort();
}
const dir = process.argv[2]!;
for (const file of find(dir)) {
  const name = relative(dir, file);
  try {
    const parsed = parseTrainingFile(new Uint8Array(readFileSync(file)));
    const a = parsed.activity;
    const an = analyseActivity(a, { recentWeeklyDistancesM: [] });
    const s = a.samples;
    const has = (["lat", "distance", "altitude", "speed", "heartRate", "cadenceSpm"] as const).filter((k) => s[k] !== null).join(",");
    const laps = a.laps.length;
    const trig = [...new Set(a.laps.map((l) => l.trigger))].join("/");
    const inten = [...new Set(a.laps.map((l) => l.intensity))].join("/");
    console.log(
      `${name} | ${a.sport} (${a.sportLabel}) ${a.device} | ${(an.distanceM / 1000).toFixed(2)}km ${Math.round(an.movingS / 60)}min pace ${an.avgPaceSPerKm?.toFixed(0)} +${Math.round(an.elevationGainM)}/-${Math.round(an.elevationLossM)} ${a.altitudeSource} | n=${s.count} ${has} | laps ${laps} ${trig} ${inten} | ${an.labels.map((l) => l.kind + ":" + l.confidence.toFixed(2)).join(",")}`,
    );
  } catch (e) {
    console.log(`${name} | ERR ${(e as Error).message.slice(0, 80)}`);
  }
}
