import { validationFailed } from "../platform/errors.js";
import type { PracticeScope } from "../shared/scope.js";
import * as repo from "./repository.js";
import { DAY_MS, type CheckinDeps } from "./rules.js";
import type { DueCheckinsView } from "./schema.js";
import { SharedRead } from "./shared-read.js";
import { toCheckinView } from "./views.js";

/** A check-in can stay open at most this long after it is due (a plan's `expiresAfterDays` cap). */
const MAX_OPEN_DAYS = 60;
/** The response rate on the due list covers the check-ins due in this many days before now. */
const RESPONSE_RATE_DAYS = 90;

/**
 * Check-ins waiting for an answer (due, still open), oldest first, a page at a time, and how many
 * of all the check-ins that came due were answered. The page is read by an index range; nothing
 * else about the practice's check-ins is loaded.
 */
export async function listDue(
  deps: CheckinDeps,
  scope: PracticeScope,
  query: { limit: number; cursor?: string | undefined },
): Promise<DueCheckinsView> {
  const db = deps.database.db;
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const after = query.cursor === undefined ? undefined : decodeDueCursor(query.cursor);
  const [rows, counts] = await Promise.all([
    repo.listOpenDueCheckins(db, scope, {
      now: nowIso,
      earliestDue: new Date(now.getTime() - MAX_OPEN_DAYS * DAY_MS).toISOString(),
      after,
      limit: query.limit + 1,
    }),
    dueCounts(deps, scope),
  ]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    checkins: page.map((row) => ({
      ...toCheckinView(row, [], now),
      clientName: `${row.client_first_name} ${row.client_last_name}`.trim(),
    })),
    nextCursor: rows.length > query.limit && last ? Buffer.from(`${last.due_at}|${last.id}`, "utf8").toString("base64url") : null,
    responseRate: {
      due: counts.due,
      answered: counts.answered,
      rate: counts.due === 0 ? null : counts.answered / counts.due,
      windowDays: RESPONSE_RATE_DAYS,
    },
  };
}

/** Per database and practice, the response rate's count shared by requests that ask at once. */
const dueCountReads = new WeakMap<object, Map<string, SharedRead<{ due: number; answered: number }>>>();

/**
 * The response rate covers the check-ins due in the last 90 days. A count over every check-in that
 * ever came due grew with the practice's history (199k index entries on a practice of a few years,
 * over 100 ms a request) and told the therapist less: a habit from three years ago hides whether
 * clients answer now. Requests arriving together share one count (never one that started before
 * they asked, see shared-read.ts), so eight users cost two counts, not eight.
 */
function dueCounts(deps: CheckinDeps, scope: PracticeScope): Promise<{ due: number; answered: number }> {
  let byPractice = dueCountReads.get(deps.database);
  if (!byPractice) dueCountReads.set(deps.database, (byPractice = new Map<string, SharedRead<{ due: number; answered: number }>>()));
  let shared = byPractice.get(scope.practiceId);
  if (!shared) {
    shared = new SharedRead(() => {
      const now = deps.clock.now();
      return repo.countDueCheckins(deps.database.db, scope, {
        since: new Date(now.getTime() - RESPONSE_RATE_DAYS * DAY_MS).toISOString(),
        now: now.toISOString(),
      });
    });
    byPractice.set(scope.practiceId, shared);
  }
  return shared.get();
}

function decodeDueCursor(cursor: string): { dueAt: string; id: string } {
  const [dueAt, id, extra] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  if (!dueAt || !id || extra !== undefined || Number.isNaN(Date.parse(dueAt))) {
    throw validationFailed({ cursor: "is not a cursor from a previous page" });
  }
  return { dueAt, id };
}
