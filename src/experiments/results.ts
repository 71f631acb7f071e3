/** An experiment's results from its enrolled clients' records: loading; analysis.ts does the rest. */
import { answerScores } from "../checkins/scores.js";
import { loadCatalogue } from "../questionnaires/service.js";
import { SESSION_MEASURE_FIELDS } from "../shared/measures/index.js";
import { listVersions } from "../clinical/protocols/repository.js";
import type { PracticeScope } from "../shared/scope.js";
import { StampedMemo } from "../shared/stamped-memo.js";
import { compareAroundDate } from "../training/outcomes/index.js";
import { loadClientRuns, outcomeWindow } from "../training/outcomes-view.js";
import { analyseExperiment, type ExperimentResults } from "./analysis.js";
import { isRetrospective, parsePlan, requireExperiment } from "./load.js";
import { armStartSession, outcomeScale, type ClientRecord, type Observation, type OutcomeScale, type RunningChange } from "./outcomes.js";
import * as repo from "./repository.js";
import type { ExperimentPlan } from "./schema.js";
import type { ExperimentDeps } from "./service.js";

/**
 * An experiment's results change only when its inputs do, so the last results are kept per
 * experiment and reused while the stamp of those inputs (repository.resultInputsStamp) is
 * unchanged. A running experiment's window ends now, so its results also depend on the time: they
 * are reused only while no session or answered check-in of its clients falls between the time
 * they were computed and now (`validUntil`, the earliest such record after the window's end), so
 * a reused result is the one a fresh computation would give.
 */
interface KeptResults {
  /** The window's end the results were computed for (ms); a clock set back recomputes. */
  computedAt: number;
  /** The earliest input record after the window's end (ms), Infinity when none or finished. */
  validUntil: number;
  results: ExperimentResults;
}
const keptResults = new StampedMemo<KeptResults>(16);

/** The experiment's results, computed from the enrolled clients' records as they stand now: the caller's own copy. */
export async function experimentResults(deps: ExperimentDeps, scope: PracticeScope, id: string): Promise<ExperimentResults> {
  return structuredClone(await sharedExperimentResults(deps, scope, id));
}

/**
 * The same results, possibly the very object kept for the next request: for a caller that only
 * reads them (the results page writes them as JSON once per kept object, experiments/heavy-pages.ts).
 */
export async function sharedExperimentResults(
  deps: ExperimentDeps,
  scope: PracticeScope,
  id: string,
): Promise<Readonly<ExperimentResults>> {
  const row = await requireExperiment(deps.database.db, scope, id);
  const now = deps.clock.now().getTime();
  // Read before the inputs: a change made while computing moves it, so the next request recomputes.
  const stamp = `${row.updated_at}|${row.finished_at}|${await repo.resultInputsStamp(deps.database.db, scope, id)}`;
  const running = row.finished_at === null;
  const entry = await keptResults.get(
    `${scope.practiceId}:${id}`,
    stamp,
    async () => {
      const { results, validUntil } = await computeResults(deps, scope, row, now);
      return { computedAt: now, validUntil: running ? validUntil : Infinity, results };
    },
    // Kept or shared results computed for another time are used only if still valid at this one.
    (kept) => !running || (now >= kept.computedAt && now < kept.validUntil),
  );
  return entry.results;
}

