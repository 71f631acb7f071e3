import { formatDuration, formatPace } from "./format.js";
import type { SmoothedStream } from "./interval-speed.js";
import { easierThan, isCorroborated, repGapSpeed, repOf, type Signals } from "./reps.js";
import { confidenceFromRatio } from "./numbers.js";
import {
  CONFIDENCE_AT_THRESHOLD,
  CONFIDENCE_MAX,
  CONFIDENCE_UNCORROBORATED_FACTOR,
  INTERVAL_MAX_DOWNHILL_GRADE_PCT,
  TEMPO_FAST_MARGIN,
  TEMPO_FASTER_THAN_EASY,
  TEMPO_HEART_RATE_ABOVE_EASY_BPM,
  TEMPO_JOIN_GAP_S,
  TEMPO_MAX_CLIMB_PER_KM_M,
  TEMPO_MIN_S,
} from "./thresholds.js";
import type { Track } from "./track.js";
import type { ActivityLabel, ActivitySummary, ClassifyContext } from "./types.js";

/**
 * The stretches whose grade-adjusted speed stays ≥ reference × (1 + TEMPO_FAST_MARGIN), joined
 * across dips < TEMPO_JOIN_GAP_S, longest first.
 */
function fastStretches(track: Track, speed: Float64Array, reference: Float64Array): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  let open: { start: number; end: number } | null = null;
  const length = (s: { start: number; end: number }): number => (track.clockS[s.end] ?? 0) - (track.clockS[s.start] ?? 0);
  for (let i = 0; i < track.count; i++) {
    const fast = (speed[i] ?? 0) >= (reference[i] ?? Number.NaN) * (1 + TEMPO_FAST_MARGIN);
    if (!fast) continue;
    if (open !== null && (track.clockS[i] ?? 0) - (track.clockS[open.end] ?? 0) <= TEMPO_JOIN_GAP_S) open.end = i;
    else {
      open = { start: i, end: i };
      found.push(open);
    }
  }
  // Stable: of two stretches as long, the earlier comes first.
  return found.sort((a, b) => length(b) - length(a));
}

/** Median heart rate (whole bpm) of the moving samples inside or outside [start, end]; a fixed 256-bin histogram, no sort. */
function medianHeartRate(track: Track, hr: Float64Array, start: number, end: number, inside: boolean): number {
  const bins = new Float64Array(256);
  let total = 0;
  for (let i = 0; i < track.count; i++) {
    const v = hr[i] ?? Number.NaN;
    if (track.moving[i] !== 1 || !(v > 0) || (i >= start && i <= end) !== inside) continue;
    const bin = Math.min(255, Math.round(v));
    bins[bin] = (bins[bin] ?? 0) + 1;
    total += 1;
  }
  if (total === 0) return Number.NaN;
  let seen = 0;
  for (let bin = 0; bin < 256; bin++) {
    seen += bins[bin] ?? 0;
    if (seen >= total / 2) return bin;
  }
  return Number.NaN;
}

/**
 * Tempo (continuous hard running): a stretch of ≥ TEMPO_MIN_S whose grade-adjusted pace is ≥ 10%
 * faster than the run's own easier running, not downhill, with heart rate ≥ 8 bpm above the easier
 * running when recorded (cadence rise otherwise); or, when the client's usual easy pace is known,
 * a run of ≥ TEMPO_MIN_S moving whose average is ≥ 15% faster than it. Never on a mountain run
 * (≥ TEMPO_MAX_CLIMB_PER_KM_M of climbing per km).
 */
export function detectTempo(
  track: Track,
  stream: SmoothedStream,
  reference: Float64Array | null,
  signals: Signals,
  summary: ActivitySummary,
  context: ClassifyContext,
): ActivityLabel | null {
  if (onMountain(summary)) return null;
  return tempoFromStretch(track, stream, reference, signals) ?? tempoAgainstUsualPace(summary, context);
}

/** A run with ≥ TEMPO_MAX_CLIMB_PER_KM_M of climbing per km: never tempo. */
export function onMountain(summary: ActivitySummary): boolean {
  const km = (summary.distanceM ?? 0) / 1000;
  return km > 0 && (summary.elevationGainM ?? 0) / km >= TEMPO_MAX_CLIMB_PER_KM_M;
}

