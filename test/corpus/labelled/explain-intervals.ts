/** The speed-stream reps of one file, the reference at each, whether cadence or heart rate corroborates it, and the labels:
 *   node bin/run-ts.mjs test/corpus/labelled/explain-intervals.ts <file> */
import { readFileSync } from "node:fs";
import { parseTrainingFile } from "../../../src/training/parse-file.js";
import { buildTrack, gather } from "../../../src/training/analysis/track.js";
import { referenceSpeeds, smoothStream } from "../../../src/training/analysis/interval-speed.js";
import { repsFromSpeed, isCorroborated, longestSet, easierThan } from "../../../src/training/analysis/reps.js";
import { summariseActivity, classifyActivity } from "../../../src/training/analysis/index.js";
const a = parseTrainingFile(new Uint8Array(readFileSync(process.argv[2]!))).activity;
const track = buildTrack(a);
const stream = smoothStream(track);
const signals = { cadenceSpm: gather(a.samples.cadenceSpm, track.source), heartRate: gather(a.samples.heartRate, track.source) };
const ref = referenceSpeeds(track, stream, signals.cadenceSpm)!;
const reps = repsFromSpeed(track, stream.speed, ref);
for (const r of reps)
  console.log(
    `rep ${r.segment.startS}-${r.segment.endS}s ${r.metres.toFixed(0)}m ${(r.metres / r.seconds).toFixed(2)}m/s ref ${ref[(r.start + r.end) >> 1]!.toFixed(2)} corr ${isCorroborated(track, r, signals, easierThan(stream.speed, ref))} dz ${r.segment.elevationChangeM?.toFixed(1)}`,
  );
console.log("set", longestSet(reps.filter((r) => isCorroborated(track, r, signals, easierThan(stream.speed, ref)))).length);
const sum = summariseActivity(a);
for (const l of classifyActivity(a, sum, { recentWeeklyDistancesM: [] })) console.log(l.kind, l.confidence, l.evidence);
