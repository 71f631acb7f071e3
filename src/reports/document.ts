/**
 * The anonymised case → the report as a document of sections and blocks (pure). The Markdown
 * export, the print page and the web preview all render this one document, so they cannot
 * disagree about what is published.
 */
import { DIRECTIONS, GRADES, QUALITIES } from "../shared/vocabulary/catalogue.js";
import { labelName } from "../shared/labels.js";
import { nounFor, plural, withArticle } from "../shared/plural.js";
import type { AnonymisedCase } from "./anonymise.js";
import { bodyMapChart, outcomeChart, type ChartFile } from "./charts.js";

export type Block =
  | { kind: "paragraph"; text: string }
  | { kind: "list"; items: string[] }
  | { kind: "table"; head: string[]; rows: string[][] }
  | { kind: "figure"; file: string; title: string; description: string };

export interface ReportSection {
  heading: string;
  blocks: Block[];
}

export interface ReportDocument {
  title: string;
  sections: ReportSection[];
}

const DESIGN_NAMES: Record<string, string> = {
  "single-case-ab": "single-case A/B (one client: phase A, then phase B)",
  "single-case-abab": "single-case A/B/A/B (one client, phases alternating)",
  "case-series": "case series",
  "two-protocols": "two protocols compared across clients",
};

const GENERAL_CAVEATS = [
  "One client's practice record: the therapist chose, gave and recorded the treatment, and the client knew they were treated (unblinded).",
  "Regression to the mean: clients tend to come when they feel worst, so some improvement is expected whatever the treatment.",
  "Training adaptation, rest, other care and the season can change tightness, pain and running in the same weeks.",
];

const qualityName = new Map(QUALITIES.map((q) => [q.code, q.name]));
const directionName = new Map<string, string>(DIRECTIONS.map((d) => [d.code, d.name]));

function number(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined) return "–";
  return Number.isInteger(value) ? String(value) : value.toFixed(digits);
}

function prePost(pre: number | null, post: number | null): string {
  if (pre === null && post === null) return "–";
  return `${number(pre)} → ${number(post)}`;
}

