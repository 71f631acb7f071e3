import { LIBRARY_CATALOGUE, type Measure, type MeasureCatalogue } from "../../shared/measures/index.js";
import type { ClientView } from "../../clients/schema.js";
import type { SessionView } from "../../clinical/sessions/schema.js";
import type { CheckinRecord } from "../tables.js";
import { checkinEntries, questionnaireEntry } from "./checkins.js";
import { sessionEntries } from "./clinical.js";
import { resource, stableUuid, SYSTEMS, type BundleEntry } from "./common.js";

export interface ClientRecord {
  client: ClientView;
  /** Practitioners of the practice; only those who saw the client are exported. */
  practitioners: readonly { id: string; name: string; email: string }[];
  sessions: readonly SessionView[];
  checkins: readonly CheckinRecord[];
  customTechniques: ReadonlyMap<string, string>;
  /** The practice's measures (its questionnaires, every version); the library's when absent. */
  catalogue?: MeasureCatalogue;
}

export interface FhirBundle {
  resourceType: "Bundle";
  id: string;
  type: "collection";
  timestamp: string;
  entry: BundleEntry[];
}

/**
 * One client's record as a FHIR R4 Bundle of type "collection": a set of resources for another
 * system to take in, not an attested clinical document (which would need a Composition and a
 * signature). Every reference is a `urn:uuid:` of an entry in the same bundle.
 */
export function clientBundle(record: ClientRecord, exportedAt: Date): FhirBundle {
  const { client } = record;
  const seen = new Set(record.sessions.map((s) => s.practitioner.id));
  const entries: BundleEntry[] = [patientEntry(client)];
  for (const practitioner of record.practitioners) {
    if (!seen.has(practitioner.id)) continue;
    entries.push(
      resource("Practitioner", practitioner.id, {
        identifier: [{ system: SYSTEMS.practitionerId, value: practitioner.id }],
        active: true,
        name: [{ text: practitioner.name }],
        telecom: [{ system: "email", value: practitioner.email, use: "work" }],
      }),
    );
  }
  for (const session of record.sessions) entries.push(...sessionEntries(session, client.id, record.customTechniques));
  const catalogue = record.catalogue ?? LIBRARY_CATALOGUE;
  // A Questionnaire for each measure asked, and for each earlier version a response was given with.
  const questionnaires = new Map<string, Measure>();
  for (const checkin of record.checkins) {
    for (const code of JSON.parse(checkin.row.measure_codes_json) as string[]) {
      const measure = catalogue.byCode(code);
      if (measure) questionnaires.set(`${measure.code}|${measure.version}`, measure);
    }
    for (const answer of checkin.versions
      .slice(0, 1)
      .flatMap((v) => Object.entries(JSON.parse(v.answers_json) as Record<string, { version?: unknown }>))) {
      const measure = typeof answer[1].version === "string" ? catalogue.byVersion(answer[0], answer[1].version) : undefined;
      if (measure) questionnaires.set(`${measure.code}|${measure.version}`, measure);
    }
  }
  for (const measure of questionnaires.values()) entries.push(questionnaireEntry(measure));
  for (const checkin of record.checkins) entries.push(...checkinEntries(checkin, catalogue));
  const timestamp = exportedAt.toISOString();
  return {
    resourceType: "Bundle",
    id: stableUuid(`Bundle/${client.id}/${timestamp}`),
    type: "collection",
    timestamp,
    entry: entries,
  };
}

function patientEntry(client: ClientView): BundleEntry {
  return resource("Patient", client.id, {
    identifier: [{ system: SYSTEMS.clientId, value: client.id }],
    active: client.archivedAt === null,
    name: [{ use: "official", family: client.lastName, given: [client.firstName], text: `${client.firstName} ${client.lastName}` }],
    telecom: [
      client.email ? { system: "email", value: client.email, use: "home" } : null,
      client.phone ? { system: "phone", value: client.phone } : null,
    ],
    birthDate: client.dateOfBirth,
  });
}
