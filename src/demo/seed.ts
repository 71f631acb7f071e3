import { createClientRequest } from "../clients/schema.js";
import { createClient, recordConsent } from "../clients/service.js";
import { seedStoryCheckins } from "./checkins.js";
import type { Database } from "../db/database.js";
import { findPractitioner } from "../practices/repository.js";
import { addPractitioner, createPracticeWithOwner, isSetupNeeded } from "../practices/service.js";
import type { Clock } from "../shared/clock.js";
import { SUGGESTED_CONSENT_TEXT, saveConsentText } from "../intake/consent-text.js";
import type { BlobStore } from "../platform/storage/blob-store.js";
import type { Actor } from "../shared/scope.js";
import { seedClinical } from "./clinical.js";
import { seedExperiments } from "./experiments.js";
import { demoClient } from "./people.js";
import { seededRandom } from "./random.js";
import { seedTraining } from "./training.js";

export const DEMO_PRACTICE_NAME = "Hillside Running Therapy";
export const DEMO_PASSWORD = "palpable-demo-2026";
export const DEMO_LOGINS = [
  { email: "owner@demo.palpable.test", name: "Sofia Marsh", role: "owner" },
  { email: "therapist@demo.palpable.test", name: "Tom Reilly", role: "therapist" },
  { email: "assistant@demo.palpable.test", name: "Priya Nair", role: "assistant" },
] as const;

const CLIENT_COUNT = 30;
/** Clients (after the story's) who have shared their watch files. */
const CLIENTS_WITH_TRAINING = 9;
/** Clients (after the story's) with a complaint and a session or two. */
const CLIENTS_WITH_SESSIONS = 5;

/** The marathon trainee from the story Palpable is built on, always client number one. */
const STORY_CLIENT = {
  firstName: "Maya",
  lastName: "Lindqvist",
  email: "maya.lindqvist@example.com",
  phone: "+44 7700 900123",
  dateOfBirth: "1989-04-17",
  notes:
    "Marathon trainee. Hill repeats on Tuesdays, track intervals on Thursdays, hilly trail long runs. Right hip flexor feels like a death grip.",
  running: { yearsRunning: 6, weeklyKm: 62, goalEvent: { name: "Valencia Marathon", date: "2027-12-05", distanceKm: 42.2 } },
  injuries: [
    {
      description: "Right hamstring strain during a fast mile",
      region: "Hamstrings",
      side: "right" as const,
      occurredOn: "2023-05",
      resolved: true,
    },
    {
      description: "Tight right hip flexor, worse after hill sessions",
      region: "Iliopsoas",
      side: "right" as const,
      occurredOn: "2026-09",
      resolved: false,
    },
  ],
  selfCare: [
    { method: "rolling" as const, detail: "Foam roller on quads most evenings", effect: "no_change" as const },
    { method: "stretching" as const, detail: "Kneeling hip-flexor stretch", effect: "no_change" as const },
    {
      method: "percussion" as const,
      detail: "Percussion gun on the hip flexor",
      effect: "worse" as const,
      notes: "Felt bruised the next day",
    },
  ],
};

/** Fills an empty database with the demo practice. Refuses if any practice exists already. */
export async function seedDemo(
  database: Database,
  clock: Clock,
  blobs: BlobStore,
  options: { training?: boolean } = {},
): Promise<{ practiceId: string; clients: number; activities: number; sessions: number; experiments: number }> {
  if (!(await isSetupNeeded(database))) {
    throw new Error("This data directory already has a practice. Point PALPABLE_DATA_DIR at an empty directory for the demo.");
  }
  const [owner, ...team] = DEMO_LOGINS;
  const { practiceId, practitionerId } = await createPracticeWithOwner(database, clock, {
    practiceName: DEMO_PRACTICE_NAME,
    timeZone: "Europe/London",
    owner: { ...owner, password: DEMO_PASSWORD },
    onlyIfFirst: true,
  });
  const scope = { practiceId };
  for (const member of team) await addPractitioner(database, clock, scope, { ...member, password: DEMO_PASSWORD });
  const ownerRow = await findPractitioner(database.db, scope, practitionerId);
  if (!ownerRow) throw new Error("demo owner missing");
  const actor: Actor = { practiceId, practitionerId, userId: ownerRow.userId, role: "owner" };

  const random = seededRandom(20261128);
  const today = clock.now();
  const deps = { database, clock };
  const training = { database, clock, blobs };
  const endMonday = currentWeekMonday(today);
  const withTraining = options.training ?? true;
  let activities = 0;
  // The practice's consent text, so intake links work in the demo.
  await saveConsentText(deps, actor, { body: SUGGESTED_CONSENT_TEXT, basedOn: 0 });
  const story = await createClient(deps, scope, createClientRequest.parse(STORY_CLIENT));
  if (withTraining)
    activities += await seedTraining(training, scope, story.id, "marathon_build", { weeks: 10, endMonday, until: today, random });
  await recordConsent(deps, actor, story.id, "checkin_messages", { granted: true, on: "2026-10-01" });
  await recordConsent(deps, actor, story.id, "anonymised_case_reports", { granted: true, on: "2026-10-01" });
  const others: string[] = [];
  for (let i = 1; i < CLIENT_COUNT; i++) {
    const { input, style } = demoClient(random, i, today);
    const client = await createClient(deps, scope, createClientRequest.parse(input));
    others.push(client.id);
    if (withTraining && i <= CLIENTS_WITH_TRAINING)
      activities += await seedTraining(training, scope, client.id, style, { weeks: 6, endMonday, until: today, random });
    if (random.chance(0.8)) await recordConsent(deps, actor, client.id, "checkin_messages", { granted: true });
    if (random.chance(0.5)) await recordConsent(deps, actor, client.id, "anonymised_case_reports", { granted: true });
    if (random.chance(0.1)) await recordConsent(deps, actor, client.id, "checkin_messages", { granted: false });
  }
  const clinical = await seedClinical(database, today, actor, story.id, others.slice(0, CLIENTS_WITH_SESSIONS));
  await seedStoryCheckins(database, scope, clinical.storySessions);
  // The experiment's eligibility reads the runners' training, so it comes only with training data.
  const experiments = withTraining
    ? await seedExperiments(database, blobs, today, actor, clinical.protocols, { clientId: story.id }, random)
    : { experiments: 0, clients: 0, activities: 0 };
  return {
    practiceId,
    clients: CLIENT_COUNT + experiments.clients,
    activities: activities + experiments.activities,
    sessions: clinical.sessions,
    experiments: experiments.experiments,
  };
}

/** Monday 00:00 UTC of this week: the demo's training runs up to today. */
function currentWeekMonday(today: Date): Date {
  const midnight = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const daysSinceMonday = (new Date(midnight).getUTCDay() + 6) % 7;
  return new Date(midnight - daysSinceMonday * 86_400_000);
}