function gradeText(grade: number): string {
  return `${GRADES[grade] ?? grade} (${grade})`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The sentence describing the runner: age band and running background, as numbers only. */
export function subjectSentence(subject: AnonymisedCase["subject"]): string {
  const parts = [subject.ageBand === "age not recorded" ? "age not recorded" : `aged ${subject.ageBand}`];
  if (subject.yearsRunning !== null) parts.push(`running for ${number(subject.yearsRunning)} ${nounFor(subject.yearsRunning, "year")}`);
  if (subject.weeklyKm !== null) parts.push(`about ${number(subject.weeklyKm)} km a week`);
  if (subject.goalDistanceKm !== null) parts.push(`training for ${withArticle(`${number(subject.goalDistanceKm)} km race`)}`);
  return `${capitalise(subject.label)}: ${parts.join(", ")}.`;
}

function episodeBlocks(report: AnonymisedCase): Block[] {
  const items: string[] = [];
  const episode = report.episode;
  if (episode) {
    items.push(
      `Regions: ${episode.regions.length > 0 ? episode.regions.join(", ") : "not recorded"}${episode.side ? ` (${episode.side})` : ""}.`,
    );
    if (episode.onsetDay !== null)
      items.push(`Onset: ${plural(Math.abs(episode.onsetDay), "day")} ${episode.onsetDay <= 0 ? "before" : "after"} the first session.`);
    if (episode.triggers.length > 0) items.push(`Reported triggers: ${episode.triggers.join(", ")}.`);
    items.push(`Status at the time of writing: ${episode.status}.`);
  }
  items.push(
    report.sessions.length === 0
      ? "No signed sessions yet."
      : `${plural(report.sessions.length, "signed session")} over ${plural(report.spanDays, "day")} (day 0 is the first session).`,
  );
  if (report.draftsLeftOut > 0) {
    items.push(`${plural(report.draftsLeftOut, "unsigned draft session")} ${report.draftsLeftOut === 1 ? "is" : "are"} left out.`);
  }
  return [{ kind: "list", items }];
}

function sessionBlocks(report: AnonymisedCase): Block[] {
  if (report.sessions.length === 0) return [{ kind: "paragraph", text: "No signed sessions." }];
  const blocks: Block[] = [
    {
      kind: "table",
      head: ["Session", "Day", "Protocol", "Pain before → after", "Tightness before → after"],
      rows: report.sessions.map((s) => [
        String(s.number),
        String(s.day),
        s.protocol ?? "none",
        prePost(s.measures.pre.pain, s.measures.post.pain),
        prePost(s.measures.pre.tightness, s.measures.post.tightness),
      ]),
    },
  ];
  const steps = report.sessions.flatMap((s) =>
    s.steps.map((step) => [
      `Day ${s.day}`,
      step.technique,
      [step.region, step.side].filter(Boolean).join(", ") || "–",
      step.direction ? (directionName.get(step.direction) ?? step.direction) : "–",
      step.minutes === null ? "–" : `${number(step.minutes)} min`,
      step.intensity ?? "–",
    ]),
  );
  if (steps.length > 0) {
    blocks.push({ kind: "paragraph", text: "Technique steps, in the order they were done:" });
    blocks.push({ kind: "table", head: ["Session", "Technique", "Region", "Direction", "Time", "Intensity"], rows: steps });
  }
  return blocks;
}

function findingBlocks(report: AnonymisedCase, charts: ChartFile[]): Block[] {
  const rows = report.sessions.flatMap((s) =>
    s.findings.map((f) => [
      `Day ${s.day}`,
      f.region,
      f.side ?? "–",
      f.qualities.map((q) => `${qualityName.get(q.quality as never) ?? q.quality}: ${gradeText(q.grade)}`).join("; ") || "–",
      f.descriptor ?? "–",
    ]),
  );
  if (rows.length === 0) return [{ kind: "paragraph", text: "No palpation findings were recorded." }];
  const blocks: Block[] = [{ kind: "table", head: ["Day", "Region", "Side", "Qualities (grade 0–3)", "Texture"], rows }];
  const withFindings = report.sessions.filter((s) => s.findings.length > 0);
  const first = withFindings[0];
  const last = withFindings.at(-1);
  for (const [session, name] of [
    [first, "first"],
    [last !== first ? last : undefined, "last"],
  ] as const) {
    if (!session) continue;
    const chart = bodyMapChart(`charts/body-map-${name}.svg`, `Findings on day ${session.day}`, session.findings, GRADES.map(capitalise));
    charts.push(chart);
    blocks.push({ kind: "figure", file: chart.file, title: chart.title, description: chart.description });
  }
  return blocks;
}

function outcomeBlocks(report: AnonymisedCase, charts: ChartFile[]): Block[] {
  const blocks: Block[] = [];
  const sessionDays = report.sessions.map((s) => s.day);
  for (const outcome of report.outcomes) {
    if (outcome.points.length === 0) continue;
    const chart = outcomeChart(outcome, sessionDays);
    charts.push(chart);
    blocks.push({ kind: "figure", file: chart.file, title: chart.title, description: chart.description });
    const mcid = outcome.mcid;
    const threshold =
      mcid && (mcid.points !== null || mcid.percent !== null)
        ? `Important change (${mcid.statistic}): ${[mcid.points !== null ? `${number(mcid.points)} points` : null, mcid.percent !== null ? `${number(mcid.percent)}%` : null].filter(Boolean).join(" or ")}.`
        : "This measure has no agreed threshold for an important change.";
    const first = outcome.points[0];
    const last = outcome.points.at(-1);
    const change =
      first && last && last !== first
        ? ` From ${number(first.value)} on day ${first.day} to ${number(last.value)} on day ${last.day} (${outcome.higherIsBetter ? "higher" : "lower"} is better).`
        : "";
    blocks.push({ kind: "paragraph", text: `${threshold}${change}` });
  }
  return blocks.length > 0 ? blocks : [{ kind: "paragraph", text: "No outcome measures were recorded in this period." }];
}

function trainingBlocks(report: AnonymisedCase): Block[] {
  const training = report.training;
  if (!training) return [{ kind: "paragraph", text: "No training files were shared for these weeks." }];
  const label = (labels: Record<string, number>) =>
    Object.entries(labels)
      .filter(([, count]) => count > 0)
      .map(([kind, count]) => `${labelName(kind).toLowerCase()} ×${count}`)
      .join(", ") || "–";
  const blocks: Block[] = [
    {
      kind: "paragraph",
      text: "Running load by week; week 0 is the week of the first session, negative weeks are before it.",
    },
    {
      kind: "table",
      head: ["Week", "Distance (km)", "Runs", "Sessions of note", "Ramp", "ACWR"],
      rows: training.weeks.map((w) => [
        String(w.week),
        number(w.distanceKm),
        String(w.runs),
        label(w.labels),
        w.rampPct === null ? "–" : `${w.rampPct > 0 ? "+" : ""}${Math.round(w.rampPct)}%`,
        w.acwr === null ? "–" : w.acwr.toFixed(2),
      ]),
    },
  ];
  if (training.caveat) blocks.push({ kind: "paragraph", text: training.caveat });
  return blocks;
}

function experimentSection(report: AnonymisedCase): ReportSection | null {
  const e = report.experiment;
  if (!e) return null;
  const blocks: Block[] = [
    {
      kind: "list",
      items: [
        `Design: ${DESIGN_NAMES[e.design] ?? e.design}.`,
        `Hypothesis: ${e.hypothesis}`,
        ...(e.rationale ? [`Rationale: ${e.rationale}`] : []),
        `Phase B (intervention): ${e.interventionProtocol}. Phase A (comparison): ${e.comparator}.`,
        `Primary outcome: ${e.primaryOutcome}.`,
        e.registration
          ? `Pre-registered on day ${e.registration.day} relative to the first session; the registration record's SHA-256 is ${e.registration.sha256}.`
          : "Not pre-registered.",
        `Amendments after registration: ${e.amendments}.`,
      ],
    },
  ];
  if (e.singleCase?.ok) {
    blocks.push({ kind: "paragraph", text: "Single-case statistics for this runner, with what each means:" });
    blocks.push({ kind: "list", items: e.singleCase.figures.map((f) => `${f.label}: ${f.value}. ${f.meaning}`) });
  } else if (e.singleCase) {
    blocks.push({ kind: "paragraph", text: `Single-case statistics are not shown: ${e.singleCase.missing}.` });
  }
  if (e.primaryChange) blocks.push({ kind: "paragraph", text: `Result on the primary outcome: ${e.primaryChange}` });
  if (e.caveats.length > 0) {
    blocks.push({ kind: "paragraph", text: "What these results cannot show:" });
    blocks.push({ kind: "list", items: e.caveats });
  }
  return { heading: "The experiment", blocks };
}

/** Paragraphs of the therapist's narrative (blank lines separate them). */
export function narrativeParagraphs(narrative: string): string[] {
  return narrative
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/** The report document and the chart files its figures refer to. */
export function buildDocument(report: AnonymisedCase, title: string, narrative: string): { document: ReportDocument; charts: ChartFile[] } {
  const charts: ChartFile[] = [];
  const paragraphs = narrativeParagraphs(narrative);
  const sections: ReportSection[] = [
    { heading: "Summary", blocks: paragraphs.map((text) => ({ kind: "paragraph", text })) },
    { heading: "The runner", blocks: [{ kind: "paragraph", text: subjectSentence(report.subject) }] },
    { heading: "The episode", blocks: episodeBlocks(report) },
    { heading: "Sessions and techniques", blocks: sessionBlocks(report) },
    { heading: "Findings over time", blocks: findingBlocks(report, charts) },
    { heading: "Outcomes", blocks: outcomeBlocks(report, charts) },
    { heading: "Training context", blocks: trainingBlocks(report) },
  ];
  const experiment = experimentSection(report);
  if (experiment) sections.push(experiment);
  else sections.push({ heading: "What this report cannot show", blocks: [{ kind: "list", items: GENERAL_CAVEATS }] });
  sections.push({
    heading: "About this report",
    blocks: [
      {
        kind: "paragraph",
        text: "Anonymised: no name, contact details, goal event or calendar dates; days are counted from the first session and age is given in a five-year band. Free-text notes from the clinical record are not included. The client consented to anonymised use of their data in case reports.",
      },
    ],
  });
  return { document: { title, sections: sections.filter((s) => s.blocks.length > 0) }, charts };
}

/** A first draft of the narrative, written from the structured data only; the therapist edits it. */
export function defaultNarrative(report: AnonymisedCase): string {
  const paragraphs: string[] = [];
  const episode = report.episode;
  const where =
    episode && episode.regions.length > 0
      ? `${episode.regions.join(" and ").toLowerCase()}${episode.side ? ` (${episode.side})` : ""}`
      : "a soft-tissue complaint";
  const onset =
    episode?.onsetDay !== null && episode?.onsetDay !== undefined && episode.onsetDay <= 0
      ? `, which had started about ${plural(Math.abs(episode.onsetDay), "day")} before the first session`
      : "";
  const triggers = episode && episode.triggers.length > 0 ? ` and was linked to ${episode.triggers.join(", ")}` : "";
  const about = subjectSentence(report.subject)
    .replace(/^The runner: /, "")
    .replace(/\.$/, "");
  paragraphs.push(`A runner (${about}) came with a complaint of the ${where}${onset}${triggers}.`);
  if (report.sessions.length > 0) paragraphs.push(treatmentSentence(report));
  for (const outcome of report.outcomes) {
    const first = outcome.points[0];
    const last = outcome.points.at(-1);
    if (!first || !last || first === last) continue;
    paragraphs.push(`${outcome.name} went from ${number(first.value)} on day ${first.day} to ${number(last.value)} on day ${last.day}.`);
  }
  if (report.experiment?.primaryChange) paragraphs.push(report.experiment.primaryChange);
  paragraphs.push("What I noticed, what I changed and why: (write here).");
  return paragraphs.join("\n\n");
}

/**
 * What was done, session by session, from the record: a protocol is named only for the sessions
 * that applied it, and a session without one is described by its techniques.
 */
export function treatmentSentence(report: AnonymisedCase): string {
  const sessions = report.sessions;
  const span = `Over ${plural(sessions.length, "session")} across ${plural(report.spanDays, "day")}`;
  const protocols = new Set(sessions.map((s) => s.protocol));
  const [only] = [...protocols];
  if (protocols.size === 1 && only) return `${span} the treatment followed ${only}${sessions.length > 1 ? " each time" : ""}.`;
  const described = sessions.map((s, index) => {
    const techniques = [...new Set(s.steps.map((step) => step.technique.toLowerCase()))];
    const what = s.protocol
      ? `followed ${s.protocol}`
      : techniques.length > 0
        ? `used no saved protocol (${listInWords(techniques)})`
        : "used no saved protocol and recorded no technique steps";
    return `session ${index + 1} (day ${s.day}) ${what}`;
  });
  return `${span}: ${described.join("; ")}.`;
}

function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/**
 * A first title from the structured data: where the findings and treatment were and, when that
 * is not the complaint's own region, the complaint they were for.
 */
export function defaultTitle(report: AnonymisedCase): string {
  const complaint = report.episode?.regions[0]?.toLowerCase() ?? null;
  const treated = mostFrequent(
    report.sessions.flatMap((s) => [...s.findings.map((f) => f.region), ...s.steps.flatMap((step) => (step.region ? [step.region] : []))]),
  )?.toLowerCase();
  const subject =
    treated && complaint && !treated.includes(complaint) && !complaint.includes(treated)
      ? `treating the ${treated} for ${withArticle(`${complaint} complaint`)}`
      : (treated ?? complaint ?? "a soft-tissue complaint");
  return report.experiment ? `A single-case experiment: ${subject} in a runner` : `Case report: ${subject} in a runner`;
}

function mostFrequent(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: string | undefined;
  for (const [value, count] of counts) if (best === undefined || count > (counts.get(best) ?? 0)) best = value;
  return best;
}
