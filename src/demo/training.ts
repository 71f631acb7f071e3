import { encodeFitActivity } from "../training/fit/encode.js";
import { importFileBytes } from "../training/import-upload.js";
import type { TrainingDeps } from "../training/service.js";
import { synthesiseRun, WORKOUTS, type RunSegment } from "../training/synthetic-run.js";
import type { PracticeScope } from "../shared/scope.js";
import type { Random } from "./random.js";

const DAY_MS = 86_400_000;

export type TrainingStyle = "marathon_build" | "trail" | "track" | "returning";

interface PlannedRun {
  dayOffset: number;
  segments: RunSegment[];
  subSport: "generic" | "trail" | "track";
}

/**
 * A few weeks of a runner's training as watch files, imported like a client's real uploads:
 * the marathon build from the story (hill repeats, intervals, hilly long runs, weekly distance
 * rising), trail runners with long descents, track runners, and returning runners.
 */
export async function seedTraining(
  deps: TrainingDeps,
  scope: PracticeScope,
  clientId: string,
  style: TrainingStyle,
  options: { weeks: number; endMonday: Date; until: Date; random: Random },
): Promise<number> {
  let imported = 0;
  for (let week = 0; week < options.weeks; week++) {
    const monday = options.endMonday.getTime() - (options.weeks - 1 - week) * 7 * DAY_MS;
    for (const run of weekPlan(style, week, options.weeks, options.random)) {
      const start = monday + run.dayOffset * DAY_MS + (6 * 60 + options.random.int(0, 90)) * 60_000;
      // The plan's week runs to Sunday; nothing is dated after today.
      if (start + 4 * 3600_000 > options.until.getTime()) continue;
      const fit = encodeFitActivity(
        synthesiseRun({
          start,
          segments: run.segments,
          random: options.random,
          subSport: run.subSport,
          localOffsetMinutes: 0,
          altitudeNoiseM: 0.5,
        }),
      );
      const outcome = await importFileBytes(deps, scope, clientId, `${new Date(start).toISOString().slice(0, 10)}-${style}.fit`, fit);
      if (outcome.status === "imported") imported += 1;
    }
  }
  return imported;
}

function weekPlan(style: TrainingStyle, week: number, weeks: number, random: Random): PlannedRun[] {
  const progress = weeks <= 1 ? 1 : week / (weeks - 1);
  switch (style) {
    case "marathon_build":
      return [
        { dayOffset: 1, segments: WORKOUTS.hillRepeats(random.int(5, 8), 300, 7), subSport: "generic" },
        { dayOffset: 3, segments: WORKOUTS.intervals(random.int(6, 10), 400, 215), subSport: "track" },
        { dayOffset: 4, segments: WORKOUTS.easy(8 + Math.round(progress * 4)), subSport: "generic" },
        week % 2 === 0
          ? { dayOffset: 6, segments: WORKOUTS.downhillTrail(4, 4, 8), subSport: "trail" }
          : { dayOffset: 6, segments: WORKOUTS.long(18 + Math.round(progress * 12)), subSport: "generic" },
      ];
    case "trail":
      return [
        { dayOffset: 1, segments: WORKOUTS.easy(8), subSport: "generic" },
        { dayOffset: 3, segments: WORKOUTS.hillRepeats(random.int(4, 6), 250, 9), subSport: "trail" },
        { dayOffset: 5, segments: WORKOUTS.downhillTrail(random.int(3, 5), random.int(3, 5), random.int(7, 11)), subSport: "trail" },
      ];
    case "track":
      return [
        { dayOffset: 1, segments: WORKOUTS.intervals(random.int(8, 12), 400, random.int(200, 225)), subSport: "track" },
        { dayOffset: 3, segments: WORKOUTS.easy(10), subSport: "generic" },
        { dayOffset: 5, segments: WORKOUTS.intervals(5, 1000, random.int(225, 245)), subSport: "track" },
      ];
    case "returning":
      return [
        { dayOffset: 2, segments: WORKOUTS.easy(4 + Math.round(progress * 2), 400), subSport: "generic" },
        { dayOffset: 5, segments: WORKOUTS.easy(5 + Math.round(progress * 3), 410), subSport: "generic" },
      ];
  }
}