async function computeResults(
  deps: ExperimentDeps,
  scope: PracticeScope,
  row: Awaited<ReturnType<typeof requireExperiment>>,
  now: number,
): Promise<{ results: ExperimentResults; validUntil: number }> {
  const db = deps.database.db;
  const id = row.id;
  const plan = parsePlan(row);
  const enrolments = await repo.listEnrolments(db, scope, id);
  const active = enrolments.filter((e) => e.withdrawn_at === null);
  const until = row.finished_at ? Date.parse(row.finished_at) : now;
  const versionToProtocol = new Map((await listVersions(db, scope)).map((v) => [v.id, v.protocol_id]));
  const measureCodes = [
    plan.primaryOutcome.measureCode,
    ...plan.secondaryOutcomes.flatMap((o) => (o.kind === "measure" ? [o.measureCode] : [])),
  ];
  // Every enrolled client's sessions and answered check-ins in two reads, grouped here.
  const clientIds = [...new Set(active.map((e) => e.client_id))];
  const sessionsOf = groupBy(await repo.listSignedSessionsOf(db, scope, clientIds), (s) => s.client_id);
  const checkinsOf = groupBy(await repo.listAnsweredCheckinsOf(db, scope, clientIds), (c) => c.client_id);
  const validUntil = firstAfter(
    until,
    [...sessionsOf.values()].flat(),
    (s) => s.started_at,
    [...checkinsOf.values()].flat(),
    (c) => c.answered_at,
  );
  const clients: ClientRecord[] = [];
  const windows = new Map<ClientRecord, { from: number; sessions: repo.ResultSessionRow[] }>();
  for (const enrolment of active) {
    const from = Date.parse(`${enrolment.data_from}T00:00:00.000Z`);
    // Only signed notes: a draft can still change its protocol and measures, and so the result;
    // a note marked entered in error is left out.
    const sessions = (sessionsOf.get(enrolment.client_id) ?? [])
      .filter((s) => inWindow(s.started_at, from, until))
      .sort((a, b) => a.started_at.localeCompare(b.started_at));
    const record: ClientRecord = {
      clientId: enrolment.client_id,
      clientName: `${enrolment.first_name} ${enrolment.last_name}`,
      arm: enrolment.arm,
      retrospective: isRetrospective(row, enrolment.data_from),
      sessions: sessions.map((s) => ({
        id: s.id,
        at: Date.parse(s.started_at),
        protocolId: s.protocol_version_id ? (versionToProtocol.get(s.protocol_version_id) ?? null) : null,
      })),
      observations: {},
      running: {},
    };
    windows.set(record, { from, sessions });
    clients.push(record);
  }
  // A check-in counts with its session: one after a draft or a session outside the window would
  // have no phase. Only those check-ins' answers are read.
  const counted = new Map<ClientRecord, repo.AnsweredCheckinRow[]>();
  for (const record of clients) {
    const { from, sessions } = windows.get(record)!;
    const sessionIds = new Set(sessions.map((session) => session.id));
    counted.set(
      record,
      (checkinsOf.get(record.clientId) ?? []).filter((c) => inWindow(c.answered_at, from, until) && sessionIds.has(c.session_id)),
    );
  }
  const answers = await repo.latestAnswersOf(
    db,
    scope,
    [...counted.values()].flatMap((list) => list.map((c) => c.id)),
  );
  for (const record of clients) {
    record.observations = observations(windows.get(record)!.sessions, counted.get(record)!, answers, measureCodes);
  }
  await addRunningChanges(deps, scope, plan, clients);
  const catalogue = await loadCatalogue(db, scope);
  const secondaryScales: Record<string, OutcomeScale> = {};
  for (const outcome of plan.secondaryOutcomes)
    if (outcome.kind === "measure") secondaryScales[outcome.measureCode] = outcomeScale(outcome.measureCode, catalogue);
  const amendments = await repo.listAmendments(db, scope, id);
  const results = analyseExperiment({
    plan,
    primary: outcomeScale(plan.primaryOutcome.measureCode, catalogue),
    secondaryScales,
    clients,
    withdrawn: enrolments.length - active.length,
    seed: row.allocation_seed ?? row.registration_sha256 ?? row.id,
    amendments: amendments.length,
  });
  return { results, validUntil };
}

