import { PAUSE_GAP_S, STANDING_STEP_BELOW_MS, STOPPED_BELOW_MS, STOPPED_WINDOW_S } from "./thresholds.js";

/**
 * Which steps of a track were moving: moving[i] = 1 when the step from sample i-1 to i was.
 *
 * Stopped means not getting anywhere, not moving slowly. A step is stopped when
 * - over the ~30 s around it (STOPPED_WINDOW_S, centred on the step, kept inside the stretch of
 *   recording it belongs to) the distance gained is under STOPPED_BELOW_MS — standing, milling
 *   about at a summit, a GPS fix wandering in place — or
 * - the step itself is standing still (device speed, else distance over the step, under
 *   STANDING_STEP_BELOW_MS), so the first and last seconds of a stop are not carried by the
 *   running around them; or
 * - it is a recording gap longer than PAUSE_GAP_S over which (on average) the runner did not
 *   cover STOPPED_BELOW_MS: an auto-pause or a watch stopped and restarted.
 *
 * So a steep hike at 2 km/h (0.55 m/s), whose speed reading swings between 0.2 and 0.9 m/s from
 * step to step, is moving throughout, while a two-minute stop at a crossing is not. O(n): both
 * window edges only move forward.
 */
export function movingSteps(clockS: Float64Array, distanceM: Float64Array, hasDistance: boolean, speed: Float64Array | null): Uint8Array {
  const count = clockS.length;
  const moving = new Uint8Array(count);
  if (count < 2) return moving;
  if (!hasDistance) {
    // Without any distance we cannot tell stops; recorded time stands in for moving time.
    for (let i = 1; i < count; i++) {
      const dt = clockS[i]! - clockS[i - 1]!;
      moving[i] = dt > 0 && dt <= PAUSE_GAP_S ? 1 : 0;
    }
    return moving;
  }

  // Stretches of recording: a step longer than the pause gap ends one. Both edges of the current
  // stretch are followed as i moves forward (no per-sample arrays), and so are the samples at or
  // before each edge of the window: everything below is written out inline, as it runs per step.
  let stretchStart = 0;
  let stretchEnd = -1;
  const half = STOPPED_WINDOW_S / 2;
  let ka = 0;
  let kb = 0;
  for (let i = 1; i < count; i++) {
    const dt = clockS[i]! - clockS[i - 1]!;
    if (dt > PAUSE_GAP_S) stretchStart = i;
    if (dt <= 0) continue;
    const gained = distanceM[i]! - distanceM[i - 1]!;
    if (dt > PAUSE_GAP_S) {
      moving[i] = gained / dt >= STOPPED_BELOW_MS ? 1 : 0;
      continue;
    }
    const deviceSpeed = speed === null ? Number.NaN : speed[i]!;
    const stepSpeed = Number.isFinite(deviceSpeed) ? deviceSpeed : gained / dt;
    const mid = (clockS[i - 1]! + clockS[i]!) / 2;
    if (stretchEnd < i) {
      let j = i;
      while (j + 1 < count && !(clockS[j + 1]! - clockS[j]! > PAUSE_GAP_S)) j++;
      stretchEnd = j;
    }
    const first = clockS[stretchStart]!;
    const last = clockS[stretchEnd]!;
    const a = Math.max(first, mid - half);
    const b = Math.min(last, mid + half);
    while (ka + 1 < count && clockS[ka + 1]! <= a) ka++;
    kb = Math.max(kb, ka);
    while (kb + 1 < count && clockS[kb + 1]! <= b) kb++;
    let windowMoving: boolean;
    if (b > a) {
      // The window's ends are interpolated between samples ka, ka + 1 and kb, kb + 1, and the
      // distance never falls, so the window covered at least d[kb] − d[ka + 1]. When that alone is
      // twice the stopped threshold's distance (and more than any rounding of the interpolation),
      // the interpolated answer is "moving" too, and is not worked out.
      const clear = kb > ka && distanceM[kb]! - distanceM[ka + 1]! >= 2 * STOPPED_BELOW_MS * (b - a) * (1 + 1e-7) + 1e-9 * distanceM[kb]!;
      windowMoving =
        clear || fasterThanStopped(distanceAt(clockS, distanceM, count, b, kb) - distanceAt(clockS, distanceM, count, a, ka), b - a);
    } else {
      windowMoving = gained / dt >= STOPPED_BELOW_MS;
    }
    moving[i] = windowMoving && stepSpeed >= STANDING_STEP_BELOW_MS ? 1 : 0;
  }
  return moving;
}

/**
 * Whether metres / seconds (seconds > 0) is at least STOPPED_BELOW_MS, as the division would say.
 * Most windows are far from the threshold, and a product tells them apart: beyond a relative
 * margin of 1e-7 (billions of times any rounding) the answer cannot differ; near it, the quotient
 * is worked out exactly as before.
 */
export function fasterThanStopped(metres: number, seconds: number): boolean {
  const atThreshold = STOPPED_BELOW_MS * seconds;
  if (atThreshold > 1e-300) {
    if (metres >= atThreshold * (1 + 1e-7)) return true;
    if (metres <= atThreshold * (1 - 1e-7)) return false;
  }
  return metres / seconds >= STOPPED_BELOW_MS;
}

/**
 * Cumulative distance at clock time t, interpolated, from the sample k at or before it (found
 * by the caller with a forward-only index).
 */
function distanceAt(clockS: Float64Array, distanceM: Float64Array, count: number, t: number, k: number): number {
  const t0 = clockS[k]!;
  const next = k + 1 < count;
  const t1 = next ? clockS[k + 1]! : t0;
  const d0 = distanceM[k]!;
  const d1 = next ? distanceM[k + 1]! : d0;
  return t1 > t0 && t > t0 ? d0 + ((d1 - d0) * Math.min(t - t0, t1 - t0)) / (t1 - t0) : d0;
}
