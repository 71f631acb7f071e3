import { submitLink } from "../checkins/link-service.js";
import { checkinPlanRequest } from "../checkins/schema.js";
import { createPlan } from "../checkins/plans.js";
import { scheduleCheckins } from "../checkins/schedule.js";
import type { Database } from "../db/database.js";
import { fixedClock } from "../shared/clock.js";
import type { PracticeScope } from "../shared/scope.js";

const HOUR_MS = 3_600_000;

/** The story runner's next-day answers after each visit: tightness stays high after direct work, falls after distal quad release. */
export const STORY_CHECKIN_ANSWERS: { pain: number; tightness: number; note: string }[] = [
  { pain: 5, tightness: 7, note: "Hill repeats felt the same, still gripping at the top of the hill" },
  { pain: 5, tightness: 8, note: "No real change" },
  { pain: 3, tightness: 5, note: "Hip felt freer on the downhill" },
  { pain: 2, tightness: 3, note: "Did the hill session without the death grip" },
  { pain: 1, tightness: 2, note: "Barely noticed it on the long run" },
];

/**
 * A next-day check-in after each of the story's sessions, answered by the client two hours after
 * it was due, through the same service functions the link pages use.
 */
export async function seedStoryCheckins(
  database: Database,
  scope: PracticeScope,
  storySessions: { id: string; startedAt: Date }[],
): Promise<number> {
  const first = storySessions[0];
  if (!first) return 0;
  const config = { baseUrl: "http://localhost" };
  const plan = await createPlan(
    { database, clock: fixedClock(first.startedAt), config },
    scope,
    checkinPlanRequest.parse({ name: "Next day", measureCodes: ["nprs", "tightness-nrs", "free-text"], offsetsDays: [1] }),
  );
  let answered = 0;
  for (const [index, session] of storySessions.entries()) {
    const answers = STORY_CHECKIN_ANSWERS[index];
    if (!answers) continue;
    const {
      checkins: [checkin],
    } = await scheduleCheckins(
      { database, clock: fixedClock(new Date(session.startedAt.getTime() + HOUR_MS)), config },
      scope,
      session.id,
      plan.id,
    );
    if (!checkin?.linkUrl) continue;
    const token = new URL(checkin.linkUrl).pathname.split("/").at(-1) ?? "";
    const result = await submitLink({ database, clock: fixedClock(new Date(new Date(checkin.dueAt).getTime() + 2 * HOUR_MS)) }, token, {
      "nprs.1": String(answers.pain),
      "tightness-nrs.1": String(answers.tightness),
      "free-text.text": answers.note,
    });
    if (result.kind === "saved") answered += 1;
  }
  return answered;
}