/** The earliest time after `until` among the records' times (ms), Infinity when none is later. */
function firstAfter<A, B>(
  until: number,
  a: readonly A[],
  timeOfA: (row: A) => string,
  b: readonly B[],
  timeOfB: (row: B) => string,
): number {
  let first = Infinity;
  for (const row of a) {
    const at = Date.parse(timeOfA(row));
    if (at > until && at < first) first = at;
  }
  for (const row of b) {
    const at = Date.parse(timeOfB(row));
    if (at > until && at < first) first = at;
  }
  return first;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const list = groups.get(key(row));
    if (list) list.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

function inWindow(iso: string, from: number, until: number): boolean {
  const at = Date.parse(iso);
  return at >= from && at <= until;
}

/** Session pre-treatment values first, then check-in scores, each in the client's record order. */
function observations(
  sessions: readonly repo.ResultSessionRow[],
  checkins: readonly repo.AnsweredCheckinRow[],
  answers: ReadonlyMap<string, string>,
  measureCodes: readonly string[],
): Record<string, Observation[]> {
  const result: Record<string, Observation[]> = Object.fromEntries(measureCodes.map((code) => [code, []]));
  for (const session of sessions) {
    const measures = JSON.parse(session.measures_json) as { pre?: { pain?: number; tightness?: number } };
    for (const code of measureCodes) {
      const key = SESSION_MEASURE_FIELDS[code];
      const value = key ? measures.pre?.[key] : undefined;
      if (typeof value === "number")
        result[code]?.push({ at: Date.parse(session.started_at), value, source: "session", sessionId: session.id });
    }
  }
  for (const checkin of checkins) {
    const json = answers.get(checkin.id);
    if (json === undefined) continue;
    for (const score of answerScores(checkin, json)) {
      result[score.measureCode]?.push({
        at: Date.parse(score.answeredAt),
        value: score.score,
        source: "checkin",
        sessionId: score.sessionId,
      });
    }
  }
  return result;
}

/** Each client's running outcomes around their first session of their arm; the runs of all clients in one read. */
async function addRunningChanges(deps: ExperimentDeps, scope: PracticeScope, plan: ExperimentPlan, clients: ClientRecord[]): Promise<void> {
  const running = plan.secondaryOutcomes.flatMap((o) => (o.kind === "running" ? [o] : []));
  if (running.length === 0) return;
  const starts = new Map(clients.map((client) => [client, armStartSession(client, plan)]));
  // One window per client covering each running outcome's window around their start.
  const windows = new Map<string, { clientId: string; since: string; before: string }>();
  for (const [client, start] of starts) {
    if (!start) continue;
    for (const outcome of running) {
      const { since, before } = outcomeWindow(start.at, outcome.windowDays);
      const seen = windows.get(client.clientId);
      windows.set(client.clientId, {
        clientId: client.clientId,
        since: seen && seen.since < since ? seen.since : since,
        before: seen && seen.before > before ? seen.before : before,
      });
    }
  }
  const runs = await loadClientRuns(deps.database.db, scope, [...windows.values()]);
  for (const client of clients) {
    const start = starts.get(client);
    const result: Record<string, RunningChange> = {};
    for (const outcome of running) {
      if (!start) {
        result[outcome.metric] = {
          enough: false,
          change: null,
          unit: "",
          runsBefore: 0,
          runsAfter: 0,
          missing: "no session of the client's arm yet",
        };
        continue;
      }
      const window = outcomeWindow(start.at, outcome.windowDays);
      const inRange = (runs.get(client.clientId) ?? []).filter((run) => {
        const at = new Date(run.startTime).toISOString();
        return at >= window.since && at < window.before;
      });
      const comparison = compareAroundDate(inRange, start.at, { windowDays: outcome.windowDays });
      const metric = outcome.metric === "cadence-at-matched-pace" ? comparison.cadenceAtMatchedPace : comparison.paceAtMatchedHeartRate;
      result[outcome.metric] = {
        enough: metric.enough,
        change: metric.change,
        unit: metric.unit,
        runsBefore: metric.runsBefore,
        runsAfter: metric.runsAfter,
        missing: metric.missing ?? null,
      };
    }
    client.running = result;
  }
}
