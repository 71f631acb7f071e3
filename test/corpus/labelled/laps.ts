/** One file lap by lap (time, distance, pace, trigger, intensity, HR, cadence, altitude), then speed/HR/cadence/altitude every N s:
 *   node bin/run-ts.mjs test/corpus/labelled/laps.ts <file> [N=60] */
import { readFileSync } from "node:fs";
import { parseTrainingFile } from "../../../src/training/parse-file.js";
const file = process.argv[2]!;
const a = parseTrainingFile(new Uint8Array(readFileSync(file))).activity;
const s = a.samples;
const t0 = s.time[0]!;
const at = (ms: number): number => {
  let i = 0;
  while (i < s.count - 1 && s.time[i]! < ms) i++;
  return i;
};
const mean = (col: Float64Array | null, i: number, j: number): string => {
  if (!col) return "-";
  let sum = 0,
    n = 0;
  for (let k = i; k <= j; k++)
    if (Number.isFinite(col[k]!)) {
      sum += col[k]!;
      n++;
    }
  return n ? (sum / n).toFixed(0) : "-";
};
console.log(`${a.sport} ${a.device} laps=${a.laps.length}`);
for (const lap of a.laps) {
  const i = at(lap.startTime),
    j = lap.endTime ? at(lap.endTime) : at(lap.startTime + (lap.elapsedS ?? 0) * 1000);
  const pace = lap.distanceM && lap.elapsedS ? (lap.elapsedS / lap.distanceM) * 1000 : NaN;
  console.log(
    `lap +${((lap.startTime - t0) / 60000).toFixed(1)}min ${lap.elapsedS?.toFixed(0)}s ${lap.distanceM?.toFixed(0)}m pace ${Math.floor(pace / 60)}:${String(Math.round(pace % 60)).padStart(2, "0")} ${lap.trigger} ${lap.intensity} hr ${mean(s.heartRate, i, j)} cad ${mean(s.cadenceSpm, i, j)} alt ${mean(s.altitude, i, i)}→${mean(s.altitude, j, j)}`,
  );
}
const step = Number(process.argv[3] ?? 60) * 1000;
let row = "";
for (let t = t0; t <= s.time[s.count - 1]!; t += step) {
  const i = at(t),
    j = at(t + step);
  const d = s.distance ? s.distance[j]! - s.distance[i]! : NaN;
  const dt = (s.time[j]! - s.time[i]!) / 1000;
  row += `${((t - t0) / 60000).toFixed(0)}:${(d / dt).toFixed(1)}/${mean(s.heartRate, i, j)}/${mean(s.cadenceSpm, i, j)}/${mean(s.altitude, i, i)} `;
}
console.log(row);
