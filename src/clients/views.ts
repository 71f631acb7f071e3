import type { ConsentKind } from "../db/schema.js";
import type { ClientListColumns } from "./list-columns.js";
import type { ClientRow, ConsentEventRow, InjuryRow, SelfCareRow } from "./repository.js";
import type { ClientSummaryView, ClientView, ConsentView } from "./schema.js";

/** Row → API shapes. Kept apart from the service so the mapping is easy to read in one place. */

export function toClientView(
  row: ClientRow,
  injuries: InjuryRow[],
  selfCare: SelfCareRow[],
  consents: ConsentEventRow[],
  updatedBy: ClientView["updatedBy"] = null,
): ClientView {
  return {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    phone: row.phone,
    dateOfBirth: row.date_of_birth,
    timeZone: row.time_zone,
    notes: row.notes,
    running: {
      yearsRunning: numberOrNull(row.years_running),
      weeklyKm: numberOrNull(row.weekly_km),
      goalEvent: goalEvent(row),
    },
    injuries: injuries.map((i) => ({
      id: i.id,
      description: i.description,
      region: i.region,
      side: i.side,
      occurredOn: i.occurred_on,
      resolved: i.resolved === 1,
      notes: i.notes,
    })),
    selfCare: selfCare.map((s) => ({ id: s.id, method: s.method, detail: s.detail, effect: s.effect, notes: s.notes })),
    consents: {
      checkinMessages: consentView(consents, "checkin_messages"),
      anonymisedCaseReports: consentView(consents, "anonymised_case_reports"),
    },
    archivedAt: row.archived_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: Number(row.version),
    updatedBy,
  };
}

export function toClientSummary(row: ClientRow, columns: ClientListColumns): ClientSummaryView {
  return {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    phone: row.phone,
    weeklyKm: numberOrNull(row.weekly_km),
    goalEvent: goalEvent(row),
    archivedAt: row.archived_at,
    updatedAt: row.updated_at,
    version: Number(row.version),
    ...columns,
  };
}

function goalEvent(row: ClientRow): ClientView["running"]["goalEvent"] {
  if (row.goal_event_name === null) return null;
  return { name: row.goal_event_name, date: row.goal_event_date, distanceKm: numberOrNull(row.goal_event_distance_km) };
}

/** How a consent change the client made themself (an e-mail's unsubscribe link, their intake link) is attributed. */
export const CLIENT_BY_LINK = "The client, through their own link";

/** Consent is whatever the latest recorded event says; no event means never given. */
function consentView(events: ConsentEventRow[], kind: ConsentKind): ConsentView {
  const history = events
    .filter((e) => e.kind === kind)
    .map((e) => ({
      granted: e.granted === 1,
      on: e.effective_on,
      recordedAt: e.recorded_at,
      recordedBy: e.recorded_by_name ?? CLIENT_BY_LINK,
    }));
  const latest = history.at(-1);
  return { granted: latest?.granted ?? false, on: latest?.on ?? null, history };
}

function numberOrNull(value: number | null): number | null {
  return value === null ? null : Number(value);
}
