import { bumpVersion, claimVersion, currentVersion, lockRow } from "../db/concurrency.js";
import type { Database, Executor } from "../db/database.js";
import type { ConsentKind } from "../db/schema.js";
import { findPractice } from "../practices/repository.js";
import { conflict, notFound, staleVersion } from "../platform/errors.js";
import type { Clock } from "../shared/clock.js";
import { newId } from "../shared/ids.js";
import type { Actor, PracticeScope } from "../shared/scope.js";
import * as repo from "./repository.js";
import type { ClientFields } from "./repository.js";
import type { ClientSummaryView, ClientView, CreateClientRequest, ListClientsQuery, UpdateClientRequest } from "./schema.js";
import { toClientSummary, toClientView } from "./views.js";
import { loadClientListColumns, NO_COLUMNS } from "./list-columns.js";
import { can } from "../shared/policy.js";
import { indexClient } from "../search/indexer.js";
import { recordProfileRevision, snapshotProfile } from "./profile-history.js";

export interface ClientDeps {
  database: Database;
  clock: Clock;
}

export async function createClient(
  deps: ClientDeps,
  scope: PracticeScope & { practitionerId?: string },
  input: CreateClientRequest,
): Promise<ClientView> {
  const now = deps.clock.now().toISOString();
  const id = newId();
  await deps.database.db.transaction().execute(async (tx) => {
    const practice = await findPractice(tx, scope);
    const fields = profileFields(input, { first_name: input.firstName, last_name: input.lastName });
    await assertEmailFree(tx, scope, fields.email_key ?? null);
    await repo.insertClient(tx, scope, {
      ...emptyProfile(practice?.timeZone ?? "UTC"),
      ...fields,
      first_name: input.firstName,
      last_name: input.lastName,
      search_text: repo.searchText({ first_name: input.firstName, last_name: input.lastName, email: fields.email ?? null }),
      id,
      created_at: now,
      updated_at: now,
      updated_by: scope.practitionerId ?? null,
    });
    await replaceLists(tx, scope, id, input);
    await indexClient(tx, scope, id, now);
  });
  return getClient(deps, scope, id);
}

/** Edits a client, only if it is still at the version the edit was based on (409 stale_version otherwise). */
export async function updateClient(deps: ClientDeps, actor: Actor, id: string, input: UpdateClientRequest): Promise<ClientView> {
  const now = deps.clock.now().toISOString();
  await deps.database.db.transaction().execute(async (tx) => {
    if (!(await claimVersion(tx, "client", actor, id, input.version, actor.practitionerId, now))) throw await refusal(deps, tx, actor, id);
    const before = await snapshotProfile(tx, actor, id);
    await applyProfileUpdate(tx, actor, id, input);
    await recordProfileRevision(tx, actor, id, { before, at: now, by: actor.practitionerId, source: "edit" });
    await indexClient(tx, actor, id, now);
  });
  return getClient(deps, actor, id);
}

/**
 * Writes the fields present in `input` to the client, inside the caller's transaction (which has
 * claimed or locked the client): the edit form's path and an accepted intake's.
 */
export async function applyProfileUpdate(
  tx: Executor,
  scope: PracticeScope,
  id: string,
  input: Omit<UpdateClientRequest, "version">,
): Promise<void> {
  const current = await repo.findClient(tx, scope, id);
  if (!current) throw notFound("Client");
  const fields = profileFields(input, {
    ...(input.firstName !== undefined ? { first_name: input.firstName } : {}),
    ...(input.lastName !== undefined ? { last_name: input.lastName } : {}),
  });
  if (fields.email_key !== undefined) await assertEmailFree(tx, scope, fields.email_key, id);
  const merged = { ...current, ...fields };
  await repo.updateClient(tx, scope, id, { ...fields, search_text: repo.searchText(merged) });
  await replaceLists(tx, scope, id, input);
}

/** A refused compare-and-set: the client is gone (404) or was changed since (409 with it as it is now). */
async function refusal(deps: ClientDeps, db: Executor, scope: PracticeScope, id: string) {
  const current = await currentVersion(db, "client", scope, id);
  if (!current) return notFound("Client");
  return staleVersion("client", current, await getClient({ ...deps, database: { ...deps.database, db } }, scope, id));
}

export async function getClient(deps: ClientDeps, scope: PracticeScope, id: string): Promise<ClientView> {
  const db = deps.database.db;
  const row = await repo.findClient(db, scope, id);
  if (!row) throw notFound("Client");
  const [injuries, selfCare, consents] = await Promise.all([
    repo.listInjuries(db, scope, id),
    repo.listSelfCare(db, scope, id),
    repo.listConsentEvents(db, scope, id),
  ]);
  const version = await currentVersion(db, "client", scope, id);
  return toClientView(row, injuries, selfCare, consents, version?.updatedBy ?? null);
}

export async function listClients(
  deps: ClientDeps,
  actor: Actor,
  query: ListClientsQuery,
): Promise<{ clients: ClientSummaryView[]; total: number }> {
  const db = deps.database.db;
  const { rows, total } = await repo.listClients(db, actor, query);
  const ids = rows.map((r) => r.id);
  const columns = await loadClientListColumns(db, actor, ids, deps.clock.now().toISOString(), can(actor, "clinical.read"));
  return { clients: rows.map((row) => toClientSummary(row, columns.get(row.id) ?? NO_COLUMNS)), total };
}