/** Tempo from the run itself: its fast stretches, longest first, against its own easier running (no history needed). */
export function tempoFromStretch(
  track: Track,
  stream: SmoothedStream,
  reference: Float64Array | null,
  signals: Signals,
): ActivityLabel | null {
  if (reference === null) return null;
  // The longest fast stretch first; a shorter one of ≥ TEMPO_MIN_S when the longer is not hard
  // enough (a steady block, then the real tempo after a break).
  for (const stretch of fastStretches(track, stream.speed, reference)) {
    if ((track.clockS[stretch.end] ?? 0) - (track.clockS[stretch.start] ?? 0) < TEMPO_MIN_S) break;
    const rep = repOf(track, stretch.start, stretch.end);
    const grade = rep.segment.elevationChangeM === null || rep.metres <= 0 ? 0 : (rep.segment.elevationChangeM / rep.metres) * 100;
    const referenceMs = reference[(stretch.start + stretch.end) >> 1] ?? Number.NaN;
    const ratio = repGapSpeed(rep) / referenceMs;
    const hr = signals.heartRate;
    const hrInside = hr === null ? Number.NaN : medianHeartRate(track, hr, stretch.start, stretch.end, true);
    const hrOutside = hr === null ? Number.NaN : medianHeartRate(track, hr, stretch.start, stretch.end, false);
    const hrRise = hrInside - hrOutside;
    const body = Number.isFinite(hrRise)
      ? hrRise >= TEMPO_HEART_RATE_ABOVE_EASY_BPM
      : isCorroborated(track, rep, { ...signals, heartRate: null }, easierThan(stream.speed, reference));
    if (rep.seconds >= TEMPO_MIN_S && grade > INTERVAL_MAX_DOWNHILL_GRADE_PCT && ratio >= 1 + TEMPO_FAST_MARGIN && body) {
      const known = signals.cadenceSpm !== null || hr !== null;
      return {
        kind: "tempo",
        confidence:
          Math.round(
            confidenceFromRatio(rep.seconds / TEMPO_MIN_S, CONFIDENCE_AT_THRESHOLD, CONFIDENCE_MAX) *
              (known ? 1 : CONFIDENCE_UNCORROBORATED_FACTOR) *
              100,
          ) / 100,
        evidence:
          `${formatDuration(rep.seconds)} continuous at ~${formatPace((rep.seconds / rep.metres) * 1000)}/km, ` +
          `${Math.round((ratio - 1) * 100)}% faster (grade-adjusted) than the easier running of the same run` +
          (Number.isFinite(hrRise) ? `, heart rate ${Math.round(hrRise)} bpm higher.` : "."),
        details: {
          segments: [rep.segment],
          figures: {
            seconds: rep.seconds,
            metres: rep.metres,
            fasterBy: ratio - 1,
            heartRateRise: Number.isFinite(hrRise) ? hrRise : null,
          },
        },
      };
    }
  }
  return null;
}

/** Tempo against the client's usual easy pace: ≥ TEMPO_FASTER_THAN_EASY faster on average over ≥ TEMPO_MIN_S moving. */
export function tempoAgainstUsualPace(summary: ActivitySummary, context: ClassifyContext): ActivityLabel | null {
  const pace = summary.avgPaceSPerKm;
  const usual = context.usualEasyPaceSPerKm;
  const moving = summary.movingS ?? 0;
  if (pace !== null && usual !== undefined && usual > 0 && moving >= TEMPO_MIN_S && usual / pace - 1 >= TEMPO_FASTER_THAN_EASY) {
    const fasterBy = usual / pace - 1;
    return {
      kind: "tempo",
      confidence: confidenceFromRatio(fasterBy / TEMPO_FASTER_THAN_EASY, CONFIDENCE_AT_THRESHOLD, CONFIDENCE_MAX),
      evidence: `${formatDuration(moving)} at an average ${formatPace(pace)}/km, ${Math.round(fasterBy * 100)}% faster than the usual easy ${formatPace(usual)}/km.`,
      details: {
        segments: [
          {
            startDistanceM: 0,
            endDistanceM: summary.distanceM ?? 0,
            startS: 0,
            endS: moving,
            elevationChangeM: null,
            paceSPerKm: pace,
          },
        ],
        figures: { paceSPerKm: pace, usualEasyPaceSPerKm: usual, fasterBy },
      },
    };
  }
  return null;
}
