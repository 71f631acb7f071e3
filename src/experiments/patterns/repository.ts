import type { Executor } from "../../db/database.js";
import type { PracticeScope } from "../../shared/scope.js";

export interface SignedFindingRow {
  client_id: string;
  session_id: string;
  started_at: string;
  region_code: string;
  tension: number | null;
  tenderness: number | null;
  texture: number | null;
  adhesion: number | null;
  temperature: number | null;
}

/** Every finding recorded in the practice's signed sessions, with its session's client and start. */
export async function listSignedFindings(db: Executor, scope: PracticeScope): Promise<SignedFindingRow[]> {
  return db
    .selectFrom("session_finding")
    .innerJoin("treatment_session", (join) =>
      join
        .onRef("treatment_session.id", "=", "session_finding.session_id")
        .onRef("treatment_session.practice_id", "=", "session_finding.practice_id"),
    )
    .select([
      "treatment_session.client_id",
      "treatment_session.id as session_id",
      "treatment_session.started_at",
      "session_finding.region_code",
      "session_finding.tension",
      "session_finding.tenderness",
      "session_finding.texture",
      "session_finding.adhesion",
      "session_finding.temperature",
    ])
    .where("session_finding.practice_id", "=", scope.practiceId)
    .where("treatment_session.status", "=", "signed")
    .where("treatment_session.entered_in_error_at", "is", null)
    .orderBy("treatment_session.client_id")
    .orderBy("treatment_session.started_at")
    .execute();
}

/**
 * What the patterns are computed from, summarised so that any change shows: adding, re-analysing
 * or relabelling a run moves the latest `analysed_at`, signing or amending a session its
 * `updated_at` (findings change only with their session), and an erasure lowers a count. Read
 * from two indexes, not the rows.
 */
export async function patternInputsStamp(db: Executor, scope: PracticeScope): Promise<string> {
  const [activities, sessions] = await Promise.all([
    db
      .selectFrom("activity")
      .select((eb) => [eb.fn.countAll<number | string>().as("n"), eb.fn.max("analysed_at").as("latest")])
      .where("practice_id", "=", scope.practiceId)
      .executeTakeFirst(),
    db
      .selectFrom("treatment_session")
      .select((eb) => [eb.fn.countAll<number | string>().as("n"), eb.fn.max("updated_at").as("latest")])
      .where("practice_id", "=", scope.practiceId)
      .where("status", "=", "signed")
      .executeTakeFirst(),
  ]);
  return JSON.stringify([Number(activities?.n ?? 0), activities?.latest ?? null, Number(sessions?.n ?? 0), sessions?.latest ?? null]);
}
