/**
 * The record of one client's episode (or single-case experiment) → the anonymised case: pure, no
 * I/O. Only structured data passes: no name, contact, goal event or free-text note from the
 * record; every date becomes "day N" after the first session (weeks for training); age becomes a
 * five-year band. Text that is not the therapist's own report text (protocol names, a registered
 * hypothesis) has any identifying detail replaced.
 */
import { TEXTURE_DESCRIPTORS, TRIGGER_SUGGESTIONS } from "../shared/vocabulary/catalogue.js";
import { regionName } from "../shared/vocabulary/regions.js";
import { redactIdentifiers, type ClientIdentifiers } from "./identifiers.js";
import { wallTimeAt } from "../shared/zoned-time.js";

const DAY_MS = 86_400_000;
export const SUBJECT_LABEL = "the runner";
export const AGE_BAND_YEARS = 5;

export interface RecordFinding {
  regionCode: string;
  side: "left" | "right" | null;
  qualities: Record<string, number | null>;
  textureDescriptor: string | null;
}

export interface RecordStep {
  technique: string;
  regionCode: string | null;
  side: "left" | "right" | "both" | null;
  direction: string | null;
  minutes: number | null;
  intensity: string | null;
}

export interface RecordSession {
  startedAt: string;
  signed: boolean;
  protocol: { id: string; name: string; version: number } | null;
  measures: { pre: { pain: number | null; tightness: number | null }; post: { pain: number | null; tightness: number | null } };
  findings: RecordFinding[];
  steps: RecordStep[];
}

export interface RecordOutcomeSeries {
  code: string;
  name: string;
  higherIsBetter: boolean;
  range: { min: number; max: number } | null;
  mcid: { statistic: string; points: number | null; percent: number | null } | null;
  points: { at: string; value: number; source: "session" | "checkin"; phase: "A" | "B" | null }[];
}

export interface RecordWeek {
  weekStart: string;
  distanceM: number;
  activities: number;
  labelCounts: Record<string, number>;
  rampPct: number | null;
  acwr: number | null;
}

export interface RecordExperiment {
  design: string;
  hypothesis: string;
  rationale: string;
  interventionProtocol: string;
  comparator: string;
  primaryOutcome: string;
  registration: { at: string; sha256: string } | null;
  amendments: number;
  status: string;
  singleCase: { ok: true; figures: { label: string; value: string; meaning: string }[] } | { ok: false; missing: string } | null;
  primaryChange: string | null;
  caveats: string[];
}

/** Everything the report may draw on, as the services return it (real names and dates included). */
export interface CaseRecord {
  client: ClientIdentifiers & {
    dateOfBirth: string | null;
    yearsRunning: number | null;
    weeklyKm: number | null;
    goalDistanceKm: number | null;
    /** The client's time zone: days are counted on their calendar. */
    timeZone: string;
  };
  complaint: {
    regions: string[];
    side: "left" | "right" | "both" | null;
    onsetOn: string | null;
    triggers: string[];
    status: string;
  } | null;
  sessions: RecordSession[];
  techniqueNames: ReadonlyMap<string, string>;
  outcomes: RecordOutcomeSeries[];
  weeks: RecordWeek[];
  acwrCaveat: string | null;
  experiment: RecordExperiment | null;
}

export interface AnonymisedFinding {
  region: string;
  regionCode: string;
  side: "left" | "right" | null;
  qualities: { quality: string; grade: number }[];
  descriptor: string | null;
}

export interface AnonymisedSession {
  number: number;
  day: number;
  protocol: string | null;
  measures: RecordSession["measures"];
  findings: AnonymisedFinding[];
  steps: {
    technique: string;
    region: string | null;
    side: string | null;
    direction: string | null;
    minutes: number | null;
    intensity: string | null;
  }[];
}

export interface AnonymisedCase {
  subject: {
    label: string;
    ageBand: string;
    yearsRunning: number | null;
    weeklyKm: number | null;
    goalDistanceKm: number | null;
  };
  episode: {
    regions: string[];
    side: string | null;
    onsetDay: number | null;
    triggers: string[];
    status: string;
  } | null;
  sessions: AnonymisedSession[];
  /** Unsigned sessions are left out: a published report rests on signed records only. */
  draftsLeftOut: number;
  spanDays: number;
  outcomes: (Omit<RecordOutcomeSeries, "points"> & {
    points: { day: number; value: number; source: "session" | "checkin"; phase: "A" | "B" | null }[];
  })[];
  training: {
    weeks: {
      week: number;
      distanceKm: number;
      runs: number;
      labels: Record<string, number>;
      rampPct: number | null;
      acwr: number | null;
    }[];
    caveat: string | null;
  } | null;
  experiment: (Omit<RecordExperiment, "registration"> & { registration: { day: number; sha256: string } | null }) | null;
}

/**
 * Whole calendar days from `origin` to `iso`, counted on the client's calendar: an instant is
 * taken as its date in `timeZone` (an evening session in New York is that day, not the next UTC
 * day); a date (YYYY-MM-DD) is taken as it is.
 */
export function relativeDay(iso: string, origin: string, timeZone = "UTC"): number {
  const day = (value: string) => {
    if (value.length === 10) return Date.parse(`${value}T00:00:00Z`) / DAY_MS;
    const wall = wallTimeAt(new Date(value), timeZone);
    return Date.UTC(wall.year, wall.month - 1, wall.day) / DAY_MS;
  };
  return Math.round(day(iso) - day(origin));
}

