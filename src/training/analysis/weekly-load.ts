import { ACWR_ACUTE_DAYS, ACWR_CHRONIC_DAYS, RAMP_PRIOR_WEEKS } from "./thresholds.js";
import type { WeekLoad, WeeklyLoadActivity } from "./types.js";

const DAY_MS = 86_400_000;

/**
 * Shown with every week. The ACWR here is the exponentially weighted form (EWMA, Williams et al.
 * 2017, Br J Sports Med 51:209–210), not the coupled 7/28-day rolling ratio, whose acute week is
 * inside its chronic month and so correlates with it by construction (Lolli et al. 2019, Br J
 * Sports Med 53:921–922).
 */
export const ACWR_CAVEAT =
  "ACWR describes load change; it does not predict injury on its own. Computed on daily running distance as an exponentially " +
  "weighted 7-day over 28-day ratio (Williams et al. 2017), not the coupled rolling ratio (Lolli et al. 2019); " +
  "distance ignores intensity and terrain, and the ratio's links to injury are contested (Impellizzeri et al. 2020).";

interface WeekTotals {
  monday: number;
  distanceM: number;
  movingS: number;
  elevationGainM: number;
  elevationLossM: number;
  activities: number;
  labelCounts: Record<string, number>;
}

/** Days since 1970-01-01 in the activity's local time (UTC when the offset is unknown). */
function localDay(utcMs: number, offsetMinutes: number | null): number {
  return Math.floor((utcMs + (offsetMinutes ?? 0) * 60_000) / DAY_MS);
}

/** The Monday on or before a day (1970-01-01, day 0, was a Thursday). */
function mondayOf(day: number): number {
  return day - ((((day + 3) % 7) + 7) % 7);
}

function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** ISO-8601 week label: the week belongs to the year of its Thursday. */
function isoWeek(monday: number): string {
  const thursday = new Date((monday + 3) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((monday + 3 - Date.UTC(year, 0, 1) / DAY_MS) / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/**
 * Exponentially weighted daily loads (Williams et al. 2017): EWMA_t = λ·load_t + (1 − λ)·EWMA_t−1,
 * λ = 2 / (N + 1). Both start from the mean daily load of the first 28 days (as if the weeks
 * before the first record looked like the first month), which removes the start-up bias of
 * starting at 0; the ratio is still withheld (null) until 28 days of data exist.
 */
function ewma(daily: readonly number[]): { acute: Float64Array; chronic: Float64Array } {
  const la = 2 / (ACWR_ACUTE_DAYS + 1);
  const lc = 2 / (ACWR_CHRONIC_DAYS + 1);
  const first = daily.slice(0, ACWR_CHRONIC_DAYS);
  const start = first.length === 0 ? 0 : first.reduce((a, b) => a + b, 0) / first.length;
  const acute = new Float64Array(daily.length);
  const chronic = new Float64Array(daily.length);
  let a = start;
  let c = start;
  daily.forEach((load, d) => {
    a = la * load + (1 - la) * a;
    c = lc * load + (1 - lc) * c;
    acute[d] = a;
    chronic[d] = c;
  });
  return { acute, chronic };
}

/**
 * Load per ISO week (Monday to Sunday in each activity's local time), from the week of the first
 * activity to the week containing `until` (local time of the latest activity); weeks without
 * runs are zero. Activities after `until` are ignored. Ramp: % change in distance against the
 * mean of the 4 weeks before (null with fewer weeks or a zero mean). ACWR: EWMA acute 7 d over
 * chronic 28 d on daily distance, on the week's Sunday (or `until` in the last week). Pass the
 * runs only if load should mean running load.
 */
export function weeklyLoad(activities: readonly WeeklyLoadActivity[], options: { weekStartsOn: "monday"; until: number }): WeekLoad[] {
  const included = activities.filter((a) => Number.isFinite(a.startTime) && a.startTime <= options.until);
  if (included.length === 0) return [];
  const days = included.map((a) => localDay(a.startTime, a.localOffsetMinutes));
  const latest = included.reduce((x, y) => (y.startTime > x.startTime ? y : x));
  const firstDay = days.reduce((a, b) => Math.min(a, b));
  const untilDay = Math.max(
    localDay(options.until, latest.localOffsetMinutes),
    days.reduce((a, b) => Math.max(a, b)),
  );
  const firstMonday = mondayOf(firstDay);
  const weekCount = (mondayOf(untilDay) - firstMonday) / 7 + 1;

  const weeks = Array.from({ length: weekCount }, (_, w): WeekTotals => ({
    monday: firstMonday + 7 * w,
    distanceM: 0,
    movingS: 0,
    elevationGainM: 0,
    elevationLossM: 0,
    activities: 0,
    labelCounts: {},
  }));
  const daily = new Array<number>(untilDay - firstDay + 1).fill(0);
  included.forEach((a, k) => {
    const day = days[k] ?? firstDay;
    const week = weeks[(mondayOf(day) - firstMonday) / 7];
    if (week === undefined) return;
    week.distanceM += a.distanceM;
    week.movingS += a.movingS;
    week.elevationGainM += a.elevationGainM;
    week.elevationLossM += a.elevationLossM;
    week.activities += 1;
    for (const label of a.labels) week.labelCounts[label] = (week.labelCounts[label] ?? 0) + 1;
    daily[day - firstDay] = (daily[day - firstDay] ?? 0) + a.distanceM;
  });

  const { acute, chronic } = ewma(daily);
  return weeks.map((week, w) => {
    const prior = weeks.slice(Math.max(0, w - RAMP_PRIOR_WEEKS), w);
    const priorMean = prior.reduce((sum, p) => sum + p.distanceM, 0) / RAMP_PRIOR_WEEKS;
    const rampPct = prior.length === RAMP_PRIOR_WEEKS && priorMean > 0 ? ((week.distanceM - priorMean) / priorMean) * 100 : null;
    const evalDay = Math.min(week.monday + 6, untilDay) - firstDay;
    const enoughHistory = evalDay + 1 >= ACWR_CHRONIC_DAYS;
    const acuteDailyM = enoughHistory ? (acute[evalDay] ?? null) : null;
    const chronicDailyM = enoughHistory ? (chronic[evalDay] ?? null) : null;
    return {
      weekStart: isoDate(week.monday),
      isoWeek: isoWeek(week.monday),
      distanceM: week.distanceM,
      movingS: week.movingS,
      elevationGainM: week.elevationGainM,
      elevationLossM: week.elevationLossM,
      activities: week.activities,
      labelCounts: week.labelCounts,
      rampPct,
      acuteDailyM,
      chronicDailyM,
      acwr: acuteDailyM !== null && chronicDailyM !== null && chronicDailyM > 0 ? acuteDailyM / chronicDailyM : null,
      caveat: ACWR_CAVEAT,
    };
  });
}
