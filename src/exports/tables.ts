import { checkinState } from "../checkins/views.js";
import type { StoredAnswer } from "../checkins/answers.js";
import type { CheckinAnswerRow, CheckinRow } from "../checkins/repository.js";
import { LIBRARY_CATALOGUE, type MeasureCatalogue } from "../shared/measures/index.js";
import type { SessionView } from "../clinical/sessions/schema.js";
import { GRADES, QUALITY_CODES, techniqueName } from "../shared/vocabulary/catalogue.js";
import { regionName } from "../shared/vocabulary/regions.js";
import type { ActivityLabel } from "../training/analysis/types.js";
import type { CsvCell, CsvTable } from "./csv.js";
import type { ActivityExportRow } from "./repository.js";

/** Pure: the loaded records → the rows of each CSV export. One row per record, ISO dates throughout. */

export const CSV_KINDS = ["sessions", "measures", "checkins", "activities"] as const;
export type CsvKind = (typeof CSV_KINDS)[number];

export interface ClientName {
  id: string;
  firstName: string;
  lastName: string;
}

/** A check-in with its answer versions, latest first. */
export interface CheckinRecord {
  row: CheckinRow;
  versions: CheckinAnswerRow[];
}

export interface ExportRecords {
  clients: ReadonlyMap<string, ClientName>;
  sessions: readonly SessionView[];
  checkins: readonly CheckinRecord[];
  activities: readonly ActivityExportRow[];
  /** The practice's own technique names by code ("custom:<id>"). */
  customTechniques: ReadonlyMap<string, string>;
  now: Date;
  /** The practice's measures, so its own questionnaires are named; the library's when absent. */
  catalogue?: MeasureCatalogue;
}

export function csvTable(kind: CsvKind, records: ExportRecords): CsvTable {
  switch (kind) {
    case "sessions":
      return sessionsTable(records);
    case "measures":
      return measuresTable(records);
    case "checkins":
      return checkinsTable(records);
    case "activities":
      return activitiesTable(records);
  }
}

function clientName(records: ExportRecords, clientId: string): string | null {
  const client = records.clients.get(clientId);
  return client ? `${client.firstName} ${client.lastName}` : null;
}

const SESSION_HEADER = [
  "session_id",
  "client_id",
  "client_name",
  "started_at",
  "practitioner",
  "status",
  "signed_at",
  "amendments",
  "protocol",
  "protocol_version",
  "pain_before",
  "tightness_before",
  "pain_after",
  "tightness_after",
  "techniques",
  "findings",
  "subjective",
  "objective",
  "assessment",
  "plan",
  "advice",
] as const;

function sessionsTable(records: ExportRecords): CsvTable {
  return {
    header: SESSION_HEADER,
    rows: records.sessions.map((s) => [
      s.id,
      s.clientId,
      clientName(records, s.clientId),
      s.startedAt,
      s.practitioner.name,
      s.status,
      s.signedAt,
      s.amendments,
      s.protocol?.name ?? null,
      s.protocol?.version ?? null,
      s.measures.pre.pain,
      s.measures.pre.tightness,
      s.measures.post.pain,
      s.measures.post.tightness,
      joinOrNull(s.steps.map((step) => describeStep(step, records.customTechniques))),
      joinOrNull(s.findings.map(describeFinding)),
      s.soap.s,
      s.soap.o,
      s.soap.a,
      s.soap.p,
      s.advice,
    ]),
  };
}

/** "Cupping, Rectus femoris, distal third (right), 5 min". */
export function describeStep(step: SessionView["steps"][number], custom: ReadonlyMap<string, string>): string {
  const parts = [techniqueName(step.technique, custom)];
  if (step.regionCode) parts.push(regionWithSide(step.regionCode, step.side));
  if (step.minutes !== null) parts.push(`${step.minutes} min`);
  if (step.direction) parts.push(step.direction.replaceAll("_", " "));
  if (step.intensity) parts.push(step.intensity);
  return parts.join(", ");
}

/** "Rectus femoris, distal third (right): tension marked, texture marked, crunchy". */
export function describeFinding(finding: SessionView["findings"][number]): string {
  const grades = QUALITY_CODES.flatMap((quality) => {
    const grade = finding.qualities[quality];
    return grade === null ? [] : [`${quality} ${GRADES[grade] ?? grade}`];
  });
  const detail = [...grades, ...(finding.textureDescriptor ? [finding.textureDescriptor] : [])];
  const place = regionWithSide(finding.regionCode, finding.side);
  return detail.length > 0 ? `${place}: ${detail.join(", ")}` : place;
}

export function regionWithSide(code: string, side: string | null): string {
  return side ? `${regionName(code)} (${side})` : regionName(code);
}

const MEASURE_HEADER = [
  "client_id",
  "client_name",
  "measured_at",
  "source",
  "session_id",
  "checkin_id",
  "measure",
  "measure_name",
  "timing",
  "score",
  "answer",
] as const;

type MeasureRow = [
  string,
  string | null,
  string,
  "session" | "checkin",
  string,
  string | null,
  string,
  string,
  string,
  number | null,
  string | null,
];

