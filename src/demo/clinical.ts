import { createComplaintRequest } from "../clinical/complaints/schema.js";
import { createComplaint } from "../clinical/complaints/service.js";
import { protocolRequest } from "../clinical/protocols/schema.js";
import { createProtocol, reviseProtocol } from "../clinical/protocols/service.js";
import { createSessionRequest } from "../clinical/sessions/schema.js";
import { createSession, signSession } from "../clinical/sessions/service.js";
import type { Database } from "../db/database.js";
import { fixedClock } from "../shared/clock.js";
import type { Actor } from "../shared/scope.js";
import { seededRandom } from "./random.js";

const DIRECT_HIP_FLEXOR_WORK = {
  name: "Direct hip-flexor work",
  description: "The usual approach: pressure straight on the hip flexor, then stretch and mobilise the TFL",
  steps: [
    { technique: "ischemic_compression", regionCode: "iliopsoas", side: "right", minutes: 8, intensity: "firm", note: "Elbow" },
    { technique: "stretching", regionCode: "iliopsoas", side: "right", minutes: 5 },
    { technique: "mobilisation", regionCode: "tfl", side: "right", minutes: 5 },
  ],
  plannedSessions: 3,
  spacingDays: 7,
};

const DISTAL_QUAD_RELEASE_V1 = {
  name: "Distal quad release",
  description: "No direct hip-flexor work: free the rigid lower third of the quad, then release slowly from knee toward hip",
  steps: [
    { technique: "cupping", regionCode: "rectus_femoris_distal", side: "right", minutes: 5 },
    { technique: "hot_stones", regionCode: "rectus_femoris_distal", side: "right", minutes: 5 },
    { technique: "myofascial_release", regionCode: "rectus_femoris", side: "right", direction: "distal_to_proximal", minutes: 10 },
  ],
  plannedSessions: 4,
  spacingDays: 7,
};

/** v2: a slower release, and light intensity written down, after the first session with it. */
const DISTAL_QUAD_RELEASE_V2 = {
  ...DISTAL_QUAD_RELEASE_V1,
  steps: [
    ...DISTAL_QUAD_RELEASE_V1.steps.slice(0, 2),
    {
      technique: "myofascial_release",
      regionCode: "rectus_femoris",
      side: "right",
      direction: "distal_to_proximal",
      minutes: 12,
      intensity: "light",
      note: "Slow: wait for the tissue to let go",
    },
  ],
};

const distalQuadFinding = (tension: number, texture: number, adhesion: number) => ({
  regionCode: "rectus_femoris_distal",
  side: "right",
  qualities: { tension, texture, adhesion, tenderness: Math.max(0, tension - 1) },
  textureDescriptor: texture >= 2 ? "crunchy" : "smooth",
  note: texture >= 2 ? "Rigid and stuck to itself just above the knee" : null,
});

/** The demo's two protocols with each version and the instant it was written. */
export interface DemoProtocols {
  direct: { id: string; versions: { id: string; from: Date }[] };
  distal: { id: string; versions: { id: string; from: Date }[] };
}

const OTHER_COMPLAINTS = [
  { title: "Plantar fascia pain, left", side: "left", regions: ["plantar_fascia"], triggers: ["new shoes"], finding: "plantar_fascia" },
  { title: "IT band tightness", side: "right", regions: ["it_band", "tfl"], triggers: ["downhill", "long run"], finding: "it_band" },
  { title: "Tight calves", side: "both", regions: ["gastrocnemius", "soleus"], triggers: ["intervals"], finding: "soleus" },
  { title: "Low back stiffness", side: null, regions: ["lumbar_paraspinals"], triggers: ["long run"], finding: "lumbar_paraspinals" },
  { title: "Hamstring tightness", side: "left", regions: ["hamstrings"], triggers: ["fast mile"], finding: "hamstrings" },
] as const;

/**
 * The clinical record of the demo: the story's runner tried direct hip-flexor work twice, then
 * distal quad release (revised once) with steadily better post-session measures; a few other
 * clients have a complaint and a session or two. Every row is dated by its own clock.
 */
