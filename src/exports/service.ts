import type { AuditTouched } from "../audit/declare.js";
import * as checkinRepo from "../checkins/repository.js";
import * as clientRepo from "../clients/repository.js";
import { getClient } from "../clients/service.js";
import { listSessions } from "../clinical/sessions/service.js";
import { loadSessionViews } from "../clinical/sessions/views.js";
import { customTechniques } from "../clinical/vocabulary/service.js";
import type { SessionView } from "../clinical/sessions/schema.js";
import type { ClientView } from "../clients/schema.js";
import type { Database, Executor } from "../db/database.js";
import { listPractitioners } from "../practices/repository.js";
import { listTreatingPractitionerIds } from "../clinical/sessions/repository.js";
import { assertCan } from "../platform/authorize.js";
import { notFound } from "../platform/errors.js";
import type { Clock } from "../shared/clock.js";
import type { Actor, PracticeScope } from "../shared/scope.js";
import type { BlobStore } from "../platform/storage/blob-store.js";
import { csvDocument } from "./csv.js";
import { clientBundle, type FhirBundle } from "./fhir/bundle.js";
import { loadCatalogue } from "../questionnaires/service.js";
import { attachment, slug } from "./file-names.js";
import * as repo from "./repository.js";
import { csvTable, type CheckinRecord, type ClientName, type CsvKind, type ExportRecords } from "./tables.js";

export interface ExportDeps {
  database: Database;
  clock: Clock;
  blobs: BlobStore;
}

/** IN-lists are read in slices of this many ids, well inside both databases' parameter limits. */
const ID_BATCH = 500;
const CLIENT_PAGE = 500;

export interface Download<Body> {
  body: Body;
  contentType: string;
  contentDisposition: string;
  /**
   * What the export holds, for the route to declare to the audit log (ids and counts only). The
   * event is written before the body is sent, and a failure to write it refuses the export.
   */
  audit: AuditTouched;
}

/** A practice-wide CSV (or one client's, when `clientId` is given). */
export async function csvExport(deps: ExportDeps, actor: Actor, kind: CsvKind, clientId?: string): Promise<Download<string>> {
  // Every client's record at once is more than an assistant's work needs; one client's is for its treating therapists.
  if (clientId === undefined) assertCan(actor, "practice.export");
  else await assertMayExportClient(deps, actor, clientId);
  const records = await loadRecords(deps, actor, kind, clientId);
  const client = clientId === undefined ? undefined : records.clients.get(clientId);
  const who = client ? `-${clientSlug(client)}` : "";
  const table = csvTable(kind, records);
  return {
    body: csvDocument(table),
    contentType: "text/csv; charset=utf-8",
    contentDisposition: attachment(`palpable-${kind}${who}-${today(deps)}.csv`),
    audit: { resourceId: clientId ?? null, clientId: clientId ?? null, detail: { rows: table.rows.length } },
  };
}

/** One client's record as a FHIR R4 collection Bundle. */
export async function fhirExport(deps: ExportDeps, actor: Actor, clientId: string): Promise<Download<FhirBundle>> {
  await assertMayExportClient(deps, actor, clientId);
  const { bundle, client } = await buildClientBundle(deps, actor, clientId);
  return {
    body: bundle,
    contentType: "application/fhir+json; charset=utf-8",
    contentDisposition: attachment(`palpable-${clientSlug(client)}-fhir-${today(deps)}.json`),
    audit: { resourceId: clientId, clientId, detail: { resources: bundle.entry.length } },
  };
}

export async function buildClientBundle(
  deps: ExportDeps,
  scope: PracticeScope,
  clientId: string,
): Promise<{ bundle: FhirBundle; client: ClientView }> {
  const db = deps.database.db;
  const client = await getClient(deps, scope, clientId);
  const [sessions, checkins, practitioners, custom, catalogue] = await Promise.all([
    listSessions(deps, scope, clientId),
    checkinRepo.listClientCheckins(db, scope, clientId).then((rows) => loadCheckins(db, scope, rows)),
    listPractitioners(db, scope),
    customTechniqueNames(db, scope),
    loadCatalogue(db, scope),
  ]);
  // The sessions service lists newest first; a record reads oldest first.
  const record = { client, practitioners, sessions: [...sessions].reverse(), checkins, customTechniques: custom, catalogue };
  return { bundle: clientBundle(record, deps.clock.now()), client };
}

