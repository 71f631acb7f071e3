import { describe, expect, it } from "vitest";
import { ageBand, anonymise, relativeDay, type CaseRecord } from "./anonymise.js";
import { buildDocument, defaultNarrative, defaultTitle } from "./document.js";
import { findIdentifiers } from "./identifiers.js";
import { escapeMarkdown, toMarkdown } from "./markdown.js";
import { printPage } from "./print.js";

const session = (startedAt: string, overrides: Partial<CaseRecord["sessions"][number]> = {}): CaseRecord["sessions"][number] => ({
  startedAt,
  signed: true,
  protocol: { id: "p1", name: "Distal quad release for Maya", version: 2 },
  measures: { pre: { pain: 6, tightness: 8 }, post: { pain: 4, tightness: 5 } },
  findings: [
    {
      regionCode: "rectus_femoris_distal",
      side: "right",
      qualities: { tension: 3, tenderness: null, texture: 2 },
      textureDescriptor: "crunchy",
    },
  ],
  steps: [
    {
      technique: "cupping",
      regionCode: "rectus_femoris_distal",
      side: "right",
      direction: "distal_to_proximal",
      minutes: 5,
      intensity: null,
    },
  ],
  ...overrides,
});

/** A record full of identifying details, as the services return it. */
function record(overrides: Partial<CaseRecord> = {}): CaseRecord {
  return {
    client: {
      firstName: "Maya",
      lastName: "Lindqvist",
      email: "maya.lindqvist@example.com",
      phone: "+44 7700 900123",
      dateOfBirth: "1989-04-17",
      yearsRunning: 6,
      weeklyKm: 62,
      goalDistanceKm: 42.2,
      timeZone: "Europe/London",
    },
    complaint: {
      regions: ["iliopsoas", "rectus_femoris"],
      side: "right",
      onsetOn: "2026-09-29",
      triggers: ["hill repeats", "Maya's race on 12 March", "downhill"],
      status: "improving",
    },
    sessions: [
      session("2026-10-19T09:00:00.000Z"),
      session("2026-11-04T09:00:00.000Z"),
      session("2026-11-24T09:00:00.000Z", { signed: false }),
    ],
    techniqueNames: new Map([["cupping", "Cupping"]]),
    outcomes: [
      {
        code: "tightness-nrs",
        name: "Tightness rating (0-10)",
        higherIsBetter: false,
        range: { min: 0, max: 10 },
        mcid: { statistic: "practice-convention", points: 2, percent: null },
        points: [
          { at: "2026-11-05T11:00:00.000Z", value: 3, source: "checkin", phase: "B" },
          { at: "2026-10-19T09:00:00.000Z", value: 8, source: "session", phase: "A" },
        ],
      },
    ],
    weeks: [
      { weekStart: "2026-10-12", distanceM: 42_300, activities: 4, labelCounts: { hill_repeats: 1 }, rampPct: null, acwr: null },
      { weekStart: "2026-10-19", distanceM: 51_550, activities: 5, labelCounts: { downhill: 2 }, rampPct: 12.4, acwr: 1.21 },
    ],
    acwrCaveat: "ACWR describes load change.",
    experiment: {
      design: "single-case-ab",
      hypothesis: "Maya's tightness falls after 2026-10-26 once treatment moves to the distal quad.",
      rationale: "Call 07700 900123 if unsure.",
      interventionProtocol: "Distal quad release",
      comparator: "Direct hip-flexor work",
      primaryOutcome: "Tightness at day 14",
      registration: { at: "2026-11-02T10:00:00.000Z", sha256: "ab".repeat(32) },
      amendments: 1,
      status: "finished",
      singleCase: { ok: true, figures: [{ label: "NAP", value: "100%", meaning: "Every treatment point beat every baseline point." }] },
      primaryChange: "Tightness went down by 5 (from 8 to 3).",
      caveats: ["No comparison group."],
    },
    ...overrides,
  };
}

const IDS = { firstName: "Maya", lastName: "Lindqvist", email: "maya.lindqvist@example.com", phone: "+44 7700 900123" };

describe("relativeDay and ageBand", () => {
  it("counts whole calendar days from the origin, negative before it", () => {
    expect(relativeDay("2026-11-04T23:30:00.000Z", "2026-10-19T09:00:00.000Z")).toBe(16);
    expect(relativeDay("2026-09-29", "2026-10-19")).toBe(-20);
    // 19:30 in New York on 4 Nov is 00:30 UTC on 5 Nov: still day 16 on the client's calendar.
    expect(relativeDay("2026-11-05T00:30:00.000Z", "2026-10-19T13:00:00.000Z", "America/New_York")).toBe(16);
    expect(relativeDay("2026-11-05T00:30:00.000Z", "2026-10-19T13:00:00.000Z")).toBe(17);
  });

  it("gives five-year bands from the date of birth on the first session's day", () => {
    expect(ageBand("1989-04-17", "2026-10-19T09:00:00Z")).toBe("35–39 years");
    expect(ageBand("1991-10-20", "2026-10-19T09:00:00Z")).toBe("30–34 years");
    expect(ageBand("1991-10-19", "2026-10-19T09:00:00Z")).toBe("35–39 years");
    expect(ageBand(null, "2026-10-19T09:00:00Z")).toBe("age not recorded");
  });
});