/** "30–34 years" from the date of birth at a day; "age not recorded" without one. */
export function ageBand(dateOfBirth: string | null, at: string | null): string {
  if (!dateOfBirth || !at) return "age not recorded";
  const [by, bm, bd] = dateOfBirth.split("-").map(Number) as [number, number, number];
  const on = new Date(at);
  let age = on.getUTCFullYear() - by;
  if (on.getUTCMonth() + 1 < bm || (on.getUTCMonth() + 1 === bm && on.getUTCDate() < bd)) age -= 1;
  if (!Number.isFinite(age) || age < 0) return "age not recorded";
  const low = Math.floor(age / AGE_BAND_YEARS) * AGE_BAND_YEARS;
  return `${low}–${low + AGE_BAND_YEARS - 1} years`;
}

const KNOWN_TRIGGERS = new Set<string>(TRIGGER_SUGGESTIONS);
const KNOWN_DESCRIPTORS = new Set<string>(TEXTURE_DESCRIPTORS);

/** A texture descriptor is published only when it is one of the vocabulary's words; anything else could be free text. */
function vocabularyDescriptor(text: string | null): string | null {
  if (text === null) return null;
  const word = text.trim().toLowerCase();
  return KNOWN_DESCRIPTORS.has(word) ? word : null;
}

function sideOf(side: string | null): string | null {
  return side === "both" ? "both sides" : side;
}

/** The anonymised case. Sessions are taken in time order; the first signed one is day 0. */
export function anonymise(record: CaseRecord): AnonymisedCase {
  const redact = (text: string) => redactIdentifiers(text, record.client);
  const signed = [...record.sessions].filter((s) => s.signed).sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  const origin = signed[0]?.startedAt ?? null;
  const timeZone = record.client.timeZone;
  const day = (iso: string) => (origin ? relativeDay(iso, origin, timeZone) : 0);
  const sessions = signed.map((s, index): AnonymisedSession => ({
    number: index + 1,
    day: day(s.startedAt),
    protocol: s.protocol ? `${redact(s.protocol.name)} (version ${s.protocol.version})` : null,
    measures: s.measures,
    findings: s.findings.map((f) => ({
      region: regionName(f.regionCode),
      regionCode: f.regionCode,
      side: f.side,
      qualities: Object.entries(f.qualities).flatMap(([quality, grade]) => (grade === null ? [] : [{ quality, grade }])),
      descriptor: vocabularyDescriptor(f.textureDescriptor),
    })),
    steps: s.steps.map((step) => ({
      technique: redact(record.techniqueNames.get(step.technique) ?? step.technique),
      region: step.regionCode ? regionName(step.regionCode) : null,
      side: sideOf(step.side),
      direction: step.direction,
      minutes: step.minutes,
      intensity: step.intensity,
    })),
  }));
  const last = signed.at(-1);
  const firstMonday = origin ? mondayOf(origin) : null;
  return {
    subject: {
      label: SUBJECT_LABEL,
      ageBand: ageBand(record.client.dateOfBirth, origin),
      yearsRunning: record.client.yearsRunning,
      weeklyKm: record.client.weeklyKm,
      goalDistanceKm: record.client.goalDistanceKm,
    },
    episode: record.complaint
      ? {
          regions: record.complaint.regions.map(regionName),
          side: sideOf(record.complaint.side),
          onsetDay: record.complaint.onsetOn && origin ? relativeDay(record.complaint.onsetOn, origin, timeZone) : null,
          // Triggers are free text; only the vocabulary's own words are safe to publish.
          triggers: record.complaint.triggers.filter((t) => KNOWN_TRIGGERS.has(t.toLowerCase())),
          status: record.complaint.status,
        }
      : null,
    sessions,
    draftsLeftOut: record.sessions.length - signed.length,
    spanDays: origin && last ? day(last.startedAt) : 0,
    outcomes: record.outcomes.map((series) => ({
      ...series,
      name: redact(series.name),
      points: series.points
        .map((p) => ({ day: day(p.at), value: p.value, source: p.source, phase: p.phase }))
        .sort((a, b) => a.day - b.day),
    })),
    training:
      record.weeks.length > 0 && firstMonday !== null
        ? {
            weeks: record.weeks.map((w) => ({
              week: Math.round(relativeDay(w.weekStart, firstMonday) / 7),
              distanceKm: Math.round(w.distanceM / 100) / 10,
              runs: w.activities,
              labels: w.labelCounts,
              rampPct: w.rampPct,
              acwr: w.acwr,
            })),
            caveat: record.acwrCaveat,
          }
        : null,
    experiment: record.experiment
      ? {
          ...record.experiment,
          hypothesis: redact(record.experiment.hypothesis),
          rationale: redact(record.experiment.rationale),
          interventionProtocol: redact(record.experiment.interventionProtocol),
          comparator: redact(record.experiment.comparator),
          primaryChange: record.experiment.primaryChange === null ? null : redact(record.experiment.primaryChange),
          registration: record.experiment.registration
            ? { day: day(record.experiment.registration.at), sha256: record.experiment.registration.sha256 }
            : null,
        }
      : null,
  };
}

/** The Monday (YYYY-MM-DD, UTC) of the week containing an instant. */
function mondayOf(iso: string): string {
  const date = new Date(iso);
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  return new Date(midnight - ((new Date(midnight).getUTCDay() + 6) % 7) * DAY_MS).toISOString().slice(0, 10);
}
