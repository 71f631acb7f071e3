import { automaticCheckinsBySession } from "../../checkins/auto-schedule.js";
import type { Executor } from "../../db/database.js";
import type { PracticeScope } from "../../shared/scope.js";
import * as protocolRepo from "../protocols/repository.js";
import type { DirectionCode } from "../../shared/vocabulary/catalogue.js";
import { customTechniques } from "../vocabulary/service.js";
import type { Step } from "../vocabulary/validators.js";
import { describeDeviation } from "./deviation.js";
import * as repo from "./repository.js";
import type { Finding, Grade, Measures, SessionState, SessionView } from "./schema.js";

/** Builds full session views for some session rows, loading their parts in a few batched queries. */
export async function loadSessionViews(db: Executor, scope: PracticeScope, rows: repo.SessionRow[]): Promise<SessionView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const versionIds = [...new Set(rows.flatMap((r) => (r.protocol_version_id ? [r.protocol_version_id] : [])))];
  const [links, findings, steps, versions, custom, automatic, signers] = await Promise.all([
    repo.listComplaintLinks(db, scope, ids),
    repo.listFindings(db, scope, ids),
    repo.listSteps(db, scope, ids),
    protocolRepo.findVersions(db, scope, versionIds),
    customTechniques(db, scope),
    automaticCheckinsBySession(db, scope, ids),
    repo.listSigners(db, scope, ids),
  ]);
  const signerBySession = new Map(signers.map((s) => [s.session_id, s]));
  const customNames = new Map(custom.map((t) => [t.code, t.name]));
  const versionById = new Map(versions.map((v) => [v.id, v]));
  return rows.map((row) => {
    const state = toState(
      row,
      links.filter((l) => l.session_id === row.id),
      findings.filter((f) => f.session_id === row.id),
      steps.filter((s) => s.session_id === row.id),
    );
    const version = row.protocol_version_id ? versionById.get(row.protocol_version_id) : undefined;
    return {
      id: row.id,
      clientId: row.client_id,
      practitioner: { id: row.practitioner_id, name: row.practitioner_name },
      status: row.status,
      signedAt: row.signed_at,
      signedBy: signedByView(signerBySession.get(row.id)),
      ...state,
      protocol: version ? { id: version.protocol_id, name: version.name, version: Number(version.version), versionId: version.id } : null,
      deviation: version ? describeDeviation(JSON.parse(version.steps_json) as Step[], state.steps, customNames) : [],
      findings: findings.filter((f) => f.session_id === row.id).map((f) => ({ id: f.id, ...toFinding(f) })),
      steps: steps.filter((s) => s.session_id === row.id).map((s) => ({ id: s.id, ...toStep(s) })),
      amendments: Number(row.amendments),
      enteredInError: row.entered_in_error_at ? { at: row.entered_in_error_at, reason: row.entered_in_error_reason ?? "" } : null,
      automaticCheckins: automatic.get(row.id) ?? null,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      version: Number(row.version),
      updatedBy: row.updated_by ? { id: row.updated_by, name: row.updated_by_name ?? "a former practitioner" } : null,
    };
  });
}

/** The session's content as it stands (what a revision snapshots). */
export function toState(
  row: repo.SessionRow,
  links: { complaint_id: string }[],
  findings: repo.FindingRow[],
  steps: repo.StepRow[],
): SessionState {
  return {
    startedAt: row.started_at,
    complaintIds: links.map((l) => l.complaint_id),
    protocolVersionId: row.protocol_version_id,
    measures: JSON.parse(row.measures_json) as Measures,
    findings: findings.map(toFinding),
    steps: steps.map(toStep),
    soap: JSON.parse(row.soap_json) as SessionState["soap"],
    advice: row.advice,
  };
}

// The columns hold only grades and directions the request schemas accepted.
function toFinding(row: repo.FindingRow): Finding {
  const grade = (v: number | null) => (v === null ? null : (Number(v) as Grade));
  return {
    regionCode: row.region_code,
    side: row.side,
    qualities: {
      tension: grade(row.tension),
      tenderness: grade(row.tenderness),
      texture: grade(row.texture),
      adhesion: grade(row.adhesion),
      temperature: grade(row.temperature),
    },
    textureDescriptor: row.texture_descriptor,
    note: row.note,
  };
}

export function toStep(row: repo.StepRow): Step {
  return {
    technique: row.technique,
    regionCode: row.region_code,
    side: row.side,
    direction: row.direction as DirectionCode | null,
    minutes: row.minutes === null ? null : Number(row.minutes),
    intensity: row.intensity,
    note: row.note,
  };
}

function signedByView(signer: { by_practitioner_id: string; by_name: string; reason: string | null } | undefined): SessionView["signedBy"] {
  return signer ? { id: signer.by_practitioner_id, name: signer.by_name, reason: signer.reason } : null;
}
