/**
 * Loads what a case report draws on from the other modules' services and repositories: the
 * client, the complaint, the sessions, check-in scores, weekly training load and, for an
 * experiment, its registration and results. The result still holds names and dates;
 * `anonymise` removes them.
 */
import { SESSION_MEASURE_FIELDS } from "../shared/measures/index.js";
import { loadCatalogue } from "../questionnaires/service.js";
import { listClientScores } from "../checkins/scores.js";
import { getClient } from "../clients/service.js";
import type { ClientView } from "../clients/schema.js";
import { getComplaint } from "../clinical/complaints/service.js";
import type { ComplaintView } from "../clinical/complaints/schema.js";
import type { SessionView } from "../clinical/sessions/schema.js";
import { listSessions } from "../clinical/sessions/service.js";
import { techniqueName } from "../shared/vocabulary/catalogue.js";
import { customTechniques } from "../clinical/vocabulary/service.js";
import type { ExperimentResults } from "../experiments/analysis.js";
import type { EnrolmentView, ExperimentView } from "../experiments/schema.js";
import { experimentResults } from "../experiments/results.js";
import { findEnrolment } from "../experiments/enrolments.js";
import type { ExperimentDeps } from "../experiments/service.js";
import { getExperiment } from "../experiments/views.js";
import type { PracticeScope } from "../shared/scope.js";
import { ACWR_CAVEAT } from "../training/analysis/weekly-load.js";
import { runningWeeks } from "../training/views.js";
import type { CaseRecord, RecordExperiment, RecordOutcomeSeries, RecordWeek } from "./anonymise.js";

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** Training weeks shown before the first session and after the last one. */
const WEEKS_BEFORE = 4;
const WEEKS_AFTER = 2;
/** Earlier weeks read only so the first shown week has its ramp and ratio. */
const CONTEXT_WEEKS = 6;

export type ReportDeps = ExperimentDeps & {
  /** Where an experiment's results are computed: the server's heavy-read workers; in place when absent. */
  experimentResults?: ((scope: PracticeScope, experimentId: string) => Promise<ExperimentResults>) | undefined;
};

export interface ReportSource {
  clientId: string;
  complaintId: string | null;
  experimentId: string | null;
}

export interface LoadedRecord {
  record: CaseRecord;
  client: ClientView;
}

/** The sessions a report covers: the complaint's, or (for an experiment) those in the client's data window. */
function coveredSessions(sessions: SessionView[], experiment: ExperimentView | null, enrolment: EnrolmentView | undefined): SessionView[] {
  const sorted = [...sessions].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  if (!experiment || !enrolment) return sorted;
  const until = experiment.finishedAt ?? "9999";
  return sorted.filter((s) => s.startedAt.slice(0, 10) >= enrolment.dataFrom && s.startedAt <= until);
}

