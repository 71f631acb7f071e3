import { describe, expect, it } from "vitest";
import type { AnonymisedCase, AnonymisedSession } from "./anonymise.js";
import { defaultTitle, subjectSentence, treatmentSentence } from "./document.js";

function session(number: number, day: number, protocol: string | null, techniques: string[]): AnonymisedSession {
  return {
    number,
    day,
    protocol,
    measures: { pre: { pain: null, tightness: null }, post: { pain: null, tightness: null } },
    findings: [
      { region: "Rectus femoris, distal third", regionCode: "rectus_femoris_distal", side: "right", qualities: [], descriptor: null },
    ],
    steps: techniques.map((technique) => ({
      technique,
      region: "Rectus femoris, distal third",
      side: "right",
      direction: null,
      minutes: null,
      intensity: null,
    })),
  } as unknown as AnonymisedSession;
}

function report(sessions: AnonymisedSession[], extra: Partial<AnonymisedCase> = {}): AnonymisedCase {
  return {
    sessions,
    spanDays: 14,
    episode: { regions: ["Iliopsoas"], side: "right", onsetDay: -30, triggers: [], status: "active" },
    experiment: null,
    ...extra,
  } as unknown as AnonymisedCase;
}

describe("the case report's words come from what was done", () => {
  it("names a protocol only for the sessions that applied it", () => {
    const text = treatmentSentence(
      report([session(1, 0, null, ["Cupping", "Hot stones"]), session(2, 14, "Distal quad release (version 1)", [])]),
    );
    expect(text).toBe(
      "Over 2 sessions across 14 days: session 1 (day 0) used no saved protocol (cupping and hot stones); session 2 (day 14) followed Distal quad release (version 1).",
    );
  });

  it("says a protocol was followed each time only when every session applied it", () => {
    const text = treatmentSentence(report([session(1, 0, "Release (version 1)", []), session(2, 14, "Release (version 1)", [])]));
    expect(text).toBe("Over 2 sessions across 14 days the treatment followed Release (version 1) each time.");
    expect(treatmentSentence(report([session(1, 0, null, ["Cupping"])], { spanDays: 1 }))).toBe(
      "Over 1 session across 1 day: session 1 (day 0) used no saved protocol (cupping).",
    );
  });

  it("titles the report from the findings and treatment, and the complaint they were for", () => {
    expect(defaultTitle(report([session(1, 0, null, ["Cupping"])]))).toBe(
      "Case report: treating the rectus femoris, distal third for an iliopsoas complaint in a runner",
    );
    expect(defaultTitle(report([]))).toBe("Case report: iliopsoas in a runner");
  });

  it("uses the right article and plural for the runner's race", () => {
    const subject = { label: "the runner", ageBand: "30–39", yearsRunning: 1, weeklyKm: 40, goalDistanceKm: 80 };
    expect(subjectSentence(subject as AnonymisedCase["subject"])).toBe(
      "The runner: aged 30–39, running for 1 year, about 40 km a week, training for an 80 km race.",
    );
  });
});
