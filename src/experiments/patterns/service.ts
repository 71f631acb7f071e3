import type { Database } from "../../db/database.js";
import type { Clock } from "../../shared/clock.js";
import type { PracticeScope } from "../../shared/scope.js";
import { StampedMemo } from "../../shared/stamped-memo.js";
import { runningWeeksOf } from "../../training/views.js";
import * as repo from "./repository.js";
import {
  evaluatePairs,
  findingKeys,
  PATTERN_CAVEATS,
  patternRules,
  runsInWindow,
  trainingFeatures,
  type ClientPatternData,
  type RecordedFinding,
} from "./rules.js";
import type { PatternsView } from "./schema.js";

export interface PatternDeps {
  database: Database;
  clock: Clock;
}

const WEEK_MS = 7 * 86_400_000;
/** Weeks of runs read before the window, so the first window week has its ramp (4 weeks) and ACWR (28 days) context. */
const CONTEXT_WEEKS = 6;

function groupByClient(rows: readonly repo.SignedFindingRow[]): Map<string, RecordedFinding[]> {
  const clients = new Map<string, RecordedFinding[]>();
  for (const row of rows) {
    const findings = clients.get(row.client_id) ?? [];
    findings.push({
      regionCode: row.region_code,
      qualities: {
        tension: row.tension,
        tenderness: row.tenderness,
        texture: row.texture,
        adhesion: row.adhesion,
        temperature: row.temperature,
      },
    });
    clients.set(row.client_id, findings);
  }
  return clients;
}

/**
 * The practice's patterns: for every client with a signed session with findings, their training
 * features over the weeks before their latest such session and the findings recorded in those
 * weeks; then every feature × finding pair with enough data, compared across clients.
 */
export async function listPatterns(deps: PatternDeps, scope: PracticeScope, options: { weeks: number }): Promise<PatternsView> {
  // The stamp is read before the inputs: a change made meanwhile moves it, so the next request recomputes.
  const stamp = await repo.patternInputsStamp(deps.database.db, scope);
  return keptPatterns.get(`${scope.practiceId}:${options.weeks}`, stamp, () => computePatterns(deps, scope, options.weeks));
}

/**
 * Patterns read every signed finding and run of the practice, so the last results are kept per
 * practice and window and reused while the inputs' stamp (repository.patternInputsStamp) is
 * unchanged. In memory, per server: a server sharing PostgreSQL with another reads the same
 * stamp, so it never serves a result older than the data either.
 */
const keptPatterns = new StampedMemo<PatternsView>(64);

async function computePatterns(deps: PatternDeps, scope: PracticeScope, windowWeeks: number): Promise<PatternsView> {
  // Each client's window ends at their latest signed session with findings; only the findings
  // inside it are read (a practice's whole history of findings would be read and dropped again).
  const anchors = (await repo.listFindingAnchors(deps.database.db, scope)).map((a) => {
    const anchorMs = Date.parse(a.anchor);
    return { clientId: a.client_id, anchorMs, since: new Date(anchorMs - windowWeeks * WEEK_MS).toISOString() };
  });
  const findings = groupByClient(await repo.listSignedFindingsSince(deps.database.db, scope, anchors));
  // Each client's running weeks up to their anchor, with the weeks before the window for context.
  const weeksOf = await runningWeeksOf(
    deps.database.db,
    scope,
    anchors.map((a) => ({ clientId: a.clientId, since: a.anchorMs - (windowWeeks + CONTEXT_WEEKS) * WEEK_MS, until: a.anchorMs })),
  );
  const compared: ClientPatternData[] = [];
  for (const { clientId } of anchors) {
    const weeks = weeksOf.get(clientId) ?? [];
    if (runsInWindow(weeks, windowWeeks) === 0) continue;
    compared.push({
      features: trainingFeatures(weeks, windowWeeks),
      findings: findingKeys(findings.get(clientId) ?? []),
    });
  }
  const { tested, untested } = evaluatePairs(compared);
  return {
    weeks: windowWeeks,
    clientsWithFindings: anchors.length,
    clientsIncluded: compared.length,
    pairs: tested,
    notEnoughData: untested,
    rules: patternRules(windowWeeks),
    caveats: PATTERN_CAVEATS,
  };
}
