import { describe, expect, it } from "vitest";
import { analyseExperiment } from "./analysis.js";
import { groupPhases, outcomeChange, phaseSeries, type ClientRecord, type Observation } from "./outcomes.js";
import { checkEligibility, regionWithin } from "./eligibility.js";
import { canonicalJson, registrationRecord, sha256Hex } from "./registration.js";
import { experimentPlan, type ExperimentPlan } from "./schema.js";

const DAY = 86_400_000;
const T0 = Date.parse("2026-10-01T09:00:00Z");
const TIGHTNESS = { name: "Tightness", higherIsBetter: false, mcid: 2 };

function plan(overrides: Partial<ExperimentPlan> = {}): ExperimentPlan {
  return experimentPlan.parse({
    title: "Distal quad release",
    hypothesis: "Tightness falls after distal quad release.",
    eligibility: {},
    interventionProtocolId: "release",
    comparator: { kind: "protocol", protocolId: "direct" },
    design: "single-case-ab",
    primaryOutcome: { kind: "measure", measureCode: "tightness-nrs", days: 14 },
    plannedClients: 1,
    ...overrides,
  });
}

const session = (id: string, day: number, protocolId: string | null) => ({ id, at: T0 + day * DAY, protocolId });
const fromSession = (sessionId: string, day: number, value: number): Observation => ({
  at: T0 + day * DAY,
  value,
  source: "session",
  sessionId,
});
const fromCheckin = (sessionId: string, day: number, value: number): Observation => ({
  at: T0 + day * DAY,
  value,
  source: "checkin",
  sessionId,
});

/** The story runner: two sessions of direct work (A), then three of distal-quad release (B). */
function storyClient(): ClientRecord {
  return {
    clientId: "maya",
    clientName: "Maya",
    arm: "intervention",
    retrospective: false,
    sessions: [
      session("s1", 0, "direct"),
      session("s2", 7, "direct"),
      session("s3", 16, "release"),
      session("s4", 28, "release"),
      session("s5", 36, "release"),
    ],
    observations: {
      "tightness-nrs": [
        fromSession("s1", 0, 8),
        fromCheckin("s1", 1, 7),
        fromSession("s2", 7, 8),
        fromCheckin("s2", 8, 8),
        fromSession("s3", 16, 8),
        fromCheckin("s3", 17, 5),
        fromSession("s4", 28, 6),
        fromCheckin("s4", 29, 3),
        fromSession("s5", 36, 4),
        fromCheckin("s5", 37, 2),
      ],
    },
    running: {},
  };
}

describe("phases", () => {
  it("gives a check-in its session's phase and a session's own pre-treatment value the phase of the session before it", () => {
    const client = storyClient();
    const series = phaseSeries(client, plan(), client.observations["tightness-nrs"] ?? []);
    expect(series.map((p) => `${p.phase}${p.value}`)).toEqual(["A8", "A7", "A8", "A8", "A8", "B5", "B6", "B3", "B4", "B2"]);
    expect(groupPhases(series)).toEqual([
      { phase: "A", values: [8, 7, 8, 8, 8] },
      { phase: "B", values: [5, 6, 3, 4, 2] },
    ]);
  });

  it("keeps A/B/A/B as four phases", () => {
    const points = ["A", "A", "B", "B", "A", "B"].map((phase, i) => ({
      at: String(i),
      value: i,
      phase: phase as "A" | "B",
      source: "checkin" as const,
    }));
    expect(groupPhases(points).map((p) => p.phase)).toEqual(["A", "B", "A", "B"]);
  });
});

