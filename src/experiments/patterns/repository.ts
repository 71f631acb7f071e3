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
 * What the patterns are computed from, summarised so that any change shows: the sum of the
 * practice's clients' `patterns_version` (client_data_version, moved by database triggers whenever
 * a client's runs or signed sessions and their findings change; check-in answers do not move it)
 * and its clients (an erasure removes a client and their version row, lowering the count; only a
 * new client, with a later `created_at`, raises it again). Read from two indexes.
 */
export async function patternInputsStamp(db: Executor, scope: PracticeScope): Promise<string> {
  const [versions, clients] = await Promise.all([
    db
      .selectFrom("client_data_version")
      .select((eb) => [eb.fn.sum<number | string | null>("patterns_version").as("sum")])
      .where("practice_id", "=", scope.practiceId)
      .executeTakeFirst(),
    db
      .selectFrom("client")
      .select((eb) => [eb.fn.countAll<number | string>().as("n"), eb.fn.max("created_at").as("latest")])
      .where("practice_id", "=", scope.practiceId)
      .executeTakeFirst(),
  ]);
  return JSON.stringify([String(versions?.sum ?? 0), Number(clients?.n ?? 0), clients?.latest ?? null]);
}
