import { submitLink } from "../checkins/link-service.js";
import { checkinPlanRequest } from "../checkins/schema.js";
import { createPlan } from "../checkins/plans.js";
import { scheduleCheckins } from "../checkins/schedule.js";
import { createClientRequest } from "../clients/schema.js";
import { createClient, recordConsent } from "../clients/service.js";
import { createComplaintRequest } from "../clinical/complaints/schema.js";
import { createComplaint } from "../clinical/complaints/service.js";
import { createSessionRequest } from "../clinical/sessions/schema.js";
import { createSession, signSession } from "../clinical/sessions/service.js";
import type { Database } from "../db/database.js";
import { experimentPlan } from "../experiments/schema.js";
import { findEnrolment } from "../experiments/enrolments.js";
import { enrolClient } from "../experiments/enrol.js";
import { createExperiment, finishExperiment, startExperiment } from "../experiments/service.js";
import { fixedClock } from "../shared/clock.js";
import type { Actor } from "../shared/scope.js";
import type { BlobStore } from "../platform/storage/blob-store.js";
import type { Random } from "./random.js";
import type { DemoProtocols } from "./clinical.js";
import { seedTraining, type TrainingStyle } from "./training.js";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export const DEMO_EXPERIMENT_TITLE = "Distal-quad release vs direct hip-flexor work for tight hip flexors in runners";

/**
 * Runners recruited for the practice experiment. Odd positions get the distal-quad release, even
 * ones direct hip-flexor work (alternating allocation). Tightness (0-10) before the first
 * treatment, at day 7 and at day 14, with GROC and running smoothness (smoothness has no value
 * from before treatment, so it shows on the timeline but is not analysed).
 */
const PARTICIPANTS: {
  firstName: string;
  lastName: string;
  style: TrainingStyle;
  tightness: [number, number, number];
  groc: number;
  smoothness: number;
}[] = [
  { firstName: "Elena", lastName: "Varga", style: "trail", tightness: [8, 5, 3], groc: 4, smoothness: 7 },
  { firstName: "Tomás", lastName: "Reyes", style: "track", tightness: [8, 8, 7], groc: 1, smoothness: 5 },
  { firstName: "Hannah", lastName: "Okafor", style: "trail", tightness: [7, 5, 3], groc: 3, smoothness: 7 },
  { firstName: "Jonas", lastName: "Becker", style: "marathon_build", tightness: [7, 7, 6], groc: 1, smoothness: 5 },
  { firstName: "Priya", lastName: "Nair", style: "track", tightness: [8, 6, 4], groc: 3, smoothness: 6 },
  { firstName: "Liam", lastName: "O'Connell", style: "trail", tightness: [8, 6, 5], groc: 2, smoothness: 6 },
  { firstName: "Sofia", lastName: "Marchetti", style: "marathon_build", tightness: [7, 7, 6], groc: 1, smoothness: 5 },
  { firstName: "Kenji", lastName: "Sato", style: "track", tightness: [7, 7, 7], groc: 0, smoothness: 4 },
  { firstName: "Aoife", lastName: "Byrne", style: "trail", tightness: [8, 4, 2], groc: 5, smoothness: 8 },
  { firstName: "Marcus", lastName: "Hale", style: "track", tightness: [8, 8, 8], groc: 0, smoothness: 4 },
];

const RIGID_DISTAL_QUAD = {
  regionCode: "rectus_femoris_distal",
  side: "right",
  qualities: { tension: 3, texture: 3, adhesion: 2, tenderness: 2 },
  textureDescriptor: "crunchy",
  note: "Rigid lower third, stuck to itself",
};

/** The protocol version in use at an instant: the newest written before it. */
function versionAt(protocol: DemoProtocols["direct"], when: Date): string {
  const version = protocol.versions.filter((v) => v.from.getTime() <= when.getTime()).at(-1) ?? protocol.versions[0];
  if (!version) throw new Error("demo protocol without versions");
  return version.id;
}

/**
 * The story runner's own A/B single-case experiment (registered after her two sessions of direct
 * work, so her earlier data are marked retrospective), and the finished two-protocol experiment the
 * therapist registered once the distal-quad release had worked for her: ten runners who do hills,
 * intervals or downhill running, enrolled over five days, followed for two weeks.
 */
