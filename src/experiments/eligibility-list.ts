/**
 * The enrolment panel's list: every active client of the practice checked against an experiment's
 * eligibility, eligible first, served a page at a time with counts and a name search.
 *
 * Checking every client reads the whole practice's complaints, latest findings and recent runs
 * (eligibility-facts.ts), so the checked list is kept per experiment and reused while nothing it
 * was computed from has changed: the stamp (repository.eligibilityInputsStamp) moves with the
 * experiment (plan, enrolments), the practice's clients and complaints, and every client's runs
 * and signed sessions with their findings. The training criterion counts runs back from now, so a
 * kept list also says until when it holds: the moment the first counted run leaves the window or
 * the first later run enters it.
 */
import { z } from "zod";
import { listClients } from "../clients/repository.js";
import { validationFailed } from "../platform/errors.js";
import { CURSOR_PROBLEM, decodeCursor, encodeCursor } from "../shared/cursor.js";
import type { PracticeScope } from "../shared/scope.js";
import { StampedMemo } from "../shared/stamped-memo.js";
import { checkEligibility } from "./eligibility.js";
import { eligibilityFactsOf } from "./eligibility-facts.js";
import { parsePlan, requireExperiment } from "./load.js";
import * as repo from "./repository.js";
import type { EligibilityPage, EligibilityQuery, EligibilityView } from "./schema.js";
import type { ExperimentDeps } from "./service.js";

/** Clients read per query while checking the practice. */
const CLIENT_PAGE = 500;
const DAY_MS = 86_400_000;

/** The checked list and the span of clock time over which it holds. */
export interface CheckedClients {
  /** Eligible first, then by name, then by id. */
  views: EligibilityView[];
  /** The clock time it was checked at; a clock set earlier checks again. */
  from: number;
  /** The first moment it no longer holds (a run enters or leaves the training window). */
  until: number;
}

/** Every active client of the practice with the eligibility check, eligible ones first. */
export async function checkPractice(deps: ExperimentDeps, scope: PracticeScope, id: string): Promise<CheckedClients> {
  const db = deps.database.db;
  const now = deps.clock.now().getTime();
  const row = await requireExperiment(db, scope, id);
  const plan = parsePlan(row);
  const windowMs = plan.eligibility.training ? plan.eligibility.training.weeks * 7 * DAY_MS : 0;
  const enrolled = new Set((await repo.listEnrolments(db, scope, id)).map((e) => e.client_id));
  const views: EligibilityView[] = [];
  let until = Number.POSITIVE_INFINITY;
  for (let offset = 0; ; offset += CLIENT_PAGE) {
    const { rows: clients } = await listClients(db, scope, { status: "active", q: "", limit: CLIENT_PAGE, offset });
    const facts = await eligibilityFactsOf(
      deps,
      scope,
      clients.map((c) => c.id),
      plan,
    );
    for (const client of clients) {
      const clientFacts = facts.get(client.id)!;
      for (const run of clientFacts.runs) until = Math.min(until, run.startTime > now ? run.startTime : run.startTime + windowMs);
      views.push({
        clientId: client.id,
        clientName: `${client.first_name} ${client.last_name}`,
        ...checkEligibility(plan.eligibility, clientFacts),
        enrolled: enrolled.has(client.id),
      });
    }
    if (clients.length < CLIENT_PAGE) break;
  }
  views.sort((a, b) => compareKeys(sortKey(a), sortKey(b)));
  return { views, from: now, until };
}

/**
 * The checked lists kept, per practice and experiment: the 8 most recently used (at 2,000 clients
 * a list holds a few MB). In memory, per server and per heavy-read worker: a server sharing
 * PostgreSQL with another reads the same stamp, so none serves a list older than the records.
 */
const kept = new StampedMemo<CheckedClients>(8);

/**
 * The checked list as of the clock's now: kept while its inputs and the training window allow,
 * else checked again. Requests that ask while a check is under way share it, never one that
 * started before they asked (the stamp is read first, so a change made since moves it).
 */
export async function checkedClients(deps: ExperimentDeps, scope: PracticeScope, id: string): Promise<CheckedClients> {
  const stamp = await repo.eligibilityInputsStamp(deps.database.db, scope, id);
  const now = deps.clock.now().getTime();
  return kept.get(
    `${scope.practiceId}|${id}`,
    stamp,
    () => checkPractice(deps, scope, id),
    (checked) => now >= checked.from && now < checked.until,
  );
}

type SortKey = [rank: number, name: string, id: string];
const sortKeyShape = z.tuple([z.number().int().min(0).max(1), z.string().max(250), z.string().min(1).max(100)]);

function sortKey(view: EligibilityView): SortKey {
  return [view.eligible ? 0 : 1, view.clientName, view.clientId];
}

/** The list's order: eligible first, then by name (as the locale sorts), then by id. */
function compareKeys(a: SortKey, b: SortKey): number {
  return a[0] - b[0] || a[1].localeCompare(b[1]) || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0);
}

function shown(view: EligibilityView, show: EligibilityQuery["show"]): boolean {
  switch (show) {
    case "eligible":
      return view.eligible && !view.enrolled;
    case "ineligible":
      return !view.eligible && !view.enrolled;
    case "all":
      return true;
  }
}

/** One page of the checked list, after the cursor's client, with the counts the panel shows. */
export function eligibilityPageOf(checked: CheckedClients, query: EligibilityQuery): EligibilityPage {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, sortKeyShape);
  if (query.cursor !== undefined && !after) throw validationFailed({ cursor: CURSOR_PROBLEM });
  const needle = query.q.toLocaleLowerCase();
  const counts = { eligible: 0, ineligible: 0 };
  const clients: EligibilityView[] = [];
  let matching = 0;
  let more = false;
  for (const view of checked.views) {
    if (!view.enrolled) counts[view.eligible ? "eligible" : "ineligible"] += 1;
    if (!shown(view, query.show) || (needle !== "" && !view.clientName.toLocaleLowerCase().includes(needle))) continue;
    matching += 1;
    if (after && compareKeys(sortKey(view), after) <= 0) continue;
    if (clients.length < query.limit) clients.push(view);
    else more = true;
  }
  const last = clients.at(-1);
  return { clients, nextCursor: more && last ? encodeCursor(sortKey(last)) : null, matching, counts };
}

/** One page of the eligibility list as of now. */
export async function eligibilityPage(
  deps: ExperimentDeps,
  scope: PracticeScope,
  id: string,
  query: EligibilityQuery,
): Promise<EligibilityPage> {
  return eligibilityPageOf(await checkedClients(deps, scope, id), query);
}