describe("primary outcome", () => {
  it("changes from the first intervention session's pre-treatment value to the value nearest day 14", () => {
    const client = storyClient();
    const result = outcomeChange(client, plan(), client.observations["tightness-nrs"] ?? [], 14, TIGHTNESS);
    // s3 on day 16 (pre 8); day 30 ± 3: s4 pre on day 28 (6) and its check-in on day 29 (3) — day 29 is nearer.
    expect(result).toMatchObject({ ok: true, baseline: 8, outcome: 3, change: -5, improvement: 5, responder: true });
  });

  it("says what is missing instead of giving a number", () => {
    const client = { ...storyClient(), sessions: [session("s1", 0, "direct")] };
    expect(outcomeChange(client, plan(), [], 14, TIGHTNESS)).toEqual({
      ok: false,
      missing: "no session with the intervention protocol yet",
    });
    const treated = storyClient();
    const early = (treated.observations["tightness-nrs"] ?? []).filter((o) => o.at <= T0 + 20 * DAY);
    expect(outcomeChange(treated, plan(), early, 14, TIGHTNESS)).toEqual({
      ok: false,
      missing: "no tightness value between day 11 and day 17",
    });
  });

  it("counts a change just below the MCID as no response", () => {
    const client: ClientRecord = {
      ...storyClient(),
      sessions: [session("s1", 0, "release")],
      observations: { "tightness-nrs": [fromSession("s1", 0, 7), fromCheckin("s1", 14, 5.5)] },
    };
    expect(outcomeChange(client, plan(), client.observations["tightness-nrs"] ?? [], 14, TIGHTNESS)).toMatchObject({
      responder: false,
      change: -1.5,
    });
  });

  it("takes a transition rating (GROC) as the change itself", () => {
    const client: ClientRecord = {
      ...storyClient(),
      sessions: [session("s1", 0, "release")],
      observations: { groc: [fromCheckin("s1", 13, 4)] },
    };
    const result = outcomeChange(client, plan(), client.observations.groc ?? [], 14, {
      name: "GROC",
      higherIsBetter: true,
      mcid: 2,
      transition: true,
    });
    expect(result).toMatchObject({ ok: true, baseline: 0, outcome: 4, change: 4, responder: true });
  });
});

describe("outcome rules", () => {
  const client = (observations: Observation[], sessions = [session("s1", 0, "release")]): ClientRecord => ({
    ...storyClient(),
    sessions,
    observations: { x: observations },
  });

  it("counts the percentage criterion of a measure that has one (NPRS: 2 points or 30%)", () => {
    const pain = { name: "Pain", higherIsBetter: false, mcid: 2, mcidPercent: 30 };
    const result = outcomeChange(
      client([fromSession("s1", 0, 3), fromCheckin("s1", 14, 2)]),
      plan(),
      [fromSession("s1", 0, 3), fromCheckin("s1", 14, 2)],
      14,
      pain,
    );
    expect(result).toMatchObject({ ok: true, change: -1, responder: true });
    if (result.ok) expect(result.meaning).toContain("the 2-point (or 30%) change");
  });

  it("takes GROC only from a check-in that followed the first session of the arm", () => {
    const sessions = [session("s1", 0, "release"), session("s2", 12, "direct")];
    const ratings = [fromCheckin("s2", 13, 0)];
    const groc = { name: "GROC", higherIsBetter: true, mcid: 2, transition: true };
    expect(outcomeChange(client(ratings, sessions), plan(), ratings, 14, groc)).toEqual({
      ok: false,
      missing: "no groc value between day 11 and day 17",
    });
  });

  it("does not use a baseline older than 14 days before the first session", () => {
    const sessions = [session("s1", 30, "release")];
    const values = [fromCheckin("s0", 0, 8), fromCheckin("s1", 44, 3)];
    expect(outcomeChange(client(values, sessions), plan(), values, 14, TIGHTNESS)).toMatchObject({
      ok: false,
      missing: "no tightness value at the first session with the intervention protocol or in the 14 days before it",
    });
  });

  it("shows the median change with its range, and a bootstrap interval only from 8 clients on", () => {
    const runner = (id: string, before: number, after: number): ClientRecord => ({
      ...storyClient(),
      clientId: id,
      sessions: [session(`${id}-s`, 0, "release")],
      observations: { "tightness-nrs": [fromSession(`${id}-s`, 0, before), fromCheckin(`${id}-s`, 14, after)] },
    });
    const analyse = (clients: ClientRecord[]) =>
      analyseExperiment({
        plan: plan({ design: "case-series" }),
        primary: TIGHTNESS,
        secondaryScales: {},
        clients,
        withdrawn: 0,
        seed: "s",
        amendments: 0,
      });
    const few = analyse([runner("a", 8, 3), runner("b", 7, 6), runner("c", 8, 4)]).caseSeries;
    expect(few).toMatchObject({ ok: true, medianChange: { median: -4, min: -5, max: -1, interval: null } });
    if (few.ok) expect(few.medianMeaning).toContain("needs at least 8 clients");
    const many = analyse(Array.from({ length: 8 }, (_, i) => runner(`r${i}`, 8, 8 - (i % 5)))).caseSeries;
    expect(many.ok && many.medianChange.interval).toMatchObject({ iterations: 10_000, seed: "s" });
  });
});

