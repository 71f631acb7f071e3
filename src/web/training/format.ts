import type { RejectionReason } from "./types";

/** Display formats for training figures. A missing figure is an en dash, never "NaN" or "0". */

export const MISSING = "–";

const isNumber = (value: number | null | undefined): value is number => typeof value === "number" && Number.isFinite(value);

/** 332 → "5:32" (min:ss per km). */
export function formatPace(secondsPerKm: number | null | undefined): string {
  if (!isNumber(secondsPerKm) || secondsPerKm <= 0) return MISSING;
  const total = Math.round(secondsPerKm);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
}

/** 3725 → "1:02:05"; 1500 → "25:00". */
export function formatDuration(seconds: number | null | undefined): string {
  if (!isNumber(seconds) || seconds < 0) return MISSING;
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/** Metres as kilometres: two decimals under 10 km, one above ("5.02", "21.1"). No unit. */
export function formatKmValue(metres: number | null | undefined): string {
  if (!isNumber(metres)) return MISSING;
  const km = metres / 1000;
  return km < 10 ? km.toFixed(2) : km.toFixed(1);
}

export function formatKmOf(metres: number | null | undefined): string {
  const value = formatKmValue(metres);
  return value === MISSING ? value : `${value} km`;
}

/** Gain and loss as "+245 / −230 m" ("+245 / −230" without `unit`, for a table whose header says m). */
export function formatGainLoss(gainM: number | null | undefined, lossM: number | null | undefined, unit = true): string {
  // Both exactly zero means no altitude in the file (a treadmill, a watch without GPS), not a flat run.
  if (!isNumber(gainM) && !isNumber(lossM)) return MISSING;
  if (gainM === 0 && lossM === 0) return MISSING;
  const gain = isNumber(gainM) ? `+${Math.round(gainM)}` : MISSING;
  const loss = isNumber(lossM) ? `−${Math.round(lossM)}` : MISSING;
  return unit ? `${gain} / ${loss} m` : `${gain} / ${loss}`;
}

/** A whole number ("172") or the dash. */
export function formatWhole(value: number | null | undefined, unit = ""): string {
  if (!isNumber(value) || value <= 0) return MISSING;
  return `${Math.round(value)}${unit ? ` ${unit}` : ""}`;
}

/** Week-on-week change: "+12%", "−5%", "0%", or the dash when there is nothing to compare with. */
export function formatRamp(pct: number | null | undefined): string {
  if (!isNumber(pct)) return MISSING;
  const rounded = Math.round(pct);
  return `${rounded > 0 ? "+" : rounded < 0 ? "−" : ""}${Math.abs(rounded)}%`;
}

/**
 * Where an activity's start is shown: the watch's own local time when the file says (shifting the
 * instant by the offset and reading it as UTC), else the client's time zone.
 */
function localClock(
  iso: string,
  offsetMinutes: number | null,
  fallbackTimeZone: string | undefined,
): { date: Date; timeZone: string | undefined } | null {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  if (offsetMinutes !== null) return { date: new Date(ms + offsetMinutes * 60_000), timeZone: "UTC" };
  return { date: new Date(ms), timeZone: fallbackTimeZone };
}

function formatWith(
  options: Intl.DateTimeFormatOptions,
  iso: string,
  offsetMinutes: number | null,
  fallbackTimeZone: string | undefined,
): string {
  const clock = localClock(iso, offsetMinutes, fallbackTimeZone);
  if (!clock) return iso;
  try {
    return new Intl.DateTimeFormat(undefined, { ...options, timeZone: clock.timeZone }).format(clock.date);
  } catch {
    // An unknown time zone name: the browser's own zone is the best remaining guess.
    return new Intl.DateTimeFormat(undefined, options).format(clock.date);
  }
}

/** "Sat, 4 May 2024" in the activity's local time. */
export function formatActivityDay(iso: string, offsetMinutes: number | null, fallbackTimeZone?: string): string {
  return formatWith({ weekday: "short", day: "numeric", month: "short", year: "numeric" }, iso, offsetMinutes, fallbackTimeZone);
}

/** "4 May 2024" in the activity's local time. */
export function formatActivityDate(iso: string, offsetMinutes: number | null, fallbackTimeZone?: string): string {
  return formatWith({ day: "numeric", month: "short", year: "numeric" }, iso, offsetMinutes, fallbackTimeZone);
}

/** "Sat 08:30" in the activity's local time. */
export function formatActivityWeekdayTime(iso: string, offsetMinutes: number | null, fallbackTimeZone?: string): string {
  return formatWith({ weekday: "short", hour: "2-digit", minute: "2-digit" }, iso, offsetMinutes, fallbackTimeZone);
}

/** "08:30" in the activity's local time. */
export function formatActivityTime(iso: string, offsetMinutes: number | null, fallbackTimeZone?: string): string {
  return formatWith({ hour: "2-digit", minute: "2-digit" }, iso, offsetMinutes, fallbackTimeZone);
}

const SHORT_DAY = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", timeZone: "UTC" });
const LONG_DAY = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** "2025-02-03" → "3 Feb" (or "3 Feb 2025" with `withYear`). Calendar dates are read as UTC so they never shift. */
export function formatWeekStart(weekStart: string, withYear = false): string {
  const [y, m, d] = weekStart.split("-").map(Number);
  if (!y || !m || !d) return weekStart;
  return (withYear ? LONG_DAY : SHORT_DAY).format(Date.UTC(y, m - 1, d));
}

/** Whether a week (Monday "YYYY-MM-DD") has not ended yet, in the browser's calendar. */
export function isWeekInProgress(weekStart: string, today = new Date()): boolean {
  const [y, m, d] = weekStart.split("-").map(Number);
  if (!y || !m || !d) return false;
  const end = Date.UTC(y, m - 1, d + 7);
  return Date.UTC(today.getFullYear(), today.getMonth(), today.getDate()) < end;
}

/** Label names and their display order come from the catalogue. */
export { LABEL_NAMES, sortLabels } from "../../shared/labels";

export const REJECTION_NAMES: Record<RejectionReason, string> = {
  not_an_activity: "not an activity file",
  corrupt: "damaged file",
  corrupt_header: "damaged file header",
  implausible: "damaged: impossible values",
  unsupported_format: "unsupported format",
  too_large: "too large",
  zip_bomb: "zip expands too much",
  path_traversal: "unsafe path in zip",
  empty: "empty file",
};

/** 1536 → "1.5 KB"; 3_400_000 → "3.4 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The name a practitioner knows an activity by: its own name, else its sport. */
export function activityTitle(activity: { name: string | null; sportLabel: string | null; sport: string }): string {
  if (activity.name?.trim()) return activity.name.trim();
  const sport = activity.sportLabel?.trim() || activity.sport.replace(/_/g, " ");
  return sport.charAt(0).toUpperCase() + sport.slice(1);
}
