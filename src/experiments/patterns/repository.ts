import { sql } from "kysely";
import type { Executor } from "../../db/database.js";
import type { SessionFindingTable } from "../../db/schema.js";
import type { PracticeScope } from "../../shared/scope.js";

/** The graded qualities of a finding, as session_finding stores them. */
export type FindingQualityColumn = "tension" | "tenderness" | "texture" | "adhesion" | "temperature";

export type SignedFindingRow = { client_id: string; session_id: string; started_at: string } & Pick<
  SessionFindingTable,
  FindingQualityColumn | "region_code"
>;

/**
 * Each client's anchor: the start of their latest signed session (not entered in error) with at
 * least one finding. Ordered by client.
 */
export async function listFindingAnchors(db: Executor, scope: PracticeScope): Promise<{ client_id: string; anchor: string }[]> {
  const rows = await db
    .selectFrom("treatment_session as ts")
    .select((eb) => ["ts.client_id", eb.fn.max("ts.started_at").as("anchor")])
    .where("ts.practice_id", "=", scope.practiceId)
    .where("ts.status", "=", "signed")
    .where("ts.entered_in_error_at", "is", null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("session_finding as f")
          .select(sql<number>`1`.as("one"))
          .whereRef("f.practice_id", "=", "ts.practice_id")
          .whereRef("f.session_id", "=", "ts.id"),
      ),
    )
    .groupBy("ts.client_id")
    .orderBy("ts.client_id")
    .execute();
  return rows.map((r) => ({ client_id: r.client_id, anchor: String(r.anchor) }));
}

/** Clients whose windows one query reads (two bind parameters each). */
const WINDOWS_PER_QUERY = 500;

/**
 * The findings of each client's signed sessions (not entered in error) that started at or after
 * the client's `since`: only what a patterns window can use, not the practice's whole history.
 * Ordered by client and session start.
 */
export async function listSignedFindingsSince(
  db: Executor,
  scope: PracticeScope,
  windows: readonly { clientId: string; since: string }[],
): Promise<SignedFindingRow[]> {
  const rows: SignedFindingRow[] = [];
  for (let from = 0; from < windows.length; from += WINDOWS_PER_QUERY) {
    const chunk = windows.slice(from, from + WINDOWS_PER_QUERY);
    const values = sql.join(chunk.map((w) => sql`(${w.clientId}, ${w.since})`));
    const { rows: found } = await sql<SignedFindingRow>`
      with w (client_id, since) as (values ${values})
      select ts.client_id, ts.id as session_id, ts.started_at, f.region_code,
        f.tension, f.tenderness, f.texture, f.adhesion, f.temperature
      from w
      inner join treatment_session ts on ts.practice_id = ${scope.practiceId} and ts.client_id = w.client_id and ts.started_at >= w.since
      inner join session_finding f on f.practice_id = ts.practice_id and f.session_id = ts.id
      where ts.status = 'signed' and ts.entered_in_error_at is null
      order by ts.client_id, ts.started_at`.execute(db);
    rows.push(...found);
  }
  return rows;
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
