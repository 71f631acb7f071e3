import { ScratchFloat64, ScratchInt32 } from "./scratch.js";
import {
  BRISK_WALK_CADENCE_MAX_SPM,
  BRISK_WALK_SPEED_MAX_MS,
  GAP_MAX_GRADE_PCT,
  INTERVAL_REFERENCE_BLOCK_S,
  INTERVAL_REFERENCE_MAX_GRADE_PCT,
  INTERVAL_REFERENCE_PERCENTILE,
  INTERVAL_REFERENCE_WINDOW_S,
  INTERVAL_SPEED_HALF_WINDOW_S,
  RUNNING_CADENCE_MIN_SPM,
  WALKING_SPEED_MAX_MS,
} from "./thresholds.js";
import { type Track } from "./track.js";
import { WindowPercentile } from "./window-percentile.js";

/** Speed and grade of the ±INTERVAL_SPEED_HALF_WINDOW_S window around each sample (stops included). */
export interface SmoothedStream {
  /** Grade-adjusted speed, m/s: the flat speed of the same effort (the raw speed where grade is unknown). */
  readonly speed: Float64Array;
  /** Raw smoothed speed, m/s. */
  readonly rawSpeed: Float64Array;
  /** % (NaN without altitude or distance). */
  readonly gradePct: Float64Array;
}

/**
 * Energy cost of running on a grade relative to the flat (Minetti et al. 2002, J Appl Physiol
 * 93:1039–1046: C(i) = 155.4i⁵ − 30.4i⁴ − 43.3i³ + 46.3i² + 19.5i + 3.6 J/kg/m, i the grade as a
 * fraction), clamped to ±GAP_MAX_GRADE_PCT. 1 on the flat, ~1.66 at +10%, ~0.60 at −10%.
 */
export function gradeCostFactor(gradePct: number): number {
  if (!Number.isFinite(gradePct)) return 1;
  const i = Math.max(-GAP_MAX_GRADE_PCT, Math.min(GAP_MAX_GRADE_PCT, gradePct)) / 100;
  const cost = ((((155.4 * i - 30.4) * i - 43.3) * i + 46.3) * i + 19.5) * i + 3.6;
  return cost / 3.6;
}

/** Grade is taken over a wider window (±15 s) than speed: smoothed altitude still wobbles by a metre. */
const GRADE_HALF_WINDOW_S = 15;

export function smoothStream(track: Track): SmoothedStream {
  const rawSpeed = new Float64Array(track.count);
  const speed = new Float64Array(track.count);
  const gradePct = new Float64Array(track.count).fill(Number.NaN);
  const c = track.clockS;
  const d = track.distanceM;
  const alt = track.altitudeM;
  let lo = 0;
  let hi = 0;
  let glo = 0;
  let ghi = 0;
  let lastGrade = Number.NaN;
  let lastFactor = 1;
  for (let i = 0; i < track.count; i++) {
    const centre = c[i] ?? 0;
    while (lo < i && (c[lo] ?? 0) < centre - INTERVAL_SPEED_HALF_WINDOW_S) lo++;
    if (hi < i) hi = i;
    while (hi + 1 < track.count && (c[hi + 1] ?? 0) <= centre + INTERVAL_SPEED_HALF_WINDOW_S) hi++;
    const dt = (c[hi] ?? 0) - (c[lo] ?? 0);
    const dd = (d[hi] ?? 0) - (d[lo] ?? 0);
    rawSpeed[i] = dt > 0 ? dd / dt : 0;
    speed[i] = rawSpeed[i] ?? 0;
    if (alt === null) continue;
    while (glo < i && (c[glo] ?? 0) < centre - GRADE_HALF_WINDOW_S) glo++;
    if (ghi < i) ghi = i;
    while (ghi + 1 < track.count && (c[ghi + 1] ?? 0) <= centre + GRADE_HALF_WINDOW_S) ghi++;
    const gd = (d[ghi] ?? 0) - (d[glo] ?? 0);
    if (gd > 10) {
      const grade = (((alt[ghi] ?? Number.NaN) - (alt[glo] ?? Number.NaN)) / gd) * 100;
      if (Number.isFinite(grade)) {
        gradePct[i] = grade;
        // The same grade as the sample before (a flat or a steady slope) costs the same.
        if (grade !== lastGrade) {
          lastGrade = grade;
          lastFactor = gradeCostFactor(grade);
        }
        speed[i] = (rawSpeed[i] ?? 0) * lastFactor;
      }
    }
  }
  return { speed, rawSpeed, gradePct };
}

