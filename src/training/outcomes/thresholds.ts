/**
 * Every number the before/after outcome comparison decides with, in one place, each with the
 * reason for its value. The tests in compare.test.ts sit on either side of the run-count rule.
 */

/** Default window on each side of the treatment, days (the therapist's usual follow-up interval). */
export const DEFAULT_WINDOW_DAYS = 14;

/**
 * Fewest runs on each side before a before/after figure is shown. One run is one day's
 * conditions (a hot day, a hilly route, new shoes); two is the least that is not a single anecdote.
 */
export const MIN_RUNS_PER_SIDE = 2;

// ---------------------------------------------------------------------------------------------
// Which points of a run count
// ---------------------------------------------------------------------------------------------

/**
 * Pace outside 2:30–10:00 /km is sprinting, walking or GPS trouble, where cadence and heart rate
 * no longer follow easy-running speed in a straight line.
 */
export const PACE_MIN_S_PER_KM = 150;
export const PACE_MAX_S_PER_KM = 600;

/** Running cadence outside 120–230 spm is a sensor fault or a halved/doubled value, not running. */
export const CADENCE_MIN_SPM = 120;
export const CADENCE_MAX_SPM = 230;

/** Heart rates outside 60–220 bpm are strap dropouts or interference spikes. */
export const HEART_RATE_MIN_BPM = 60;
export const HEART_RATE_MAX_BPM = 220;

/**
 * Heart rate lags speed by 1–3 minutes at the start of a run, so the first 3 minutes are left out
 * of the pace-on-heart-rate fit (cadence responds at once and keeps them).
 */
export const HEART_RATE_WARMUP_S = 180;

// ---------------------------------------------------------------------------------------------
// Per-run fits
// ---------------------------------------------------------------------------------------------

/**
 * A run is fitted by a straight line only with at least 60 usable points (5 minutes at the 5-s
 * chart resolution): fewer points make the slope noise.
 */
export const MIN_FIT_POINTS = 60;

/**
 * The spread of the explanatory variable, measured from its 10th to its 90th percentile so a few
 * stray points do not make a steady run look varied. 0.3 m/s is about 6:00 vs 5:30 /km at easy
 * pace; 5 bpm is the smallest heart-rate range that is larger than strap noise.
 */
export const MIN_SPEED_SPREAD_MS = 0.3;
export const MIN_HEART_RATE_SPREAD_BPM = 5;

/**
 * A fit is evaluated only this far outside the run's own 10th–90th percentile range; further out
 * a straight line is extrapolated past what the run showed, and the run is not used.
 */
export const MAX_SPEED_EXTRAPOLATION_MS = 0.5;
export const MAX_HEART_RATE_EXTRAPOLATION_BPM = 10;

/**
 * A run too short or too steady for a line still counts by its plain mean when that mean is
 * close to the matched value: ±15 s/km of pace changes cadence by only ~1–2 spm, and ±3 bpm of
 * heart rate changes pace by only a few s/km.
 */
export const FALLBACK_PACE_TOLERANCE_S_PER_KM = 15;
export const FALLBACK_HEART_RATE_TOLERANCE_BPM = 3;

/** The mean-only fallback still needs a minute of usable running. */
export const MIN_FALLBACK_POINTS = 12;
