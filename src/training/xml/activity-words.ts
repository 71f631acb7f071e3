import type { ParsedActivity, Sport } from "../activity.js";
import { RUNNING_SPORTS } from "../activity.js";

/**
 * Maps a sport word as apps write it ("running", "Trail Running", "treadmill_running", "Biking",
 * "Road Cycling", "hike"...) to a {@link Sport}, or "other" when no rule knows the word.
 * Any word of running wins ("run/walk" intervals are runs), and the specific kinds of running are
 * tried before plain running.
 */
export function sportFromWords(words: string): Sport {
  const text = words.toLowerCase().replace(/[_\s-]+/g, " ");
  const running = /\brun|\bjog/.test(text);
  if (running && /\btrail/.test(text)) return "trail_running";
  if (running && /\b(treadmill|indoor|virtual)/.test(text)) return "treadmill_running";
  if (running && /\btrack\b/.test(text)) return "track_running";
  if (running) return "running";
  if (/\btreadmill/.test(text)) return "treadmill_running";
  if (/\bwalk/.test(text)) return "walking";
  if (/\b(hik|trek)/.test(text)) return "hiking";
  if (/\b(cycl|bik|ride\b|riding)|\bmtb\b|\bbicycl/.test(text)) return "cycling";
  if (/\bswim/.test(text)) return "swimming";
  return "other";
}

/** Sports whose files count cadence for one foot, so we double it to steps per minute. */
export function isFootSport(sport: Sport): boolean {
  return RUNNING_SPORTS.has(sport) || sport === "walking" || sport === "hiking";
}

/**
 * Garmin watches and bike computers with a barometric altimeter, by product name. Deliberately
 * short: a model missing here reads as "unknown", never wrongly as barometric.
 */
const BAROMETRIC_DEVICES = [
  /f[eē]nix/,
  /\bepix/,
  /\benduro/,
  /\binstinct/,
  /\bmarq/,
  /\bquatix/,
  /\btactix/,
  /\bdescent/,
  /forerunner\s*9\d\d/,
  /\bedge\s*(5|8|10|15)\d\d/,
];

/** Names of re-exporting services and device families that may or may not have a barometer. */
const UNSURE_DEVICES = [/garmin/, /forerunner/, /\bedge\b/, /vivoactive/, /\bvenu/, /strava/, /\bconnect\b/];

/**
 * Where the altitude in a GPX/TCX file most likely came from, judged by the device or creator
 * name. Barometric for Garmin models known to carry an altimeter; "unknown" for other Garmin
 * devices and for services that re-export another device's data (Garmin Connect, Strava); else
 * `otherwise` (GPX passes "gps": phone apps and plain GPS loggers; TCX passes "unknown").
 */
export function altitudeSourceFor(device: string | null, otherwise: ParsedActivity["altitudeSource"]): ParsedActivity["altitudeSource"] {
  if (device === null) return otherwise;
  const name = device.toLowerCase();
  if (BAROMETRIC_DEVICES.some((pattern) => pattern.test(name))) return "barometric";
  if (UNSURE_DEVICES.some((pattern) => pattern.test(name))) return "unknown";
  return otherwise;
}
