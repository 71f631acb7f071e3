import type { Database } from "../db/database.js";
import { notFound } from "../platform/errors.js";
import type { BlobStore } from "../platform/storage/blob-store.js";
import type { Clock } from "../shared/clock.js";
import type { PracticeScope } from "../shared/scope.js";
import type { Sport } from "./activity.js";
import { analyseActivity, trainingContext } from "./analyse.js";
import { LABEL_VERSION } from "./analysis/thresholds.js";
import { relinkSameRuns } from "./duplicates.js";
import type { LegFacts } from "./import/file-analysis.js";
import type { StravaActivityInfo } from "./import/strava-csv.js";
import { parseTrainingFile } from "./parse-file.js";
import * as repo from "./repository.js";
import { withSport } from "./sport-inference.js";
import { storedStream, type StoredStream } from "./stored-stream.js";

export interface TrainingDeps {
  database: Database;
  clock: Clock;
  blobs: BlobStore;
}

/** The stored columns for an activity and its analysis (`stored`: its stream's JSON, when already made). */
export function activityColumns(
  activity: LegFacts,
  analysis: ReturnType<typeof analyseActivity>,
  info: StravaActivityInfo | undefined,
  now: string,
  stored: StoredStream = storedStream(analysis.stream),
) {
  return {
    sport: activity.sport,
    sport_source: activity.sportStated === false ? "inferred" : "file",
    sport_evidence: activity.sportEvidence ?? null,
    sport_label: info?.type ?? activity.sportLabel,
    name: info?.name ?? null,
    start_time: new Date(activity.startTime).toISOString(),
    local_offset_minutes: activity.localOffsetMinutes,
    elapsed_s: analysis.elapsedS,
    moving_s: analysis.movingS,
    distance_m: analysis.distanceM,
    elevation_gain_m: analysis.elevationGainM,
    elevation_loss_m: analysis.elevationLossM,
    avg_pace_s_per_km: analysis.avgPaceSPerKm,
    avg_cadence_spm: analysis.avgCadenceSpm,
    avg_heart_rate: analysis.avgHeartRate,
    labels_json: JSON.stringify(analysis.labels),
    label_version: LABEL_VERSION,
    summary_json: JSON.stringify(analysis.summary),
    stream_json: stored.streamJson,
    run_features_json: stored.runFeaturesJson,
    analysed_at: now,
  };
}

/**
 * A practitioner corrects an activity's sport (a ride the file did not name, a run a watch called
 * "other"). The activity is recomputed from its file as that sport, so a ride loses its running
 * labels; the correction is kept when the activity is recomputed later. 404 for an unknown or
 * another practice's activity.
 */
export async function correctActivitySport(deps: TrainingDeps, scope: PracticeScope, activityId: string, sport: Sport): Promise<void> {
  const current = await repo.findActivity(deps.database.db, scope, activityId);
  if (!current) throw notFound("Activity");
  const parsed = parseTrainingFile(await deps.blobs.get(scope, current.sha256));
  const parsedLeg = parsed.legs[Number(current.leg_index)] ?? parsed.activity;
  const leg = withSport(parsedLeg, sport, null);
  const context = await trainingContext(deps.database.db, scope, current.client_id, leg.startTime);
  const now = deps.clock.now().toISOString();
  const columns = activityColumns(leg, analyseActivity(leg, context), undefined, now);
  await deps.database.db.transaction().execute(async (tx) => {
    await repo.replaceActivityAnalysis(tx, scope, activityId, {
      ...columns,
      sport_source: "practitioner",
      sport_evidence: null,
      sport_override: sport,
      name: current.name,
      // The file's own word for a sport it got wrong would contradict the correction.
      sport_label: null,
    });
    // Another sport family may no longer be the same run as a recording it was linked with (or now is).
    await relinkSameRuns(tx, scope, current.client_id, [leg.startTime], now);
  });
}
