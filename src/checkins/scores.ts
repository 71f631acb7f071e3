import type { Executor } from "../db/database.js";
import type { PracticeScope } from "../shared/scope.js";
import type { StoredAnswer } from "./answers.js";
import { listAnswers, listClientCheckins } from "./repository.js";

export interface CheckinScore {
  checkinId: string;
  sessionId: string;
  answeredAt: string;
  measureCode: string;
  score: number;
}

/**
 * A client's scored answers: one per answered check-in and numeric measure, from the latest
 * answer version (a correction replaces the earlier answer). Free text and categorical answers
 * are the client's own words and are left out.
 */
export async function listClientScores(db: Executor, scope: PracticeScope, clientId: string): Promise<CheckinScore[]> {
  const checkins = (await listClientCheckins(db, scope, clientId)).filter((c) => c.answered_at !== null);
  const answers = await listAnswers(
    db,
    scope,
    checkins.map((c) => c.id),
  );
  const latest = new Map<string, (typeof answers)[number]>();
  for (const answer of answers) {
    const seen = latest.get(answer.checkin_id);
    if (!seen || answer.version > seen.version) latest.set(answer.checkin_id, answer);
  }
  const scores: CheckinScore[] = [];
  for (const checkin of checkins) {
    const answer = latest.get(checkin.id);
    if (!answer || checkin.answered_at === null) continue;
    scores.push(...answerScores({ id: checkin.id, session_id: checkin.session_id, answered_at: checkin.answered_at }, answer.answers_json));
  }
  return scores;
}

/** The scores in one stored answer set (its latest version), in the order they were stored. */
export function answerScores(checkin: { id: string; session_id: string; answered_at: string }, answersJson: string): CheckinScore[] {
  const scores: CheckinScore[] = [];
  const stored = JSON.parse(answersJson) as Record<string, StoredAnswer>;
  for (const [measureCode, value] of Object.entries(stored)) {
    if ((value.kind === "item-scale" || value.kind === "questionnaire") && value.score !== null) {
      scores.push({
        checkinId: checkin.id,
        sessionId: checkin.session_id,
        answeredAt: checkin.answered_at,
        measureCode,
        score: value.score,
      });
    }
  }
  return scores;
}