export async function seedExperiments(
  database: Database,
  blobs: BlobStore,
  today: Date,
  actor: Actor,
  protocols: DemoProtocols,
  story: { clientId: string },
  random: Random,
): Promise<{ experiments: number; clients: number; activities: number }> {
  const daysAgo = (days: number, hour = 9) =>
    new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - days, hour));
  const at = (date: Date) => ({ database, clock: fixedClock(date), blobs });
  const config = { baseUrl: "http://localhost" };

  const plan = experimentPlan.parse({
    title: DEMO_EXPERIMENT_TITLE,
    hypothesis:
      "In runners with a tight hip flexor and a rigid distal third of rectus femoris, releasing the distal quad lowers hip-flexor tightness at day 14 more often than direct hip-flexor work.",
    rationale:
      "Hill repeats, speed work and hard downhill running load the quad eccentrically. Clients whose hip flexor did not respond to direct work improved after the lower third of the quad was freed.",
    eligibility: {
      complaintRegions: ["iliopsoas"],
      requiredFindings: [{ regionCode: "rectus_femoris_distal", quality: "tension", minGrade: 2 }],
      training: { weeks: 4, patterns: ["hill_repeats", "intervals", "downhill"], minRunsPerWeek: 1 },
    },
    interventionProtocolId: protocols.distal.id,
    comparator: { kind: "protocol", protocolId: protocols.direct.id },
    design: "two-protocols",
    allocation: "alternating",
    primaryOutcome: { kind: "measure", measureCode: "tightness-nrs", days: 14 },
    secondaryOutcomes: [
      { kind: "measure", measureCode: "groc", days: 14 },
      { kind: "running", metric: "cadence-at-matched-pace", windowDays: 14 },
    ],
    plannedClients: PARTICIPANTS.length,
  });
  const experiment = await createExperiment(at(daysAgo(23, 10)), actor, plan);
  await startExperiment(at(daysAgo(23, 12)), actor, experiment.id);
  const checkinPlan = await createPlan(
    { database, clock: fixedClock(daysAgo(23, 12)), config },
    actor,
    checkinPlanRequest.parse({
      name: "Two weeks after treatment",
      measureCodes: ["tightness-nrs", "groc", "running-smoothness-nrs", "free-text"],
      offsetsDays: [7, 14],
    }),
  );

  const endMonday = mondayOf(today);
  let activities = 0;
  for (const [index, person] of PARTICIPANTS.entries()) {
    const assessment = 22 - Math.floor(index / 2);
    const client = await createClient(
      { database, clock: fixedClock(daysAgo(assessment + 2)) },
      actor,
      createClientRequest.parse({
        firstName: person.firstName,
        lastName: person.lastName,
        email: `${asciiName(person.firstName)}.${asciiName(person.lastName)}@example.com`,
        timeZone: "Europe/London",
        running: { yearsRunning: 3 + (index % 6), weeklyKm: 35 + index * 3 },
      }),
    );
    activities += await seedTraining(at(today), actor, client.id, person.style, { weeks: 12, endMonday, until: today, random });
    await recordConsent({ database, clock: fixedClock(daysAgo(assessment + 2)) }, actor, client.id, "checkin_messages", { granted: true });
    if (index % 3 !== 2) {
      await recordConsent({ database, clock: fixedClock(daysAgo(assessment + 2)) }, actor, client.id, "anonymised_case_reports", {
        granted: true,
      });
    }
    const complaint = await createComplaint(
      at(daysAgo(assessment, 8)),
      actor,
      client.id,
      createComplaintRequest.parse({
        title: "Tight right hip flexor",
        side: "right",
        regions: ["iliopsoas"],
        onsetOn: daysAgo(assessment + 30)
          .toISOString()
          .slice(0, 10),
        triggers: person.style === "track" ? ["intervals"] : ["hill repeats", "downhill"],
      }),
    );
    const [before, day7, day14] = person.tightness;
    const assessed = await createSession(
      at(daysAgo(assessment, 10)),
      actor,
      client.id,
      createSessionRequest.parse({
        startedAt: daysAgo(assessment, 9).toISOString(),
        complaintIds: [complaint.id],
        measures: { pre: { pain: before - 3, tightness: before } },
        findings: [RIGID_DISTAL_QUAD, { regionCode: "iliopsoas", side: "right", qualities: { tension: 3, tenderness: 2 } }],
        steps: [{ technique: "effleurage", regionCode: "quadriceps", side: "right", minutes: 5 }],
        soap: {
          s: "Hip flexor tight on hills",
          o: "Distal rectus femoris rigid and crunchy",
          a: null,
          p: "Enrol in the practice experiment",
        },
      }),
    );
    await signSession(at(daysAgo(assessment, 10)), actor, assessed.id);
    const enrolled = await enrolClient(at(daysAgo(assessment, 11)), actor, experiment.id, { clientId: client.id });
    const arm = (await findEnrolment(at(daysAgo(assessment, 11)), actor, enrolled, client.id))?.arm ?? "intervention";
    const protocol = arm === "intervention" ? protocols.distal : protocols.direct;
    for (const [visit, pre] of [before, day7].entries()) {
      const day = assessment - 1 - visit * 7;
      const session = await createSession(
        at(daysAgo(day, 10)),
        actor,
        client.id,
        createSessionRequest.parse({
          startedAt: daysAgo(day, 9).toISOString(),
          complaintIds: [complaint.id],
          protocolVersionId: versionAt(protocol, daysAgo(day, 9)),
          measures: {
            pre: { pain: Math.max(0, pre - 3), tightness: pre },
            post: { pain: Math.max(0, pre - 4), tightness: Math.max(0, pre - 2) },
          },
          findings: [{ ...RIGID_DISTAL_QUAD, qualities: { tension: visit === 0 ? 3 : 2, texture: 2, adhesion: 2, tenderness: 1 } }],
          soap: { s: visit === 0 ? "First treatment" : "One week on", o: null, a: null, p: null },
        }),
      );
      await signSession(at(daysAgo(day, 10)), actor, session.id);
      if (visit > 0) continue;
      const { checkins } = await scheduleCheckins(
        { database, clock: fixedClock(daysAgo(day, 11)), config },
        actor,
        session.id,
        checkinPlan.id,
      );
      for (const checkin of checkins) {
        const answer = checkin.offsetDays === 7 ? day7 : day14;
        const token = new URL(checkin.linkUrl ?? "http://localhost/").pathname.split("/").at(-1) ?? "";
        await submitLink({ database, clock: fixedClock(new Date(Date.parse(checkin.dueAt) + 2 * HOUR_MS)) }, token, {
          "tightness-nrs.1": String(answer),
          "groc.1": String(checkin.offsetDays === 7 ? Math.max(0, person.groc - 1) : person.groc),
          "running-smoothness-nrs.1": String(checkin.offsetDays === 7 ? Math.max(0, person.smoothness - 1) : person.smoothness),
        });
      }
    }
  }
  await finishExperiment(at(daysAgo(2, 8)), actor, experiment.id);

  // The story runner's own A/B experiment, registered after two sessions of direct work.
  const single = await createExperiment(
    at(daysAgo(27)),
    actor,
    experimentPlan.parse({
      title: "Maya: direct work (A) then distal-quad release (B)",
      hypothesis: "Hip-flexor tightness falls once treatment moves from the hip flexor to the distal third of the quad.",
      rationale: "Two sessions of direct hip-flexor work changed nothing; the distal quad is rigid and crunchy.",
      eligibility: { complaintRegions: ["iliopsoas"], requiredFindings: [], training: null },
      interventionProtocolId: protocols.distal.id,
      comparator: { kind: "protocol", protocolId: protocols.direct.id },
      design: "single-case-ab",
      primaryOutcome: { kind: "measure", measureCode: "tightness-nrs", days: 14 },
      plannedClients: 1,
    }),
  );
  await startExperiment(at(daysAgo(26)), actor, single.id);
  await enrolClient(at(daysAgo(26, 10)), actor, single.id, { clientId: story.clientId, dataFrom: daysAgo(41).toISOString().slice(0, 10) });
  await finishExperiment(at(daysAgo(1, 8)), actor, single.id);
  return { experiments: 2, clients: PARTICIPANTS.length, activities };
}

function asciiName(name: string): string {
  return name
    .normalize("NFD")
    .toLowerCase()
    .replace(/[^a-z]/g, "");
}

function mondayOf(date: Date): Date {
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  return new Date(midnight - ((new Date(midnight).getUTCDay() + 6) % 7) * DAY_MS);
}
