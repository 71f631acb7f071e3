/**
 * What eligibility is checked against (eligibility.ts is the pure check): clients' complaints,
 * latest findings and recent runs, read from the clinical and training records in this one place,
 * for many clients at once — a query per kind of fact for every 500 clients, never one per client.
 */
import { sql } from "kysely";
import type { Executor } from "../db/database.js";
import type { SessionFindingTable } from "../db/schema.js";
import type { FindingQualityColumn } from "./patterns/repository.js";
import type { PracticeScope } from "../shared/scope.js";
import type { EligibilityFacts } from "./eligibility.js";
import type { ExperimentPlan } from "./schema.js";
import type { ExperimentDeps } from "./service.js";

const DAY_MS = 86_400_000;
/** Clients one query asks about (one bind parameter each). */
const CLIENTS_PER_QUERY = 500;

/** The facts about one client that the plan's eligibility criteria ask about, as of now. */
export async function eligibilityFacts(
  deps: ExperimentDeps,
  scope: PracticeScope,
  clientId: string,
  plan: ExperimentPlan,
): Promise<EligibilityFacts> {
  const facts = await eligibilityFactsOf(deps, scope, [clientId], plan);
  return facts.get(clientId) ?? { complaints: [], latestFindings: null, runs: [], now: deps.clock.now().getTime() };
}

/** The same facts for each of `clientIds`. */
export async function eligibilityFactsOf(
  deps: ExperimentDeps,
  scope: PracticeScope,
  clientIds: readonly string[],
  plan: ExperimentPlan,
): Promise<Map<string, EligibilityFacts>> {
  const db = deps.database.db;
  const now = deps.clock.now().getTime();
  const facts = new Map<string, EligibilityFacts>(clientIds.map((id) => [id, { complaints: [], latestFindings: null, runs: [], now }]));
  const of = (clientId: string) => facts.get(clientId);
  for (let from = 0; from < clientIds.length; from += CLIENTS_PER_QUERY) {
    const chunk = clientIds.slice(from, from + CLIENTS_PER_QUERY);
    for (const c of await complaintsOf(db, scope, chunk)) {
      of(c.client_id)?.complaints.push({ title: c.title, regions: JSON.parse(c.regions_json) as string[], status: c.status });
    }
    if (plan.eligibility.requiredFindings.length > 0) {
      for (const [clientId, latest] of await latestFindingsOf(db, scope, chunk)) {
        const entry = of(clientId);
        if (entry) entry.latestFindings = latest;
      }
    }
    if (plan.eligibility.training) {
      const since = new Date(now - plan.eligibility.training.weeks * 7 * DAY_MS).toISOString();
      for (const run of await runsOf(db, scope, chunk, since)) {
        of(run.client_id)?.runs.push({
          startTime: Date.parse(run.start_time),
          labels: (JSON.parse(run.labels_json) as { kind: string }[]).map((l) => l.kind),
        });
      }
    }
  }
  return facts;
}

/** The clients' complaints, newest first for each. */
function complaintsOf(db: Executor, scope: PracticeScope, clientIds: readonly string[]) {
  return db
    .selectFrom("complaint")
    .select(["client_id", "title", "regions_json", "status"])
    .where("practice_id", "=", scope.practiceId)
    .where("client_id", "in", clientIds)
    .orderBy("client_id")
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
}

/**
 * Each client's most recent signed session (by start, then id) that recorded findings, with those
 * findings in their order. A draft is not evidence (its findings may still change), nor is a note
 * marked entered in error.
 */
async function latestFindingsOf(
  db: Executor,
  scope: PracticeScope,
  clientIds: readonly string[],
): Promise<Map<string, NonNullable<EligibilityFacts["latestFindings"]>>> {
  const { rows } = await sql<
    { client_id: string; started_at: string } & Pick<SessionFindingTable, FindingQualityColumn | "region_code" | "texture_descriptor">
  >`
    select latest.client_id, ts.started_at, f.region_code, f.tension, f.tenderness, f.texture, f.adhesion,
      f.temperature, f.texture_descriptor
    from (
      -- Each client's sessions newest first, from the index, until the first with a finding.
      select c.id as client_id, (
        select s.id from treatment_session s
        where s.practice_id = c.practice_id and s.client_id = c.id and s.status = 'signed' and s.entered_in_error_at is null
          and exists (select 1 from session_finding sf where sf.practice_id = s.practice_id and sf.session_id = s.id)
        order by s.started_at desc, s.id desc
        limit 1
      ) as session_id
      from client c
      where c.practice_id = ${scope.practiceId} and c.id in (${sql.join(clientIds)})
    ) as latest
    inner join treatment_session ts on ts.practice_id = ${scope.practiceId} and ts.id = latest.session_id
    inner join session_finding f on f.practice_id = ${scope.practiceId} and f.session_id = latest.session_id
    order by latest.client_id, f.position`.execute(db);
  const latest = new Map<string, NonNullable<EligibilityFacts["latestFindings"]>>();
  for (const row of rows) {
    const entry = latest.get(row.client_id) ?? { sessionAt: row.started_at, findings: [] };
    entry.findings.push({
      regionCode: row.region_code,
      tension: row.tension,
      tenderness: row.tenderness,
      texture: row.texture,
      adhesion: row.adhesion,
      temperature: row.temperature,
      textureDescriptor: row.texture_descriptor,
    });
    latest.set(row.client_id, entry);
  }
  return latest;
}

/** The clients' runs since `since`: a run recorded by two devices is one run, its primary recording. */
function runsOf(db: Executor, scope: PracticeScope, clientIds: readonly string[], since: string) {
  return db
    .selectFrom("activity")
    .select(["client_id", "start_time", "labels_json"])
    .where("practice_id", "=", scope.practiceId)
    .where("client_id", "in", clientIds)
    .where("duplicate_of", "is", null)
    .where("start_time", ">=", since)
    .orderBy("client_id")
    .orderBy("start_time", "desc")
    .orderBy("id")
    .execute();
}
