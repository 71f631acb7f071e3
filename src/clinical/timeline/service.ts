import { findClient } from "../../clients/repository.js";
import { notFound } from "../../server/errors.js";
import type { PracticeScope } from "../../shared/scope.js";
import type { TrainingDeps } from "../../training/service.js";
import { listClientWeeks } from "../../training/views.js";
import * as complaintRepo from "../complaints/repository.js";
import { listComplaints } from "../complaints/service.js";
import { listSessions } from "../sessions/service.js";
import type { TimelineItem } from "./schema.js";

/** How far back the timeline shows training load. */
const TRAINING_WEEKS = 26;

/**
 * One client's story, newest first: sessions (with findings and measures), complaint onsets and,
 * unless the timeline is narrowed to one complaint, the weeks they trained in.
 */
export async function clientTimeline(
  deps: TrainingDeps,
  scope: PracticeScope,
  clientId: string,
  complaintId?: string,
): Promise<TimelineItem[]> {
  const db = deps.database.db;
  if (!(await findClient(db, scope, clientId))) throw notFound("Client");
  if (complaintId !== undefined) {
    const complaint = await complaintRepo.findComplaint(db, scope, complaintId);
    if (complaint?.client_id !== clientId) throw notFound("Complaint");
  }
  const [sessions, complaints, weeks] = await Promise.all([
    listSessions(deps, scope, clientId, complaintId),
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
  // Dates ("YYYY-MM-DD") and instants sort together as text: a day sorts before that day's instants.
  return items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
