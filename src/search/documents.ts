import { techniqueName } from "../shared/vocabulary/catalogue.js";
import { regionName } from "../shared/vocabulary/regions.js";
import type { SearchDocumentTable, SearchKind } from "../db/tables/search.js";

/** Pure: a record → the text the search index keeps for it. */

export type SearchDocument = Omit<SearchDocumentTable, "practice_id">;

/** Lower-case and strip accents, so "Zoë" is found by "zoe" on both databases. */
export function normaliseForSearch(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase();
}

function lines(parts: (string | null | undefined)[]): string {
  return parts
    .map((p) => p?.trim() ?? "")
    .filter((p) => p.length > 0)
    .join("\n");
}

function sided(code: string | null, side: string | null): string {
  if (code === null) return "";
  const name = regionName(code);
  return side === "left" || side === "right"
    ? `${side === "left" ? "Left" : "Right"} ${name.charAt(0).toLowerCase()}${name.slice(1)}`
    : name;
}

function document(
  kind: SearchKind,
  recordId: string,
  fields: { clientId: string | null; clientName: string; title: string; body: string; enteredInError?: boolean; occurredAt: string | null },
  now: string,
): SearchDocument {
  return {
    id: `${kind}:${recordId}`,
    kind,
    record_id: recordId,
    client_id: fields.clientId,
    title: fields.title,
    body: fields.body,
    terms: normaliseForSearch(lines([fields.clientName, fields.title, fields.body])),
    entered_in_error: fields.enteredInError ? 1 : 0,
    occurred_at: fields.occurredAt,
    updated_at: now,
  };
}

export interface ClientSource {
  id: string;
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
  notes: string | null;
  goal_event_name: string | null;
}

export function clientName(client: Pick<ClientSource, "first_name" | "last_name">): string {
  return `${client.first_name} ${client.last_name}`.trim();
}

export function clientDocument(client: ClientSource, injuries: string[], now: string): SearchDocument {
  return document(
    "client",
    client.id,
    {
      clientId: client.id,
      clientName: "",
      title: clientName(client),
      body: lines([client.email, client.phone, client.goal_event_name, ...injuries, client.notes]),
      occurredAt: null,
    },
    now,
  );
}

export interface ComplaintSource {
  id: string;
  client_id: string;
  title: string;
  side: string | null;
  regions_json: string;
  onset_on: string | null;
  triggers_json: string;
  notes: string | null;
}

export function complaintDocument(complaint: ComplaintSource, client: string, now: string): SearchDocument {
  const regions = (JSON.parse(complaint.regions_json) as string[]).map((code) => regionName(code));
  const triggers = JSON.parse(complaint.triggers_json) as string[];
  return document(
    "complaint",
    complaint.id,
    {
      clientId: complaint.client_id,
      clientName: client,
      title: complaint.title,
      body: lines([regions.join(", "), triggers.join(", "), complaint.notes]),
      occurredAt: complaint.onset_on,
    },
    now,
  );
}

export interface SessionSource {
  id: string;
  client_id: string;
  started_at: string;
  soap_json: string;
  advice: string | null;
  entered_in_error_at: string | null;
}

export interface FindingSource {
  region_code: string;
  side: string | null;
  texture_descriptor: string | null;
  note: string | null;
}

export interface StepSource {
  technique: string;
  region_code: string | null;
  side: string | null;
  note: string | null;
}

/** A session note: titled by where the findings were, its text the findings, steps, SOAP and advice. */
export function sessionDocument(
  session: SessionSource,
  findings: FindingSource[],
  steps: StepSource[],
  client: string,
  customTechniques: ReadonlyMap<string, string>,
  now: string,
): SearchDocument {
  const soap = JSON.parse(session.soap_json) as Partial<Record<"s" | "o" | "a" | "p", string | null>>;
  const findingLines = findings.map((f) => lines([sided(f.region_code, f.side), f.texture_descriptor, f.note]).replace(/\n/g, ": "));
  const stepLines = steps.map((s) =>
    lines([techniqueName(s.technique, customTechniques), sided(s.region_code, s.side), s.note]).replace(/\n/g, ", "),
  );
  const regions = [...new Set(findings.map((f) => sided(f.region_code, f.side)))];
  return document(
    "session",
    session.id,
    {
      clientId: session.client_id,
      clientName: client,
      title: regions.length > 0 ? regions.join("; ") : "Session note",
      body: lines([...findingLines, ...stepLines, soap.s, soap.o, soap.a, soap.p, session.advice]),
      enteredInError: session.entered_in_error_at !== null,
      occurredAt: session.started_at,
    },
    now,
  );
}

export interface ProtocolSource {
  protocol_id: string;
  name: string;
  description: string | null;
  steps_json: string;
}

export function protocolDocument(version: ProtocolSource, customTechniques: ReadonlyMap<string, string>, now: string): SearchDocument {
  const steps = JSON.parse(version.steps_json) as {
    technique: string;
    regionCode: string | null;
    side: string | null;
    note?: string | null;
  }[];
  const stepLines = steps.map((s) =>
    lines([techniqueName(s.technique, customTechniques), sided(s.regionCode, s.side), s.note]).replace(/\n/g, ", "),
  );
  return document(
    "protocol",
    version.protocol_id,
    { clientId: null, clientName: "", title: version.name, body: lines([version.description, ...stepLines]), occurredAt: null },
    now,
  );
}