describe("experiment results", () => {
  it("runs the single-case statistics on the story runner's series and withholds the case series with one client", () => {
    const results = analyseExperiment({
      plan: plan(),
      primary: TIGHTNESS,
      secondaryScales: {},
      clients: [storyClient()],
      withdrawn: 0,
      seed: "seed",
      amendments: 0,
    });
    const [maya] = results.clients;
    expect(maya?.singleCase).toMatchObject({ ok: true, nap: { nap: 1, pairs: 25 }, pnd: { pnd: 100 } });
    expect(maya?.singleCaseMeanings).toMatchObject({
      nap: expect.stringContaining("In 100% of comparisons") as unknown,
      pnd: "100% of the treatment points were lower than the best baseline point.",
      levelChange: "The treatment-phase average was 3.8 points lower than the baseline average (better).",
      tauU: expect.stringContaining("p-value uses the tie-corrected (tau-b) variance") as unknown,
    });
    expect(results.caseSeries).toEqual({ ok: false, n: 1, missing: "needs tightness at day 14 from at least 3 clients (has 1)" });
    expect(results.comparison).toBeNull();
    expect(results.caveats.some((c) => c.includes("No comparison group"))).toBe(true);
  });
});

describe("eligibility", () => {
  it("treats a region inside another as within it", () => {
    expect(regionWithin("rectus_femoris_distal", "quadriceps")).toBe(true);
    expect(regionWithin("quadriceps", "rectus_femoris_distal")).toBe(false);
  });

  it("checks every criterion and shows the evidence", () => {
    const rules = plan({
      eligibility: {
        complaintRegions: ["iliopsoas"],
        requiredFindings: [{ regionCode: "rectus_femoris", quality: "tension", minGrade: 2, descriptor: null }],
        training: { weeks: 4, patterns: ["downhill", "hill_repeats"], minRunsPerWeek: 1 },
      },
    }).eligibility;
    const now = Date.parse("2026-11-28T10:00:00Z");
    const facts = {
      complaints: [{ title: "Tight hip flexor", regions: ["iliopsoas"], status: "active" }],
      latestFindings: {
        sessionAt: "2026-11-20T09:00:00Z",
        findings: [
          {
            regionCode: "rectus_femoris_distal",
            tension: 3,
            tenderness: 1,
            texture: 3,
            adhesion: 2,
            temperature: null,
            textureDescriptor: "crunchy",
          },
        ],
      },
      runs: [1, 5, 9, 15, 22].map((days) => ({ startTime: now - days * DAY, labels: days % 2 === 1 ? ["downhill"] : ["hill_repeats"] })),
      now,
    };
    const met = checkEligibility(rules, facts);
    expect(met.eligible).toBe(true);
    expect(met.checks.map((c) => c.evidence)).toEqual([
      "“Tight hip flexor” (active) involves Iliopsoas (hip flexor).",
      "Recorded on 2026-11-20: tension marked in Rectus femoris, distal third (crunchy).",
      "5 such run(s) in 4 weeks (1.3 a week).",
    ]);
    const fewRuns = checkEligibility(rules, { ...facts, runs: facts.runs.slice(0, 3) });
    expect(fewRuns.eligible).toBe(false);
    expect(fewRuns.checks[2]).toMatchObject({ met: false, evidence: "3 such run(s) in 4 weeks (0.8 a week)." });
  });
});

describe("registration", () => {
  it("hashes canonical JSON, so key order does not change the hash but any content does", () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
    const input = {
      experimentId: "e1",
      registeredAt: "2026-10-01T10:00:00.000Z",
      plan: plan(),
      protocolVersions: [],
      allocationSeed: null,
    };
    const record = registrationRecord(input);
    expect(record.sha256).toBe(sha256Hex(record.json));
    expect(registrationRecord({ ...input }).sha256).toBe(record.sha256);
    expect(registrationRecord({ ...input, plan: plan({ plannedClients: 2 }) }).sha256).not.toBe(record.sha256);
    expect(JSON.parse(record.json).analysisPlan[0]).toContain("nearest day 14 (day 11 to 17)");
  });
});