/** The complaint most of the sessions were for, when the report names none. */
function mainComplaintId(sessions: readonly SessionView[]): string | null {
  const counts = new Map<string, number>();
  for (const s of sessions) for (const id of s.complaintIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

export async function loadCaseRecord(deps: ReportDeps, scope: PracticeScope, source: ReportSource): Promise<LoadedRecord> {
  const db = deps.database.db;
  const client = await getClient(deps, scope, source.clientId);
  const experiment = source.experimentId ? await getExperiment(deps, scope, source.experimentId) : null;
  // A note marked entered in error is not part of the case.
  const all = (await listSessions(deps, scope, client.id, source.complaintId ?? undefined)).filter((s) => s.enteredInError === null);
  const enrolment = experiment ? await findEnrolment(deps, scope, experiment, client.id) : undefined;
  const sessions = coveredSessions(all, experiment, enrolment);
  const complaintId = source.complaintId ?? mainComplaintId(sessions);
  const complaint: ComplaintView | null = complaintId ? await getComplaint(deps, scope, complaintId) : null;
  const custom = new Map((await customTechniques(db, scope)).map((t) => [t.code, t.name]));
  const results = experiment
    ? await (deps.experimentResults ? deps.experimentResults(scope, experiment.id) : experimentResults(deps, scope, experiment.id))
    : null;
  const signed = sessions.filter((s) => s.status === "signed");
  const record: CaseRecord = {
    client: {
      firstName: client.firstName,
      lastName: client.lastName,
      email: client.email,
      phone: client.phone,
      goalEventName: client.running.goalEvent?.name ?? null,
      dateOfBirth: client.dateOfBirth,
      yearsRunning: client.running.yearsRunning,
      weeklyKm: client.running.weeklyKm,
      goalDistanceKm: client.running.goalEvent?.distanceKm ?? null,
      timeZone: client.timeZone,
    },
    complaint: complaint
      ? {
          regions: complaint.regions,
          side: complaint.side,
          onsetOn: complaint.onsetOn,
          triggers: complaint.triggers,
          status: complaint.status,
        }
      : null,
    sessions: sessions.map((s) => ({
      startedAt: s.startedAt,
      signed: s.status === "signed",
      protocol: s.protocol ? { id: s.protocol.id, name: s.protocol.name, version: s.protocol.version } : null,
      measures: s.measures,
      findings: s.findings.map((f) => ({
        regionCode: f.regionCode,
        side: f.side,
        qualities: f.qualities,
        textureDescriptor: f.textureDescriptor,
      })),
      steps: s.steps.map((step) => ({
        technique: step.technique,
        regionCode: step.regionCode,
        side: step.side,
        direction: step.direction,
        minutes: step.minutes,
        intensity: step.intensity,
      })),
    })),
    techniqueNames: new Map(
      [...new Set(sessions.flatMap((s) => s.steps.map((step) => step.technique)))].map((code) => [code, techniqueName(code, custom)]),
    ),
    outcomes: await loadOutcomes(deps, scope, client.id, signed, experiment, results),
    weeks: await loadWeeks(deps, scope, client.id, signed),
    acwrCaveat: ACWR_CAVEAT,
    experiment: experiment && results ? experimentRecord(experiment, results, client.id) : null,
  };
  return { record, client };
}

/**
 * Each measure's values over the episode: sessions' own before-treatment ratings and the scores
 * of check-ins that followed the covered sessions. For an experiment's primary outcome the
 * analysed series is used, with its A/B phases.
 */
async function loadOutcomes(
  deps: ReportDeps,
  scope: PracticeScope,
  clientId: string,
  sessions: readonly SessionView[],
  experiment: ExperimentView | null,
  results: ExperimentResults | null,
): Promise<RecordOutcomeSeries[]> {
  const db = deps.database.db;
  const points = new Map<string, RecordOutcomeSeries["points"]>();
  const add = (code: string, point: RecordOutcomeSeries["points"][number]) => {
    const list = points.get(code) ?? [];
    list.push(point);
    points.set(code, list);
  };
  for (const s of sessions) {
    for (const [code, key] of Object.entries(SESSION_MEASURE_FIELDS)) {
      if (key === undefined) continue;
      const value = s.measures.pre[key];
      if (value !== null) add(code, { at: s.startedAt, value, source: "session", phase: null });
    }
  }
  const sessionIds = new Set(sessions.map((s) => s.id));
  for (const score of await listClientScores(db, scope, clientId)) {
    if (sessionIds.has(score.sessionId))
      add(score.measureCode, { at: score.answeredAt, value: score.score, source: "checkin", phase: null });
  }
  const primaryCode = experiment?.plan.primaryOutcome.measureCode;
  const mine = results?.clients.find((c) => c.clientId === clientId);
  if (primaryCode && mine) {
    points.set(
      primaryCode,
      mine.series.map((p) => ({ at: p.at, value: p.value, source: p.source, phase: p.phase })),
    );
  }
  const series: RecordOutcomeSeries[] = [];
  const catalogue = await loadCatalogue(db, scope);
  for (const [code, list] of points) {
    const measure = catalogue.byCode(code);
    if (!measure || !(measure.kind === "item-scale" || measure.kind === "questionnaire") || measure.range === null || list.length === 0)
      continue;
    const threshold = measure.mcid ?? measure.mic;
    series.push({
      code,
      name: measure.name,
      higherIsBetter: measure.higherIsBetter,
      range: measure.range,
      mcid: threshold ? { statistic: threshold.statistic, points: threshold.points, percent: threshold.percent } : null,
      points: [...list].sort((a, b) => a.at.localeCompare(b.at)),
    });
  }
  // The experiment's primary outcome first, then the library's order by code.
  return series.sort((a, b) => Number(b.code === primaryCode) - Number(a.code === primaryCode) || a.code.localeCompare(b.code));
}

/** Weekly running load from a few weeks before the first session to a couple after the last. */
async function loadWeeks(
  deps: ReportDeps,
  scope: PracticeScope,
  clientId: string,
  sessions: readonly SessionView[],
): Promise<RecordWeek[]> {
  const first = sessions[0];
  const last = sessions.at(-1);
  if (!first || !last) return [];
  const from = Date.parse(first.startedAt) - WEEKS_BEFORE * WEEK_MS;
  const until = Math.min(deps.clock.now().getTime(), Date.parse(last.startedAt) + WEEKS_AFTER * WEEK_MS);
  const weeks = await runningWeeks(deps.database.db, scope, clientId, { since: from - CONTEXT_WEEKS * WEEK_MS, until });
  if (weeks.every((w) => w.activities === 0)) return [];
  const firstShown = new Date(from - 6 * DAY_MS).toISOString().slice(0, 10);
  return weeks
    .filter((w) => w.weekStart >= firstShown)
    .map((w) => ({
      weekStart: w.weekStart,
      distanceM: w.distanceM,
      activities: w.activities,
      labelCounts: w.labelCounts,
      rampPct: w.rampPct,
      acwr: w.acwr,
    }));
}

function experimentRecord(experiment: ExperimentView, results: ExperimentResults, clientId: string): RecordExperiment {
  const mine = results.clients.find((c) => c.clientId === clientId);
  const sc = mine?.singleCase;
  const meanings = mine?.singleCaseMeanings ?? null;
  let singleCase: RecordExperiment["singleCase"] = null;
  if (sc && !sc.ok) singleCase = { ok: false, missing: sc.missing };
  if (sc?.ok && meanings) {
    singleCase = {
      ok: true,
      figures: [
        { label: "Level change (B − A)", value: signed(sc.levelChange), meaning: meanings.levelChange },
        { label: "NAP", value: `${Math.round(sc.nap.nap * 100)}%`, meaning: meanings.nap },
        { label: "Tau-U", value: sc.tauU.tau.toFixed(2), meaning: meanings.tauU },
        { label: "Tau-U corrected for baseline trend", value: sc.tauUTrendCorrected.tau.toFixed(2), meaning: meanings.tauUTrendCorrected },
        { label: "PND", value: `${Math.round(sc.pnd.pnd)}%`, meaning: meanings.pnd },
      ],
    };
  }
  return {
    design: experiment.plan.design,
    hypothesis: experiment.plan.hypothesis,
    rationale: experiment.plan.rationale,
    interventionProtocol: experiment.labels.interventionProtocol,
    comparator: experiment.labels.comparator,
    primaryOutcome: experiment.labels.primaryOutcome,
    registration: experiment.registration ? { at: experiment.registration.at, sha256: experiment.registration.sha256 } : null,
    amendments: experiment.amendments.length,
    status: experiment.status,
    singleCase,
    primaryChange: mine?.primary.ok ? mine.primary.meaning : null,
    caveats: results.caveats,
  };
}

function signed(value: number): string {
  const rounded = Number.isInteger(value) ? String(value) : value.toFixed(1);
  if (Number(rounded) === 0) return "0";
  return value > 0 ? `+${rounded}` : rounded;
}