/** Archives or restores a client; doing what is done already changes nothing. */
export async function setArchived(deps: ClientDeps, actor: Actor, id: string, archived: boolean): Promise<ClientView> {
  const now = deps.clock.now().toISOString();
  await deps.database.db.transaction().execute(async (tx) => {
    if (!(await lockRow(tx, "client", actor, id))) throw notFound("Client");
    const current = await repo.findClient(tx, actor, id);
    if (!current) throw notFound("Client");
    if ((current.archived_at !== null) === archived) return;
    await repo.setClientArchived(tx, actor, id, archived ? now : null, now);
    await bumpVersion(tx, "client", actor, id, actor.practitionerId, now);
  });
  return getClient(deps, actor, id);
}

/**
 * Records that the client gave or withdrew a consent on a day (today unless said otherwise).
 * Consent events of one client are appended one at a time (the client row is locked), and
 * recording what the latest event already says changes nothing: 50 identical requests at once
 * leave one event.
 */
export async function recordConsent(
  deps: ClientDeps,
  actor: Actor,
  clientId: string,
  kind: ConsentKind,
  input: { granted: boolean; on?: string | undefined },
): Promise<ClientView> {
  const now = deps.clock.now();
  await deps.database.db.transaction().execute(async (tx) => {
    if (!(await lockRow(tx, "client", actor, clientId))) throw notFound("Client");
    const client = await repo.findClient(tx, actor, clientId);
    if (!client) throw notFound("Client");
    const effectiveOn = input.on ?? localDate(now, client.time_zone);
    const latest = (await repo.listConsentEvents(tx, actor, clientId)).filter((e) => e.kind === kind).at(-1);
    if (latest && Number(latest.granted) === (input.granted ? 1 : 0) && latest.effective_on === effectiveOn) return;
    await repo.appendConsentEvent(tx, actor, {
      id: newId(),
      client_id: clientId,
      kind,
      granted: input.granted ? 1 : 0,
      effective_on: effectiveOn,
      recorded_at: now.toISOString(),
      recorded_by: actor.practitionerId,
    });
    await bumpVersion(tx, "client", actor, clientId, actor.practitionerId, now.toISOString());
  });
  return getClient(deps, actor, clientId);
}

async function assertEmailFree(db: Executor, scope: PracticeScope, emailKey: string | null, exceptId?: string): Promise<void> {
  if (emailKey === null) return;
  if (await repo.isClientEmailTaken(db, scope, emailKey, exceptId)) {
    throw conflict("email_taken", "Another client of this practice already has this email", { email: "is already used by another client" });
  }
}

function emptyProfile(timeZone: string): Omit<ClientFields, "first_name" | "last_name" | "search_text" | "updated_at"> {
  return {
    email: null,
    email_key: null,
    phone: null,
    date_of_birth: null,
    time_zone: timeZone,
    locale: null,
    notes: null,
    years_running: null,
    weekly_km: null,
    goal_event_name: null,
    goal_event_date: null,
    goal_event_distance_km: null,
  };
}

/** Maps the fields present in a request to columns; absent fields stay untouched. */
function profileFields(input: Omit<UpdateClientRequest, "version">, names: Partial<ClientFields>): Partial<ClientFields> {
  const fields: Partial<ClientFields> = { ...names };
  if (input.email !== undefined) {
    fields.email = input.email;
    fields.email_key = input.email?.toLowerCase() ?? null;
  }
  if (input.phone !== undefined) fields.phone = input.phone;
  if (input.dateOfBirth !== undefined) fields.date_of_birth = input.dateOfBirth;
  if (input.timeZone !== undefined) fields.time_zone = input.timeZone;
  if (input.locale !== undefined) fields.locale = input.locale;
  if (input.notes !== undefined) fields.notes = input.notes;
  const running = input.running;
  if (running?.yearsRunning !== undefined) fields.years_running = running.yearsRunning;
  if (running?.weeklyKm !== undefined) fields.weekly_km = running.weeklyKm;
  if (running?.goalEvent !== undefined) {
    fields.goal_event_name = running.goalEvent?.name ?? null;
    fields.goal_event_date = running.goalEvent?.date ?? null;
    fields.goal_event_distance_km = running.goalEvent?.distanceKm ?? null;
  }
  return fields;
}

async function replaceLists(
  db: Executor,
  scope: PracticeScope,
  clientId: string,
  input: Omit<UpdateClientRequest, "version">,
): Promise<void> {
  if (input.injuries) {
    await repo.replaceInjuries(
      db,
      scope,
      clientId,
      input.injuries.map((injury, position) => ({
        id: newId(),
        position,
        description: injury.description,
        region: injury.region ?? null,
        side: injury.side ?? null,
        occurred_on: injury.occurredOn ?? null,
        resolved: injury.resolved ? 1 : 0,
        notes: injury.notes ?? null,
      })),
    );
  }
  if (input.selfCare) {
    await repo.replaceSelfCare(
      db,
      scope,
      clientId,
      input.selfCare.map((entry, position) => ({
        id: newId(),
        position,
        method: entry.method,
        detail: entry.detail ?? null,
        effect: entry.effect,
        notes: entry.notes ?? null,
      })),
    );
  }
}

/** The calendar day it is now in a time zone, as YYYY-MM-DD. */
export function localDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
}
