import type { Sport } from "../../training/schema";
import type { ActivityDetail } from "./types";

/** The sports a practitioner can choose, in the words the app shows. */
export const SPORT_NAMES: Record<Sport, string> = {
  running: "Running",
  trail_running: "Trail running",
  treadmill_running: "Treadmill running",
  track_running: "Track running",
  walking: "Walking",
  hiking: "Hiking",
  cycling: "Cycling",
  swimming: "Swimming",
  other: "Other",
};

export function sportName(sport: string): string {
  return SPORT_NAMES[sport as Sport] ?? sport.replace(/_/g, " ");
}

/** Where the sport came from, in a sentence. */
export function sportSourceText(activity: Pick<ActivityDetail, "sportSource" | "sportEvidence">): string {
  if (activity.sportSource === "practitioner") return "Corrected by therapist.";
  if (activity.sportSource === "inferred")
    return `Inferred: the file does not say its sport.${activity.sportEvidence ? ` ${activity.sportEvidence}` : ""}`;
  return "As the file says.";
}