/**
 * One client's record leaves the practice only with an owner or a practitioner who treats the
 * client. An unknown (or another practice's) client is 404 first, so the refusal reveals nothing.
 */
export async function assertMayExportClient(deps: ExportDeps, actor: Actor, clientId: string): Promise<void> {
  if (!(await clientRepo.findClient(deps.database.db, actor, clientId))) throw notFound("Client");
  const treatingPractitionerIds = await listTreatingPractitionerIds(deps.database.db, actor, clientId);
  assertCan(actor, "client.export", { treatingPractitionerIds });
}

export function clientSlug(client: { firstName: string; lastName: string }): string {
  return slug(`${client.firstName} ${client.lastName}`, "client");
}

/** Loads what one CSV kind needs: a practice's records, or one client's. */
export async function loadRecords(deps: ExportDeps, scope: PracticeScope, kind: CsvKind, clientId?: string): Promise<ExportRecords> {
  const db = deps.database.db;
  const clients = await clientNames(db, scope, clientId);
  const needsSessions = kind === "sessions" || kind === "measures";
  const needsCheckins = kind === "checkins" || kind === "measures";
  const [sessions, checkins, activities, custom, catalogue] = await Promise.all([
    needsSessions ? loadSessions(db, scope, clientId) : Promise.resolve([]),
    needsCheckins ? repo.listPracticeCheckins(db, scope, clientId).then((rows) => loadCheckins(db, scope, rows)) : Promise.resolve([]),
    kind === "activities" ? repo.listPracticeActivities(db, scope, clientId) : Promise.resolve([]),
    needsSessions ? customTechniqueNames(db, scope) : Promise.resolve(new Map<string, string>()),
    loadCatalogue(db, scope),
  ]);
  return { clients, sessions, checkins, activities, customTechniques: custom, now: deps.clock.now(), catalogue };
}

async function clientNames(db: Executor, scope: PracticeScope, clientId?: string): Promise<Map<string, ClientName>> {
  const toName = (row: clientRepo.ClientRow): [string, ClientName] => [
    row.id,
    { id: row.id, firstName: row.first_name, lastName: row.last_name },
  ];
  if (clientId !== undefined) {
    const row = await clientRepo.findClient(db, scope, clientId);
    if (!row) throw notFound("Client");
    return new Map([toName(row)]);
  }
  const names = new Map<string, ClientName>();
  for (let offset = 0; ; offset += CLIENT_PAGE) {
    const { rows } = await clientRepo.listClients(db, scope, { status: "all", limit: CLIENT_PAGE, offset });
    for (const row of rows) names.set(...toName(row));
    if (rows.length < CLIENT_PAGE) return names;
  }
}

async function loadSessions(db: Executor, scope: PracticeScope, clientId?: string): Promise<SessionView[]> {
  const rows = await repo.listPracticeSessions(db, scope, clientId);
  const views: SessionView[] = [];
  for (const slice of slices(rows)) views.push(...(await loadSessionViews(db, scope, slice)));
  return views;
}

/** Check-ins with their answer versions, latest first. */
async function loadCheckins(db: Executor, scope: PracticeScope, rows: checkinRepo.CheckinRow[]): Promise<CheckinRecord[]> {
  const byCheckin = new Map<string, checkinRepo.CheckinAnswerRow[]>();
  for (const slice of slices(rows)) {
    const answers = await checkinRepo.listAnswers(
      db,
      scope,
      slice.map((r) => r.id),
    );
    for (const answer of answers) byCheckin.set(answer.checkin_id, [...(byCheckin.get(answer.checkin_id) ?? []), answer]);
  }
  return rows.map((row) => ({
    row,
    versions: [...(byCheckin.get(row.id) ?? [])].sort((a, b) => Number(b.version) - Number(a.version)),
  }));
}

async function customTechniqueNames(db: Executor, scope: PracticeScope): Promise<Map<string, string>> {
  return new Map((await customTechniques(db, scope)).map((t) => [t.code, t.name]));
}

function* slices<T>(items: readonly T[]): Generator<T[]> {
  for (let start = 0; start < items.length; start += ID_BATCH) yield items.slice(start, start + ID_BATCH);
}

function today(deps: ExportDeps): string {
  return deps.clock.now().toISOString().slice(0, 10);
}