/** referenceSpeeds' working buffers, lent to every run in turn. */
const referenceScratch = {
  blockOfSample: new ScratchInt32(),
  values: new ScratchFloat64(),
  weights: new ScratchFloat64(),
  percentile: {
    histogram: new ScratchFloat64(),
    groups: new ScratchFloat64(),
    buckets: new ScratchInt32(),
    bucketEnds: new ScratchInt32(),
    byBucket: new ScratchInt32(),
  },
};

/**
 * The reference ("easy") speed around each sample: the 30th percentile of smoothed speed over the
 * moving time within ±INTERVAL_REFERENCE_WINDOW_S, computed per INTERVAL_REFERENCE_BLOCK_S block,
 * leaving out walking (cadence under RUNNING_CADENCE_MIN_SPM, when recorded) and climbing (grade
 * ≥ INTERVAL_REFERENCE_MAX_GRADE_PCT), which are slow for reasons other than effort. Local
 * rather than whole-run, so the fresh first hours of an ultra are not "fast" against its tired
 * last hours. Null when the run has no moving (running) time at all.
 */
export function referenceSpeeds(track: Track, stream: SmoothedStream, cadenceSpm: Float64Array | null): Float64Array | null {
  const { speed, rawSpeed, gradePct } = stream;
  const n = track.count;
  const clock = track.clockS;
  // Only the blocks that hold samples exist (at most one per sample): the block count never
  // follows the file's clock, however far its timestamps jump. The kept speeds and their step
  // durations are stored block after block in two flat columns; block b holds
  // values[blockStart[b]] up to values[blockStart[b + 1]]. The clock never runs backwards, so
  // there are no more blocks than its first and last samples span.
  const spanned =
    n === 0 ? 0 : Math.floor(clock[n - 1]! / INTERVAL_REFERENCE_BLOCK_S) - Math.floor(clock[0]! / INTERVAL_REFERENCE_BLOCK_S) + 1;
  const maxBlocks = Math.min(n, spanned);
  const blockIndex = new Float64Array(maxBlocks);
  const blockStart = new Int32Array(maxBlocks + 1);
  // Working buffers (scratch.ts): each element read is written first.
  const blockOfSample = referenceScratch.blockOfSample.take(n);
  const values = referenceScratch.values.take(n);
  const weights = referenceScratch.weights.take(n);
  let blocks = 0;
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const index = Math.floor(clock[i]! / INTERVAL_REFERENCE_BLOCK_S);
    if (blocks === 0 || blockIndex[blocks - 1] !== index) {
      blockIndex[blocks] = index;
      blockStart[blocks] = kept;
      blocks++;
    }
    blockOfSample[i] = blocks - 1;
    if (i === 0) continue;
    const cadence = cadenceSpm?.[i] ?? Number.NaN;
    const climbing = Math.abs(gradePct[i]!) >= INTERVAL_REFERENCE_MAX_GRADE_PCT;
    const raw = rawSpeed[i]!;
    const walking =
      cadence > 0
        ? cadence < RUNNING_CADENCE_MIN_SPM || (cadence < BRISK_WALK_CADENCE_MAX_SPM && raw < BRISK_WALK_SPEED_MAX_MS)
        : raw < WALKING_SPEED_MAX_MS;
    if (track.moving[i] !== 1 || climbing || walking) continue;
    values[kept] = speed[i]!;
    weights[kept] = clock[i]! - clock[i - 1]!;
    kept++;
  }
  blockStart[blocks] = kept;
  if (kept === 0) return null;
  const reach = Math.ceil(INTERVAL_REFERENCE_WINDOW_S / INTERVAL_REFERENCE_BLOCK_S);
  const percentile = new WindowPercentile(
    values.subarray(0, kept),
    weights.subarray(0, kept),
    blockStart.subarray(0, blocks + 1),
    referenceScratch.percentile,
  );
  const perBlock = new Float64Array(blocks);
  let first = 0;
  let last = 0;
  for (let b = 0; b < blocks; b++) {
    const index = blockIndex[b]!;
    while (blockIndex[first]! < index - reach) first++;
    while (last + 1 < blocks && blockIndex[last + 1]! <= index + reach) last++;
    const ref = percentile.of(first, last, INTERVAL_REFERENCE_PERCENTILE);
    perBlock[b] = Number.isFinite(ref) && ref > 0 ? ref : Number.NaN;
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = perBlock[blockOfSample[i]!]!;
  return out;
}