export async function seedClinical(
  database: Database,
  today: Date,
  actor: Actor,
  storyClientId: string,
  otherClientIds: string[],
): Promise<{
  complaints: number;
  sessions: number;
  storySessions: { id: string; startedAt: Date }[];
  protocols: DemoProtocols;
}> {
  const daysAgo = (days: number, hour = 9) =>
    new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - days, hour));
  const at = (date: Date) => ({ database, clock: fixedClock(date) });
  let complaints = 0;
  let sessions = 0;
  const storySessions: { id: string; startedAt: Date }[] = [];

  const hip = await createComplaint(
    at(daysAgo(42)),
    actor,
    storyClientId,
    createComplaintRequest.parse({
      title: "Tight right hip flexor",
      side: "right",
      regions: ["iliopsoas", "rectus_femoris"],
      onsetOn: daysAgo(60).toISOString().slice(0, 10),
      triggers: ["hill sprint", "hill repeats", "downhill"],
      status: "improving",
      notes: "Death grip after hill sessions. Rolling, stretching and the percussion gun never changed it.",
    }),
  );
  complaints += 1;
  const direct = await createProtocol(at(daysAgo(42)), actor, protocolRequest.parse(DIRECT_HIP_FLEXOR_WORK));
  const distal = await createProtocol(at(daysAgo(28)), actor, protocolRequest.parse(DISTAL_QUAD_RELEASE_V1));
  const distalV1 = distal.current.id;

  const story = [
    { days: 40, protocol: direct.current, pre: [6, 8], post: [5, 7], finding: [3, 3, 2], signed: true },
    { days: 33, protocol: direct.current, pre: [6, 8], post: [6, 7], finding: [3, 3, 3], signed: true },
    { days: 24, protocol: distal.current, pre: [6, 8], post: [4, 5], finding: [3, 3, 2], signed: true },
    { days: 12, protocol: null, pre: [4, 6], post: [2, 3], finding: [2, 2, 1], signed: true },
    { days: 4, protocol: null, pre: [3, 4], post: [1, 2], finding: [1, 1, 1], signed: false },
  ];
  let distalV2: string | null = null;
  let distalV2At = today;
  for (const visit of story) {
    if (visit.protocol === null && distalV2 === null) {
      distalV2At = daysAgo(visit.days + 2);
      distalV2 = (
        await reviseProtocol(at(distalV2At), actor, distal.id, protocolRequest.parse(DISTAL_QUAD_RELEASE_V2), distal.current.version)
      ).current.id;
    }
    const isDirect = visit.protocol?.id === direct.current.id;
    const recipe = isDirect ? DIRECT_HIP_FLEXOR_WORK : visit.protocol ? DISTAL_QUAD_RELEASE_V1 : DISTAL_QUAD_RELEASE_V2;
    const [tension, texture, adhesion] = visit.finding as [number, number, number];
    const session = await createSession(
      at(daysAgo(visit.days, 18)),
      actor,
      storyClientId,
      createSessionRequest.parse({
        startedAt: daysAgo(visit.days).toISOString(),
        complaintIds: [hip.id],
        protocolVersionId: isDirect ? direct.current.id : (visit.protocol?.id ?? distalV2 ?? distalV1),
        measures: { pre: { pain: visit.pre[0], tightness: visit.pre[1] }, post: { pain: visit.post[0], tightness: visit.post[1] } },
        findings: [
          distalQuadFinding(tension, texture, adhesion),
          { regionCode: "iliopsoas", side: "right", qualities: { tension: isDirect ? 3 : 2, tenderness: 2 } },
        ],
        steps: recipe.steps,
        soap: {
          s: isDirect ? "Hip flexor tight after Tuesday's hill repeats" : "Hip flexor less gripped since the last session",
          o: texture >= 2 ? "Distal rectus femoris rigid and crunchy" : "Distal rectus femoris softer, glides",
          a: null,
          p: isDirect ? "Direct work again" : "Continue distal quad release",
        },
        advice: "Easy running for two days; no percussion gun on the hip flexor",
      }),
    );
    if (visit.signed) await signSession(at(daysAgo(visit.days, 19)), actor, session.id);
    storySessions.push({ id: session.id, startedAt: daysAgo(visit.days) });
    sessions += 1;
  }

  const random = seededRandom(1128);
  for (const [index, clientId] of otherClientIds.entries()) {
    const template = OTHER_COMPLAINTS[index % OTHER_COMPLAINTS.length];
    if (!template) continue;
    const onset = 20 + random.int(0, 30);
    const complaint = await createComplaint(
      at(daysAgo(onset - 3)),
      actor,
      clientId,
      createComplaintRequest.parse({
        title: template.title,
        side: template.side,
        regions: template.regions,
        onsetOn: daysAgo(onset).toISOString().slice(0, 10),
        triggers: template.triggers,
      }),
    );
    complaints += 1;
    const visits = random.int(1, 2);
    for (let v = 0; v < visits; v++) {
      const days = onset - 5 - v * 7;
      const pre = random.int(4, 7);
      const session = await createSession(
        at(daysAgo(days, 18)),
        actor,
        clientId,
        createSessionRequest.parse({
          startedAt: daysAgo(days, 10).toISOString(),
          complaintIds: [complaint.id],
          measures: { pre: { pain: pre, tightness: pre + 1 }, post: { pain: pre - random.int(1, 3), tightness: pre - 1 } },
          findings: [
            {
              regionCode: template.finding,
              side: template.side === "both" || template.side === null ? null : template.side,
              qualities: { tension: random.int(1, 3), tenderness: random.int(0, 3) },
            },
          ],
          steps: [
            { technique: "effleurage", regionCode: template.finding, minutes: 5 },
            { technique: random.pick(["trigger_point", "petrissage", "cross_fibre_friction"]), regionCode: template.finding, minutes: 10 },
          ],
          soap: { s: template.title, o: null, a: null, p: null },
        }),
      );
      await signSession(at(daysAgo(days, 19)), actor, session.id);
      sessions += 1;
    }
  }
  const protocols: DemoProtocols = {
    direct: { id: direct.id, versions: [{ id: direct.current.id, from: daysAgo(42) }] },
    distal: {
      id: distal.id,
      versions: [{ id: distalV1, from: daysAgo(28) }, ...(distalV2 ? [{ id: distalV2, from: distalV2At }] : [])],
    },
  };
  return { complaints, sessions, storySessions, protocols };
}