describe("anonymise", () => {
  const anonymised = anonymise(record());

  it("keeps no name, contact, goal event or calendar date anywhere", () => {
    const text = JSON.stringify(anonymised);
    expect(findIdentifiers(text, IDS)).toEqual([]);
    expect(text).not.toContain("2026");
    expect(text).not.toContain("1989");
  });

  it("describes the runner by age band and running background only", () => {
    expect(anonymised.subject).toEqual({
      label: "the runner",
      ageBand: "35–39 years",
      yearsRunning: 6,
      weeklyKm: 62,
      goalDistanceKm: 42.2,
    });
  });

  it("counts days from the first signed session and leaves drafts out", () => {
    expect(anonymised.sessions.map((s) => [s.number, s.day])).toEqual([
      [1, 0],
      [2, 16],
    ]);
    expect(anonymised.draftsLeftOut).toBe(1);
    expect(anonymised.episode?.onsetDay).toBe(-20);
    expect(anonymised.outcomes[0]?.points.map((p) => [p.day, p.value])).toEqual([
      [0, 8],
      [17, 3],
    ]);
    expect(anonymised.training?.weeks.map((w) => [w.week, w.distanceKm])).toEqual([
      [-1, 42.3],
      [0, 51.6],
    ]);
    expect(anonymised.experiment?.registration).toEqual({ day: 14, sha256: "ab".repeat(32) });
  });

  it("publishes only the vocabulary's trigger words, never free text", () => {
    expect(anonymised.episode?.triggers).toEqual(["hill repeats", "downhill"]);
  });

  it("publishes a finding's texture descriptor only when it is a vocabulary word", () => {
    const withDescriptors = anonymise(
      record({
        sessions: [
          session("2026-10-19T09:00:00.000Z", {
            findings: [
              { regionCode: "rectus_femoris_distal", side: "right", qualities: { texture: 2 }, textureDescriptor: "Ropey" },
              { regionCode: "iliopsoas", side: "left", qualities: { texture: 1 }, textureDescriptor: "like Maya's old scar" },
            ],
          }),
        ],
      }),
    );
    expect(withDescriptors.sessions[0]?.findings.map((f) => f.descriptor)).toEqual(["ropey", null]);
    const markdown = toMarkdown(buildDocument(withDescriptors, "A case", "Story.").document);
    expect(markdown).not.toContain("scar");
  });

  it("replaces identifying details in text the therapist cannot edit", () => {
    expect(anonymised.sessions[0]?.protocol).toBe("Distal quad release for the runner (version 2)");
    expect(anonymised.experiment?.hypothesis).toBe(
      "the runner's tightness falls after [date removed] once treatment moves to the distal quad.",
    );
    expect(anonymised.experiment?.rationale).toBe("Call [phone removed] if unsure.");
  });

  it("writes a first title and narrative that pass the identifier check", () => {
    const narrative = defaultNarrative(anonymised);
    expect(findIdentifiers(narrative + defaultTitle(anonymised), IDS)).toEqual([]);
    expect(narrative).toContain("A runner (aged 35–39 years, running for 6 years");
    expect(narrative).toContain("Tightness rating (0-10) went from 8 on day 0 to 3 on day 17.");
  });
});

describe("the report document, Markdown and print page", () => {
  const anonymised = anonymise(record());
  const { document, charts } = buildDocument(anonymised, "Distal quad release | a case", "First paragraph.\n\nSecond *paragraph*.");

  it("renders headings, narrative paragraphs, tables and figures that point at the chart files", () => {
    const markdown = toMarkdown(document);
    expect(markdown.startsWith("# Distal quad release \\| a case\n\n## Summary\n\nFirst paragraph.\n\nSecond \\*paragraph\\*.")).toBe(true);
    expect(markdown).toContain("| Session | Day | Protocol | Pain before → after | Tightness before → after |");
    expect(markdown).toContain("| 2 | 16 | Distal quad release for the runner (version 2) | 6 → 4 | 8 → 5 |");
    expect(charts.map((c) => c.file)).toEqual([
      "charts/body-map-first.svg",
      "charts/body-map-last.svg",
      "charts/outcome-tightness-nrs.svg",
    ]);
    for (const chart of charts) expect(markdown).toContain(`](${chart.file})`);
    expect(markdown).toContain("Pre-registered on day 14 relative to the first session");
    expect(findIdentifiers(markdown, IDS)).toEqual([]);
  });

  it("draws the MCID band and both phases on the outcome chart", () => {
    const chart = charts.find((c) => c.file === "charts/outcome-tightness-nrs.svg");
    expect(chart?.svg).toContain("Phase A");
    expect(chart?.svg).toContain("Phase B");
    expect(chart?.description).toContain("practice-convention of 2 points");
  });

  it("escapes text in the print page and links its stylesheet for the paper", () => {
    const html = printPage({ ...document, title: "<script>alert(1)</script>" }, charts, "letter");
    expect(html).toContain("&#60;script&#62;alert(1)&#60;/script&#62;");
    expect(html).not.toContain("<script>");
    expect(html).toContain('href="/api/case-report-print.css?paper=letter"');
  });

  it("escapes Markdown syntax in running text", () => {
    expect(escapeMarkdown("a | b * c [d](e) <f>")).toBe("a \\| b \\* c \\[d\\](e) \\<f\\>");
  });
});