function measuresTable(records: ExportRecords): CsvTable {
  const rows: MeasureRow[] = [];
  for (const s of records.sessions) {
    const name = clientName(records, s.clientId);
    for (const [timing, pair] of [
      ["before treatment", s.measures.pre],
      ["after treatment", s.measures.post],
    ] as const) {
      if (pair.pain !== null)
        rows.push([s.clientId, name, s.startedAt, "session", s.id, null, "session-pain", "Pain (0-10)", timing, pair.pain, null]);
      if (pair.tightness !== null) {
        rows.push([
          s.clientId,
          name,
          s.startedAt,
          "session",
          s.id,
          null,
          "session-tightness",
          "Tightness (0-10)",
          timing,
          pair.tightness,
          null,
        ]);
      }
    }
  }
  for (const { row, versions } of records.checkins) {
    const latest = versions[0];
    if (!latest) continue;
    const name = clientName(records, row.client_id);
    for (const [code, answer] of Object.entries(parseAnswers(latest))) {
      rows.push([
        row.client_id,
        name,
        latest.submitted_at,
        "checkin",
        row.session_id,
        row.id,
        code,
        measureNameOf(records.catalogue ?? LIBRARY_CATALOGUE, code, answer.version),
        `day ${row.offset_days} after session`,
        answer.kind === "item-scale" || answer.kind === "patient-specific" || answer.kind === "questionnaire" ? answer.score : null,
        answerText(answer),
      ]);
    }
  }
  rows.sort((a, b) => (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0));
  return { header: MEASURE_HEADER, rows };
}

/** The name of the measure version an answer was given with (a practice questionnaire may have been renamed since). */
function measureNameOf(catalogue: MeasureCatalogue, code: string, version: string): string {
  return (catalogue.byVersion(code, version) ?? catalogue.byCode(code))?.name ?? code;
}

/** A check-in answer version's stored answers by measure code. */
export function parseAnswers(version: CheckinAnswerRow): Record<string, StoredAnswer> {
  return JSON.parse(version.answers_json) as Record<string, StoredAnswer>;
}

function answerText(answer: StoredAnswer): string | null {
  switch (answer.kind) {
    case "item-scale":
      return answer.items.length > 1 ? answer.items.map((v) => (v === null ? "" : String(v))).join(";") : null;
    case "categorical":
      return answer.text ? `${answer.category}: ${answer.text}` : answer.category;
    case "free-text":
      return answer.text;
    case "patient-specific":
      return answer.activities.map((a) => `${a.activity}: ${a.rating}`).join("; ");
    case "questionnaire":
      return `version ${answer.version}: ${answer.items.map((v) => (v === null ? "" : String(v))).join(";")}`;
  }
}

const CHECKIN_HEADER = [
  "checkin_id",
  "client_id",
  "client_name",
  "session_id",
  "plan_id",
  "offset_days",
  "measures",
  "state",
  "due_at",
  "expires_at",
  "sent_at",
  "opened_at",
  "answered_at",
  "cancelled_at",
  "answer_versions",
  "last_submitted_at",
] as const;

function checkinsTable(records: ExportRecords): CsvTable {
  return {
    header: CHECKIN_HEADER,
    rows: records.checkins.map(({ row, versions }) => [
      row.id,
      row.client_id,
      clientName(records, row.client_id),
      row.session_id,
      row.plan_id,
      Number(row.offset_days),
      (JSON.parse(row.measure_codes_json) as string[]).join(";"),
      checkinState(row, records.now),
      row.due_at,
      row.expires_at,
      row.sent_at,
      row.opened_at,
      row.answered_at,
      row.cancelled_at,
      versions.length,
      versions[0]?.submitted_at ?? null,
    ]),
  };
}

const ACTIVITY_HEADER = [
  "activity_id",
  "client_id",
  "client_name",
  "start_time",
  "local_offset_minutes",
  "sport",
  "sport_label",
  "name",
  "distance_m",
  "moving_s",
  "elapsed_s",
  "elevation_gain_m",
  "elevation_loss_m",
  "avg_pace_s_per_km",
  "avg_cadence_spm",
  "avg_heart_rate",
  "labels",
  "file_name",
  "file_format",
  "file_sha256",
] as const;

function activitiesTable(records: ExportRecords): CsvTable {
  return {
    header: ACTIVITY_HEADER,
    rows: records.activities.map((a) => [
      a.id,
      a.client_id,
      clientName(records, a.client_id),
      a.start_time,
      numberOrNull(a.local_offset_minutes),
      a.sport,
      a.sport_label,
      a.name,
      round(Number(a.distance_m), 1),
      round(Number(a.moving_s), 0),
      round(Number(a.elapsed_s), 0),
      round(Number(a.elevation_gain_m), 1),
      round(Number(a.elevation_loss_m), 1),
      roundOrNull(a.avg_pace_s_per_km, 1),
      roundOrNull(a.avg_cadence_spm, 1),
      roundOrNull(a.avg_heart_rate, 0),
      joinOrNull(
        (JSON.parse(a.labels_json) as ActivityLabel[]).map((l) => l.kind),
        ";",
      ),
      a.file_name,
      a.format,
      a.sha256,
    ]),
  };
}

function joinOrNull(parts: readonly string[], separator = " | "): CsvCell {
  return parts.length > 0 ? parts.join(separator) : null;
}

function numberOrNull(value: number | null): number | null {
  return value === null ? null : Number(value);
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function roundOrNull(value: number | null, digits: number): number | null {
  return value === null ? null : round(Number(value), digits);
}
