import { findClient } from "../../clients/repository.js";
import { notFound, validationFailed } from "../../platform/errors.js";
import type { PracticeScope } from "../../shared/scope.js";
import type { TrainingDeps } from "../../training/service.js";
import { listClientWeeks } from "../../training/views.js";
import * as complaintRepo from "../complaints/repository.js";
import { listComplaints } from "../complaints/service.js";
import { listSessionsPage } from "../sessions/service.js";
import type { TimelineItem, TimelinePage, TimelineQuery } from "./schema.js";

/** How far back the timeline shows training load. */
const TRAINING_WEEKS = 26;

/** Where an item sits: newest first by `at`, then sessions before onsets before weeks, then by id. */
interface Position {
  at: string;
  rank: number;
  id: string;
}

const RANK: Record<TimelineItem["kind"], number> = { session: 2, complaint_onset: 1, training_week: 0 };

function positionOf(item: TimelineItem): Position {
  const id = item.kind === "session" ? item.session.id : item.kind === "complaint_onset" ? item.complaint.id : item.week.weekStart;
  return { at: item.at, rank: RANK[item.kind], id };
}

/** Negative when a comes first (is newer). Dates ("YYYY-MM-DD") sort before that day's instants, as text. */
function compare(a: Position, b: Position): number {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1;
  if (a.rank !== b.rank) return b.rank - a.rank;
  return a.id === b.id ? 0 : a.id < b.id ? 1 : -1;
}

/**
 * One page of a client's story, newest first: sessions (with findings and measures), complaint
 * onsets and, unless the timeline is narrowed to one complaint, the weeks they trained in. Paged
 * by cursor: only the page's sessions are read (onsets and the 26 training weeks are few), so a
 * client with hundreds of sessions costs what one page shows.
 */
export async function clientTimeline(
  deps: TrainingDeps,
  scope: PracticeScope,
  clientId: string,
  query: Pick<TimelineQuery, "complaintId" | "limit" | "cursor">,
): Promise<TimelinePage> {
  const db = deps.database.db;
  const { complaintId, limit } = query;
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  if (!(await findClient(db, scope, clientId))) throw notFound("Client");
  if (complaintId !== undefined) {
    const complaint = await complaintRepo.findComplaint(db, scope, complaintId);
    if (complaint?.client_id !== clientId) throw notFound("Complaint");
  }
  const [sessions, complaints, weeks] = await Promise.all([
    listSessionsPage(deps, scope, clientId, {
      complaintId,
      // Sessions rank first among items at the same instant: after a session's position, the
      // next ones have a smaller id; after an onset's or a week's, they started earlier.
      after: after ? { at: after.at, id: after.rank === RANK.session ? after.id : null } : undefined,
      limit: limit + 1,
    }),
    listComplaints(deps, scope, clientId),
    complaintId === undefined ? listClientWeeks(deps, scope, clientId, TRAINING_WEEKS) : Promise.resolve({ weeks: [] }),
  ]);
  const items: TimelineItem[] = [
    ...sessions.map((session) => ({ kind: "session" as const, at: session.startedAt, session })),
    ...complaints
      .filter((c) => c.onsetOn !== null && (complaintId === undefined || c.id === complaintId))
      .map((complaint) => ({ kind: "complaint_onset" as const, at: complaint.onsetOn ?? "", complaint })),
    ...weeks.weeks.filter((w) => w.activities > 0).map((week) => ({ kind: "training_week" as const, at: week.weekStart, week })),
  ];
  const remaining = items
    .map((item) => ({ item, position: positionOf(item) }))
    .filter(({ position }) => !after || compare(position, after) > 0)
    .sort((a, b) => compare(a.position, b.position));
  const page = remaining.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(({ item }) => item),
    nextCursor: remaining.length > limit && last ? encodeCursor(last.position) : null,
  };
}

function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify([position.at, position.rank, position.id]), "utf8").toString("base64url");
}

function decodeCursor(cursor: string): Position {
  try {
    const [at, rank, id, ...extra] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    if (typeof at === "string" && typeof id === "string" && (rank === 0 || rank === 1 || rank === 2) && extra.length === 0)
      return { at, rank, id };
  } catch {
    // fall through
  }
  throw validationFailed({ cursor: "is not a cursor from a previous page" });
}
