import type { Sport } from "../activity.js";
import { sportFromWords } from "../xml/activity-words.js";

/**
 * Strava writes its own activity-type numbers into GPX `<type>`. 9 (Run) is seen in every Strava
 * run export; the others follow the community-documented list of Strava's numbering.
 */
const STRAVA_TYPE_NUMBERS: ReadonlyMap<string, Sport> = new Map([
  ["1", "cycling"],
  ["4", "hiking"],
  ["9", "running"],
  ["10", "walking"],
]);

/** Maps a GPX `<trk><type>` ("running", "trail_running", "Run", Strava's "9"...) to a {@link Sport}. */
export function sportFromGpxType(type: string): Sport {
  const trimmed = type.trim();
  return STRAVA_TYPE_NUMBERS.get(trimmed) ?? (/^\d+$/.test(trimmed) ? "other" : sportFromWords(trimmed));
}
